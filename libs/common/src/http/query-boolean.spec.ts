import { plainToInstance } from 'class-transformer';
import { QueryBoolean } from './query-boolean';

class Query {
  @QueryBoolean() flag?: unknown;
}

const read = (flag: unknown) => plainToInstance(Query, { flag }).flag;

describe('QueryBoolean', () => {
  it('reads true and false in any case', () => {
    for (const flag of ['true', 'TRUE', 'True', 'tRUE']) expect(read(flag)).toBe(true);
    for (const flag of ['false', 'FALSE', 'False']) expect(read(flag)).toBe(false);
  });

  it('leaves anything else as sent, for validation to refuse', () => {
    for (const flag of ['maybe', 'yes', '1', '', ' true', 1, null, undefined, ['true']])
      expect(read(flag)).toEqual(flag);
  });
});
