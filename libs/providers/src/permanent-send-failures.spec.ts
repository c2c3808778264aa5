import { isPermanentSendFailure } from './permanent-send-failures';

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
