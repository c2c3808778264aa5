import { mergePatch } from './merge-patch';

describe('mergePatch (RFC 7396)', () => {
  it('merges objects all the way down, removes keys set to null, replaces values and arrays', () => {
    const target = { scoring: { intent: { question: 60 }, qualified_threshold: 70 }, tags: ['a'], gone: 1 };
    expect(
      mergePatch(target, { scoring: { qualified_threshold: 80 }, tags: ['b'], gone: null, added: 'x' }),
    ).toEqual({
      scoring: { intent: { question: 60 }, qualified_threshold: 80 },
      tags: ['b'],
      added: 'x',
    });
    expect(target.scoring.qualified_threshold).toBe(70);
  });

  it("follows the RFC's examples", () => {
    expect(mergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(mergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(mergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch(['a', 'b'], ['c', 'd'])).toEqual(['c', 'd']);
    expect(mergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(mergePatch([1, 2], { a: 'b', c: null })).toEqual({ a: 'b' });
    expect(mergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });
});
