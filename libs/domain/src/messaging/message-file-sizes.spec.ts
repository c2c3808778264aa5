import { AppError } from '@app/common';
import { checkFileSizes } from './message-file-sizes';

const MB = 1024 * 1024;

const refusal = (run: () => void): unknown => {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
};

describe('checkFileSizes', () => {
  it.each([
    ['whatsapp', 'whatsapp_cloud', 'photo.JPG', 5],
    ['whatsapp', 'whatsapp_cloud', 'demo.mp4', 16],
    ['whatsapp', 'whatsapp_cloud', 'voice.ogg', 16],
    ['whatsapp', 'whatsapp_cloud', 'catalogue.pdf', 100],
    ['whatsapp', 'whatsapp_cloud', 'photo.gif', 100],
    ['whatsapp', 'twilio', 'photo.png', 5],
    ['whatsapp', 'twilio', 'catalogue.pdf', 16],
    ['whatsapp', 'simulator', 'catalogue.pdf', 16],
    ['telegram', 'telegram', 'photo.webp', 5],
    ['telegram', 'telegram', 'catalogue.pdf', 20],
  ] as const)(
    '%s on %s takes %s up to %i MB and refuses a byte more',
    (channel, provider, filename, limit) => {
      expect(
        refusal(() => checkFileSizes(channel, provider, [{ filename, size: limit * MB }])),
      ).toBeUndefined();
      const error = refusal(() => checkFileSizes(channel, provider, [{ filename, size: limit * MB + 1 }]));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_ERROR');
      expect((error as AppError).details).toEqual([
        { field: 'attachment_ids', reason: expect.stringContaining(`at most ${limit}.0 MB on ${channel}`) },
      ]);
    },
  );

  it('an MMS carries 5 MB in all, whatever its files', () => {
    const files = [
      { filename: 'a.pdf', size: 3 * MB },
      { filename: null, size: 2 * MB },
    ];
    expect(refusal(() => checkFileSizes('sms', 'twilio', files))).toBeUndefined();
    const error = refusal(() =>
      checkFileSizes('sms', 'simulator', [...files, { filename: 'c.png', size: 1 }]),
    );
    expect((error as AppError).details).toEqual([
      {
        field: 'attachment_ids',
        reason: 'names files of 5.0 MB in all: an MMS carries at most 5 MB (simulator on sms)',
      },
    ]);
  });

  it('an email attaches what was uploaded', () => {
    expect(
      refusal(() => checkFileSizes('email', 'smtp', [{ filename: 'big.pdf', size: 200 * MB }])),
    ).toBeUndefined();
  });
});
