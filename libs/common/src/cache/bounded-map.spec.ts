import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('drops the oldest entry past its bound, and a re-set entry counts as new', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([...map.entries()]).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
  });
});
