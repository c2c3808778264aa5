import { AppError } from '@app/common';
import { checkBodyLength } from './message-length';

const refusal = (run: () => void): unknown => {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
};

describe('checkBodyLength', () => {
  it.each([
    ['sms', 'twilio', false, 1600],
    ['whatsapp', 'twilio', true, 1600],
    ['sms', 'simulator', false, 1600],
    ['whatsapp', 'whatsapp_cloud', false, 4096],
    ['whatsapp', 'whatsapp_cloud', true, 1024],
    ['telegram', 'telegram', false, 4096],
    ['telegram', 'telegram', true, 1024],
    ['telegram', 'simulator', true, 1024],
  ] as const)(
    '%s on %s (a file: %s) takes %i characters and refuses one more',
    (channel, provider, withMedia, limit) => {
      expect(
        refusal(() => checkBodyLength(channel, provider, { body: 'é'.repeat(limit), withMedia })),
      ).toBeUndefined();
      const error = refusal(() =>
        checkBodyLength(channel, provider, { body: 'é'.repeat(limit + 1), withMedia }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toEqual([
        { field: 'body', reason: expect.stringContaining(`at most ${limit} on ${channel}`) },
      ]);
    },
  );

  it('leaves email and templates alone', () => {
    expect(
      refusal(() => checkBodyLength('email', 'smtp', { body: 'x'.repeat(50_000), withMedia: false })),
    ).toBeUndefined();
    expect(
      refusal(() =>
        checkBodyLength('sms', 'twilio', {
          body: 'x'.repeat(2000),
          template: { name: 't' },
          withMedia: false,
        }),
      ),
    ).toBeUndefined();
  });
});
