import { copyArray, copyJson, copyLine, copyValue } from './copy-text';

describe('COPY text encoding', () => {
  it('escapes the characters COPY treats specially and writes null as \\N', () => {
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue(12.5)).toBe('12.5');
    expect(copyValue("'; DROP TABLE leads; --")).toBe("'; DROP TABLE leads; --");
  });

  it('quotes array elements so commas, braces, quotes and backslashes survive', () => {
    expect(copyArray(['vip', 'a,b', '{x}', 'say "hi"', 'c\\d'])).toBe(
      '{"vip","a,b","{x}","say \\\\"hi\\\\"","c\\\\\\\\d"}',
    );
    expect(copyArray([])).toBe('{}');
    expect(copyArray(null)).toBe('\\N');
  });

  it('writes JSON as text with its own escapes doubled', () => {
    expect(copyJson({ note: 'line\nbreak' })).toBe('{"note":"line\\\\nbreak"}');
    expect(copyJson(null)).toBe('\\N');
    expect(copyLine(['a', '\\N'])).toBe('a\t\\N\n');
  });
});
