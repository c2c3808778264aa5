import { attachmentFileName, formFileName } from './attachment-names';

describe('attachmentFileName', () => {
  it('keeps 255 characters of a long name, never half of one', () => {
    const name = attachmentFileName(`${'😀'.repeat(300)}.pdf`);
    expect(name).toBe('😀'.repeat(255));
    expect(Buffer.from(name as string).toString()).toBe(name);
  });

  it('makes a lone surrogate U+FFFD, as it is stored', () => {
    expect(attachmentFileName('a\ud83d.pdf')).toBe('a\ufffd.pdf');
    expect(attachmentFileName('😀.pdf')).toBe('😀.pdf');
  });

  it('takes the last segment of a path, without control characters', () => {
    expect(attachmentFileName('..\\dir/x\r\n.pdf')).toBe('x.pdf');
    expect(attachmentFileName(' / ')).toBeNull();
  });
});

describe('formFileName', () => {
  it('reads back the quote and line breaks browsers percent-encode in a multipart name, nothing else', () => {
    expect(formFileName('Q3 %22final%22.pdf')).toBe('Q3 "final".pdf');
    expect(formFileName('two%0D%0Alines%0a.txt')).toBe('twolines.txt');
    expect(formFileName('100%25 sure %41.pdf')).toBe('100%25 sure %41.pdf');
    expect(formFileName(undefined)).toBeNull();
  });
});
