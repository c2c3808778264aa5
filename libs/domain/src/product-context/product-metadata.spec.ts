import { EMPTY_PRODUCT } from '@app/providers';
import { missingProductFields } from '@app/providers';
import { mergeTurn, sameMetadata, toProductMetadata } from './product-metadata';

const base = { ...EMPTY_PRODUCT, product: 'Fleetwise', industries: ['Automotive', 'Rail'] };

describe('product metadata', () => {
  it('reads stored or model metadata as a complete object, dropping unknown keys and blanks', () => {
    expect(toProductMetadata(null)).toEqual(EMPTY_PRODUCT);
    expect(
      toProductMetadata({
        product: '  Fleetwise ',
        tone: '',
        industries: ['Automotive', ' automotive ', 7, ''],
        extra: 'dropped',
      }),
    ).toEqual({ ...EMPTY_PRODUCT, product: 'Fleetwise', industries: ['Automotive'] });
  });

  it('names the fields still unknown', () => {
    expect(missingProductFields(base)).toEqual([
      'description',
      'value_propositions',
      'ideal_customer',
      'tone',
    ]);
  });

  it('compares lists case-insensitively and in order', () => {
    expect(sameMetadata(base, { ...base, industries: ['automotive', 'RAIL'] })).toBe(true);
    expect(sameMetadata(base, { ...base, industries: ['Rail', 'Automotive'] })).toBe(false);
  });

  describe('mergeTurn (a turn applied to metadata another chat changed meanwhile)', () => {
    it('keeps the other change of a field the turn did not touch', () => {
      const turn = { ...base, tone: 'Friendly' };
      const current = { ...base, description: 'Supply-chain SaaS' };
      expect(mergeTurn(base, turn, current)).toEqual({
        ...base,
        tone: 'Friendly',
        description: 'Supply-chain SaaS',
      });
    });

    it("takes the turn's value of a field it changed, and clears what it cleared", () => {
      const turn = { ...base, product: 'Fleetwise Pro', ideal_customer: null };
      const current = { ...base, product: 'Other', ideal_customer: 'CTOs' };
      expect(mergeTurn(base, turn, current)).toMatchObject({
        product: 'Fleetwise Pro',
        ideal_customer: 'CTOs',
      });
    });

    it('adds the list items the turn added and removes those it removed, keeping the others’ additions', () => {
      const turn = { ...base, industries: ['Automotive', 'Logistics'] };
      const current = { ...base, industries: ['Automotive', 'Rail', 'Healthcare'] };
      expect(mergeTurn(base, turn, current).industries).toEqual(['Automotive', 'Healthcare', 'Logistics']);
    });
  });
});
