import { ProviderError, ReplyClassification } from '@app/providers';
import { describeReferral, keywordUnsubscribe, normalizeClassification } from './classification-result';

const base: ReplyClassification = {
  label: 'interested',
  confidence: 0.9,
  reason: 'Asks for details.',
  return_date: null,
  referral: null,
  language: 'en',
};

describe('classification results', () => {
  it('keeps a valid answer as it is', () => {
    expect(normalizeClassification(base)).toEqual(base);
  });

  it('refuses an unknown label as an invalid response (the local provider is asked instead)', () => {
    const bad = { ...base, label: 'hot_lead' } as unknown as ReplyClassification;
    expect(() => normalizeClassification(bad)).toThrow(ProviderError);
    try {
      normalizeClassification(bad);
    } catch (err) {
      expect(err).toMatchObject({ kind: 'invalid_response', retryable: false });
    }
  });

  it('bounds the confidence, fills a missing reason and keeps only real dates', () => {
    expect(normalizeClassification({ ...base, confidence: 3, reason: '  ' })).toMatchObject({
      confidence: 1,
      reason: 'Classified interested.',
    });
    expect(normalizeClassification({ ...base, confidence: Number.NaN }).confidence).toBe(0.5);
    const ooo = { ...base, label: 'out_of_office' as const };
    expect(normalizeClassification({ ...ooo, return_date: '2026-12-14' }).return_date).toBe('2026-12-14');
    expect(normalizeClassification({ ...ooo, return_date: '2026-02-30' }).return_date).toBeNull();
    expect(normalizeClassification({ ...ooo, return_date: 'Monday' }).return_date).toBeNull();
    // A date only means something on an out-of-office reply.
    expect(normalizeClassification({ ...base, return_date: '2026-12-14' }).return_date).toBeNull();
  });

  it('keeps a referral only on wrong_person and only with something in it', () => {
    const wrong = { ...base, label: 'wrong_person' as const };
    const jane = { name: 'Jane Smith', email: 'jane@acme.com', phone: null };
    expect(normalizeClassification({ ...wrong, referral: jane }).referral).toEqual(jane);
    expect(
      normalizeClassification({ ...wrong, referral: { name: ' ', email: null, phone: null } }).referral,
    ).toBeNull();
    expect(normalizeClassification({ ...base, referral: jane }).referral).toBeNull();
  });

  it('describes a referral for the activity log', () => {
    expect(describeReferral({ name: 'Jane Smith', email: 'jane@acme.com', phone: null })).toBe(
      'Jane Smith (jane@acme.com)',
    );
    expect(describeReferral({ name: null, email: null, phone: '+14155550100' })).toBe('+14155550100');
    expect(describeReferral(null)).toBeNull();
  });

  it('reads a STOP keyword as an unsubscribe without a model', () => {
    expect(keywordUnsubscribe('STOP')).toMatchObject({ label: 'unsubscribe', confidence: 1 });
  });
});
