import { jsonbText } from './webhook-intake.service';

describe('jsonbText', () => {
  it('keeps a NUL a provider sent as U+FFFD, which jsonb takes', () => {
    const text = jsonbText({ Body: 'a\u0000b', nested: ['\u0000'] });
    expect(text).not.toContain('\\u0000');
    expect(JSON.parse(text)).toEqual({ Body: 'a\ufffdb', nested: ['\ufffd'] });
  });

  it('leaves a literal backslash-u0000 typed by a person as it was', () => {
    const typed = { Body: 'see \\u0000 and \\\\u0000' };
    expect(JSON.parse(jsonbText(typed))).toEqual(typed);
  });

  it('keeps an emoji cut in half (an unpaired surrogate) as U+FFFD, a whole one as it is, in values and keys', () => {
    const text = jsonbText({ Body: 'cut \ud83d', whole: '\ud83d\ude00', low: '\ude00 x', ['k\u0000']: 1 });
    expect(JSON.parse(text)).toEqual({
      Body: 'cut \ufffd',
      whole: '\ud83d\ude00',
      low: '\ufffd x',
      ['k\ufffd']: 1,
    });
  });

  it('is JSON.stringify for everything else, dates as their ISO text', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const event = { kind: 'status', n: 1, list: [true, null], text: 'é "quoted" \\ back', at };
    expect(jsonbText(event)).toBe(JSON.stringify(event));
  });
});

describe('jsonbText fast path', () => {
  it('still replaces a NUL or a cut emoji that sits beside typed backslash-u text', () => {
    const event = { Body: 'typed \\u0041 then \u0000 and \ud83d', ok: 'plain' };
    expect(JSON.parse(jsonbText(event))).toEqual({
      Body: 'typed \\u0041 then \ufffd and \ufffd',
      ok: 'plain',
    });
  });

  it('writes an upper-case escape-looking text typed by a person as it was', () => {
    const typed = { Body: 'code \\uD800 and \\u0000' };
    expect(JSON.parse(jsonbText(typed))).toEqual(typed);
  });

  it("keeps a raw payload nested deeper than any provider's as a note, and what was read of it", () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const text = jsonbText({ kind: 'inbound', message: { text: 'hi' }, raw: deep });
    expect(JSON.parse(text)).toEqual({
      kind: 'inbound',
      message: { text: 'hi' },
      raw: { not_kept: 'nested deeper than 64 levels' },
    });
  });
});
