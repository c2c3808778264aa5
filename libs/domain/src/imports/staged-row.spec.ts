import { mapColumns } from './header-mapping';
import { stageRecord } from './staged-row';

const context = {
  columns: mapColumns(['First Name', 'Phone']).columns,
  countries: ['GB'],
  tags: [],
  idPrefix: '00000000',
};
const fieldsInError = (firstName: string) =>
  stageRecord([firstName, '+447911123456'], 1, context).errors.map((e) => e.field);

describe('stageRecord column lengths', () => {
  it('takes 100 emoji beyond the BMP as a first name: 100 code points fill varchar(100), 200 UTF-16 units do not count', () => {
    expect(fieldsInError('\u{1F600}'.repeat(100))).toEqual([]);
  });

  it('refuses 101 code points, and 50 "❤️" counted as the 100 they are plus one', () => {
    expect(fieldsInError('\u{1F600}'.repeat(101))).toEqual(['first_name']);
    expect(fieldsInError(`${'\u2764\ufe0f'.repeat(50)}a`)).toEqual(['first_name']);
  });
});
