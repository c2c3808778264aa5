import { optKeyword } from './opt-out-keywords';

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
  ])('%j opts out', (body) => {
    expect(optKeyword(body)?.kind).toBe('opt_out');
  });

  it('names the keyword in upper case', () => {
    expect(optKeyword('  unsubscribe ')).toEqual({ kind: 'opt_out', keyword: 'UNSUBSCRIBE' });
    expect(optKeyword('unstop')).toEqual({ kind: 'opt_in', keyword: 'UNSTOP' });
    expect(optKeyword('Start')).toEqual({ kind: 'opt_in', keyword: 'START' });
  });

  it.each(['please stop', 'stop it', 'STOP STOP', 'stopping', '', 'Sure, sounds good', 'opt out', 'starts'])(
    '%j is no keyword',
    (body) => {
      expect(optKeyword(body)).toBeUndefined();
    },
  );

  it('treats a missing body as no keyword', () => {
    expect(optKeyword(null)).toBeUndefined();
    expect(optKeyword(undefined)).toBeUndefined();
  });
});
