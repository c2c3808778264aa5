import { nestsDeeperThan } from './nesting-depth';

describe('nestsDeeperThan', () => {
  const nested = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = i % 2 ? { k: value } : [value];
    return value;
  };

  it('counts objects and arrays alike; scalars are no level', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan({ a: [1, 2], b: { c: null } }, 2)).toBe(false);
    expect(nestsDeeperThan({ a: [1, 2], b: { c: [] } }, 2)).toBe(true);
  });

  it('walks a value nested 100,000 deep without recursion', () => {
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true);
  });
});
