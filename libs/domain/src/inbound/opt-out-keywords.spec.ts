import { messageOptKeyword, optKeyword } from './opt-out-keywords';

describe('optKeyword', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop \n',
    'STOPALL',
    'unsubscribe',
    'Cancel',
    'end',
    'QUIT',
    'revoke',
    'OptOut',
    'stop.',
    'Stop?',
    'STOP!!',
    'stop,',
    '"STOP"',
    '"Stop".',
    '(stop)',
    '« stop »',
    '/stop',
    '/stop@ClinicBot',
    'STOP ALL',
    'stop  all',
  ])('%j opts out', (body) => {
    expect(optKeyword(body)?.kind).toBe('opt_out');
  });

  it('names the keyword in upper case', () => {
    expect(optKeyword('  unsubscribe ')).toEqual({ kind: 'opt_out', keyword: 'UNSUBSCRIBE' });
    expect(optKeyword('unstop')).toEqual({ kind: 'opt_in', keyword: 'UNSTOP' });
    expect(optKeyword('Start')).toEqual({ kind: 'opt_in', keyword: 'START' });
  });

  it.each([
    'please stop',
    'stop it',
    'STOP STOP',
    'stopping',
    '',
    'Sure, sounds good',
    'opt out',
    'starts',
    "don't stop",
    '/stopping',
    'stop all of it',
    'STOP?!? no wait',
  ])('%j is no keyword', (body) => {
    expect(optKeyword(body)).toBeUndefined();
  });

  it('reads a Telegram /start as START', () => {
    expect(optKeyword('/start')).toEqual({ kind: 'opt_in', keyword: 'START' });
  });

  it("takes the provider's word for a keyword it recognised itself (Twilio's OptOutType), whatever the body", () => {
    expect(messageOptKeyword({ body: 'ARRET', provider_opt: 'opt_out' })).toEqual({
      kind: 'opt_out',
      keyword: 'STOP',
    });
    expect(messageOptKeyword({ body: 'Unsubscribe', provider_opt: 'opt_out' })).toEqual({
      kind: 'opt_out',
      keyword: 'UNSUBSCRIBE',
    });
    expect(messageOptKeyword({ body: 'REPRENDRE', provider_opt: 'opt_in' })).toEqual({
      kind: 'opt_in',
      keyword: 'START',
    });
    expect(messageOptKeyword({ body: 'ARRET' })).toBeUndefined();
  });

  it('treats a missing body as no keyword', () => {
    expect(optKeyword(null)).toBeUndefined();
    expect(optKeyword(undefined)).toBeUndefined();
  });
});
