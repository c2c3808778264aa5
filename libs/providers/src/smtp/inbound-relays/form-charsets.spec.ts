import { encode } from 'iconv-lite';
import { multipartRelayBody } from './form-charsets';

/** A field as the multipart reader gives it: its bytes, one character each. */
const bytes = (text: string, charset = 'utf-8') => encode(text, charset).toString('latin1');

describe('multipartRelayBody', () => {
  it("decodes each field in the charset SendGrid's `charsets` names for it", () => {
    const body = multipartRelayBody({
      from: bytes('Zoë <zoe@example.com>'),
      subject: bytes('Réunion mardi'),
      text: bytes('Très bien, à mardi — Zoë', 'windows-1252'),
      html: bytes('<p>Dzień dobry, świetnie</p>', 'iso-8859-2'),
      charsets: JSON.stringify({ from: 'UTF-8', subject: 'UTF-8', text: 'windows-1252', html: 'ISO-8859-2' }),
    });
    expect(body).toEqual({
      type: 'fields',
      fields: expect.objectContaining({
        from: 'Zoë <zoe@example.com>',
        subject: 'Réunion mardi',
        text: 'Très bien, à mardi — Zoë',
        html: '<p>Dzień dobry, świetnie</p>',
      }),
    });
  });

  it('reads multi-byte charsets (Shift_JIS, GB2312) as named', () => {
    const body = multipartRelayBody({
      text: bytes('日本国、よろしく', 'shift_jis'),
      subject: bytes('会议', 'gb2312'),
      charsets: JSON.stringify({ text: 'Shift_JIS', subject: 'gb2312' }),
    });
    expect(body).toMatchObject({ fields: { text: '日本国、よろしく', subject: '会议' } });
  });

  it('without a declaration a field is UTF-8; bytes that are not UTF-8 are read as Windows-1252', () => {
    const body = multipartRelayBody({
      'body-plain': bytes('Grüße — bis Dienstag'),
      subject: bytes('Grüße', 'windows-1252'),
      charsets: 'not json',
    });
    expect(body).toMatchObject({ fields: { 'body-plain': 'Grüße — bis Dienstag', subject: 'Grüße' } });
  });

  it('a charset it does not know reads the field as UTF-8', () => {
    const body = multipartRelayBody({
      text: bytes('Merci — à bientôt'),
      charsets: JSON.stringify({ text: 'unknown-8bit' }),
    });
    expect(body).toMatchObject({ fields: { text: 'Merci — à bientôt' } });
  });

  it('a field the reader decoded already (its part named a charset) is kept', () => {
    const body = multipartRelayBody({ text: 'Já — 日本', charsets: JSON.stringify({ text: 'iso-8859-1' }) });
    expect(body).toMatchObject({ fields: { text: 'Já — 日本' } });
  });

  it.each(['email', 'body-mime'])(
    'a raw message in `%s` is kept as its bytes for the MIME parser',
    (name) => {
      const raw = Buffer.concat([
        Buffer.from('Subject: Hi\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n'),
        encode('Très bien', 'latin1'),
      ]);
      const body = multipartRelayBody({ [name]: raw.toString('latin1'), subject: bytes('Hi') });
      expect(body).toEqual({ type: 'raw', raw });
    },
  );
});
