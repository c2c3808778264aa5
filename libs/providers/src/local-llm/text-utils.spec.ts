import { truncate } from './text-utils';

describe('truncate', () => {
  it('cuts at a word boundary with an ellipsis, and never inside an emoji', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('one two three four', 10)).toBe('one two…');
    expect(truncate(`abcd\u{1F600}efgh`, 6)).toBe('abcd…');
    expect(truncate(`\u{1F600}\u{1F600}`, 2)).toBe('…');
  });
});
