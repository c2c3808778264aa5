import { mapColumns } from './header-mapping';
import { storedColumns } from './stored-columns';

describe('storedColumns', () => {
  it('gives back a stored list as the columns', () => {
    const { columns } = mapColumns(['Name', 'Phone']);
    expect(storedColumns(JSON.parse(JSON.stringify(columns)))).toEqual(columns);
    expect(storedColumns([])).toEqual([]);
  });

  it.each([
    ['not a list', 'a string'],
    [{ kind: 'field', field: 'phone' }, 'an object'],
    [null, 'null'],
    [3, 'a number'],
  ])('refuses %j, saying what it is', (stored, kind) => {
    expect(() => storedColumns(stored)).toThrow(
      `The import's stored column mapping is not a list (it is ${kind})`,
    );
  });
});
