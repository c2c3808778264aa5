import { attachmentFileName } from './attachment-names';

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
