import { fastTransaction } from '@app/db';
import { createTenant, createTestApi, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { claimUploads, FILES_PER_MESSAGE, MessageUploads } from './message-files';

/** How many files a send may name, per channel, checked before anything is locked or sent. */
describe('claimUploads (integration)', () => {
  let api: TestApi;
  let db: DataSource;
  let t: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    t = await createTenant(api.http);
  });
  afterAll(() => api.close());

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
  const claim = (channel: string, ids: string[], otherMedia = 0) =>
    fastTransaction(db, (tx) => claimUploads(tx, t.id, channel, ids, otherMedia));

  it('WhatsApp and Telegram carry one file or media URL per message', async () => {
    const [a, b] = await uploaded(2);
    for (const channel of ['whatsapp', 'telegram']) {
      await expect(claim(channel, [a, b])).rejects.toMatchObject({
        details: [
          { field: 'attachment_ids', reason: `${channel} carries one file (or media URL) per message` },
        ],
      });
      await expect(claim(channel, [a], 1)).rejects.toMatchObject({ details: [{ field: 'attachment_ids' }] });
      await expect(claim(channel, [a])).resolves.toEqual([
        { id: a, filename: 'f0.txt', content_type: 'text/plain', size: 1 },
      ]);
    }
  });

  it(`SMS and email carry up to ${FILES_PER_MESSAGE} files and media URLs; the same id twice is one file`, async () => {
    const ids = await uploaded(FILES_PER_MESSAGE);
    await expect(claim('sms', ids)).resolves.toHaveLength(FILES_PER_MESSAGE);
    await expect(claim('email', [ids[0], ids[0]])).resolves.toHaveLength(1);
    await expect(claim('email', ids, 1)).rejects.toMatchObject({
      details: [
        {
          field: 'attachment_ids',
          reason: `a message carries at most ${FILES_PER_MESSAGE} files and media URLs`,
        },
      ],
    });
    await expect(claim('sms', [randomUUID()])).rejects.toMatchObject({
      details: [{ field: 'attachment_ids' }],
    });
  });
});
