import { fastTransaction } from '@app/db';
import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { checkFileCount, claimUploads, FILES_PER_MESSAGE, MessageUploads } from './message-files';

/** The uploads a send names, locked in its transaction. */
describe('claimUploads (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const uploaded = async (n: number) => {
    const uploads = api.app.get(MessageUploads);
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (
          await uploads.upload(t.id, {
            filename: `f${i}.txt`,
            content_type: 'text/plain',
            content: Buffer.from('x'),
          })
        ).id,
      );
    return ids;
  };
  const claim = (ids: string[]) => fastTransaction(api.db, (tx) => claimUploads(tx, t.id, ids));

  it('locks the uploads named, the same id twice as one file', async () => {
    const [a, b] = await uploaded(2);
    await expect(claim([a, b.toUpperCase(), a])).resolves.toEqual([
      { id: a, filename: 'f0.txt', content_type: 'text/plain', size: 1 },
      { id: b, filename: 'f1.txt', content_type: 'text/plain', size: 1 },
    ]);
  });

  it('refuses an id that is no upload of this tenant waiting to be sent, naming it', async () => {
    const [a] = await uploaded(1);
    const stranger = randomUUID();
    await expect(claim([a, stranger])).rejects.toMatchObject({
      details: [
        {
          field: 'attachment_ids',
          reason: `names files that are not uploads waiting to be sent: ${stranger}`,
        },
      ],
    });
  });
});

describe('checkFileCount', () => {
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      return (err as { details: unknown }).details;
    }
    return 'accepted';
  };

  it('WhatsApp and Telegram carry one file or media URL per message', () => {
    for (const channel of ['whatsapp', 'telegram']) {
      const reason = `${channel} carries one file (or media URL) per message`;
      expect(refusal(() => checkFileCount(channel, ['https://a/1', 'https://a/2']))).toEqual([
        { field: 'media_urls', reason },
      ]);
      expect(refusal(() => checkFileCount(channel, ['https://a/1'], ['f1']))).toEqual([
        { field: 'attachment_ids', reason },
      ]);
      expect(refusal(() => checkFileCount(channel, [], ['f1', 'f2']))).toEqual([
        { field: 'attachment_ids', reason },
      ]);
      expect(refusal(() => checkFileCount(channel, [], ['f1', 'F1']))).toBe('accepted');
      expect(refusal(() => checkFileCount(channel, ['https://a/1']))).toBe('accepted');
      expect(refusal(() => checkFileCount(channel))).toBe('accepted');
    }
  });

  it(`SMS and email carry up to ${FILES_PER_MESSAGE} files and media URLs`, () => {
    const reason = `a message carries at most ${FILES_PER_MESSAGE} files and media URLs`;
    const urls = Array.from({ length: FILES_PER_MESSAGE }, (_, i) => `https://a/${i}`);
    expect(refusal(() => checkFileCount('sms', urls))).toBe('accepted');
    expect(refusal(() => checkFileCount('email', urls.slice(1), ['f1']))).toBe('accepted');
    expect(refusal(() => checkFileCount('email', urls, ['f1']))).toEqual([
      { field: 'attachment_ids', reason },
    ]);
    expect(refusal(() => checkFileCount('sms', [...urls, 'https://a/x']))).toEqual([
      { field: 'media_urls', reason },
    ]);
  });
});
