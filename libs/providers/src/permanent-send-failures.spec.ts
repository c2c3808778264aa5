import { isPermanentSendFailure, isRecipientOptOut } from './permanent-send-failures';

describe('isPermanentSendFailure', () => {
  it.each([
    ['Twilio: unsubscribed (STOP)', '21610'],
    ['Meta: outside the 24-hour window', '131047'],
    ['Telegram: blocked by the user', '403'],
  ])('%s is never sent again', (_, code) => {
    expect(isPermanentSendFailure(code)).toBe(true);
  });

  it.each([
    ['Twilio: unreachable handset', '30003'],
    ['Meta: something went wrong', '131000'],
    ['Telegram: too many requests', '429'],
    ['no code', null],
  ])('%s may be sent again', (_, code) => {
    expect(isPermanentSendFailure(code)).toBe(false);
  });
});

describe('isRecipientOptOut', () => {
  it.each([
    ['sms', '21610', null, true],
    ['sms', '21211', null, false],
    ['whatsapp', '21610', null, false],
    ['telegram', '403', 'Telegram 403: Forbidden: bot was blocked by the user', true],
    ['telegram', '403', "Telegram 403: Forbidden: bot can't initiate conversation with a user", false],
    ['telegram', '403', 'Telegram 403: Forbidden: user is deactivated', false],
    ['telegram', '400', 'blocked by the user', false],
    ['whatsapp', '131050', null, false],
  ])('%s %s %s: %s', (channel, code, message, expected) => {
    expect(isRecipientOptOut(channel, code, message)).toBe(expected);
  });
});
