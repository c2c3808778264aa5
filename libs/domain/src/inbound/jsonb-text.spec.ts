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

  it('is JSON.stringify for everything else', () => {
    const event = { kind: 'status', n: 1, list: [true, null], text: 'é "quoted" \\ back' };
    expect(jsonbText(event)).toBe(JSON.stringify(event));
  });
});
