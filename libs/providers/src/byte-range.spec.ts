import { parseRange, RangeNotSatisfiableError, resolveRange } from './byte-range';

describe('byte ranges (RFC 9110 §14.1.2)', () => {
  it.each([
    ['bytes=0-99', { first: 0, last: 99 }],
    ['bytes=100-', { first: 100, last: null }],
    ['bytes=-500', { suffix: 500 }],
    ['Bytes= 5-5 ', { first: 5, last: 5 }],
  ])('reads %s', (header, range) => {
    expect(parseRange(header)).toEqual(range);
  });

  it.each([undefined, '', 'bytes=0-9,20-29', 'items=0-9', 'bytes=9-0', 'bytes=-', 'bytes=a-b', 'bytes 0-9'])(
    'ignores %p: the whole file is answered',
    (header) => {
      expect(parseRange(header)).toBeUndefined();
    },
  );

  it('selects the bytes of a file, cut at its end', () => {
    expect(resolveRange({ first: 0, last: 99 }, 1000)).toEqual({ start: 0, end: 99, total: 1000 });
    expect(resolveRange({ first: 900, last: 5000 }, 1000)).toEqual({ start: 900, end: 999, total: 1000 });
    expect(resolveRange({ first: 10, last: null }, 1000)).toEqual({ start: 10, end: 999, total: 1000 });
    expect(resolveRange({ suffix: 100 }, 1000)).toEqual({ start: 900, end: 999, total: 1000 });
    expect(resolveRange({ suffix: 5000 }, 1000)).toEqual({ start: 0, end: 999, total: 1000 });
  });

  it.each([
    [{ first: 1000, last: null }, 1000],
    [{ first: 2000, last: 3000 }, 1000],
    [{ suffix: 0 }, 1000],
    [{ suffix: 10 }, 0],
  ])('refuses %p of %d bytes as not satisfiable', (range, total) => {
    expect(() => resolveRange(range, total)).toThrow(RangeNotSatisfiableError);
  });
});
