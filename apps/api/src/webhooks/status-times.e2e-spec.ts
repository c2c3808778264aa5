import { Clock } from '@app/common';
import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
import { signMetaPayload } from '@app/providers';
import { waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { changesWebhook } from '../../../../libs/providers/test/fixtures/whatsapp-cloud.fixtures';
import { StatusPlatform, startStatusPlatform } from './status-callbacks.fixture';

/**
 * When a message was delivered and read is the provider's time of it where it gives one (a WhatsApp Cloud status's
 * `timestamp`, Unix seconds), not when we got to its webhook; a time in the future, or before the message was sent,
 * is no time of it, and the message is stamped when we apply the status.
 */
describe('delivery and read times (e2e)', () => {
  const APP_SECRET = 'meta-app-secret-0123456789';
  let platform: StatusPlatform;
  let whatsapp: ResolvedChannel;
  let clock: Clock;

  beforeAll(async () => {
    platform = await startStatusPlatform();
    const { api, tenant } = platform;
    const put = await api.http
      .put('/api/config/whatsapp')
      .set(tenant.admin.headers)
      .send({
        provider: 'whatsapp_cloud',
        credentials: {
          access_token: 'EAAG-test-token',
          phone_number_id: '106540352242922',
          app_secret: APP_SECRET,
          verify_token: 'verify-me-please',
        },
      });
    expect(put.status).toBe(200);
    whatsapp = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'whatsapp');
    clock = api.app.get(Clock);
  }, 60_000);
  afterAll(() => platform?.close());

  /** An outbound WhatsApp message the provider took at `sentAt`. */
  async function sent(sentAt: Date): Promise<{ id: string; wamid: string }> {
    const { db, tenant } = platform;
    const [lead] = await db.query(
      `INSERT INTO leads (tenant_id, first_name) VALUES ($1, 'Out') RETURNING id`,
      [tenant.id],
    );
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'whatsapp') RETURNING id`,
      [tenant.id, lead.id],
    );
    const id = randomUUID();
    const wamid = `wamid.${randomUUID()}`;
    await db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             provider_message_id, status, idempotency_key, sent_at, created_at)
       VALUES ($1, $2, $3, $4, 'outbound', 'whatsapp', 'agent', 'Hello', $5, $6, 'sent', $7, $8, $8)`,
      [id, tenant.id, conversation.id, lead.id, whatsapp.provider, wamid, `test:${id}`, sentAt],
    );
    return { id, wamid };
  }

  /** Meta's signed status webhook for `wamid` at `at`, waited for until the worker applied it. */
  async function status(wamid: string, value: 'delivered' | 'read', at: Date): Promise<void> {
    const { api, db, tenant } = platform;
    const raw = JSON.stringify(
      changesWebhook({
        statuses: [
          {
            id: wamid,
            status: value,
            timestamp: String(Math.floor(at.getTime() / 1000)),
            recipient_id: '16505551234',
          },
        ],
      }),
    );
    const res = await api.http
      .post(`/webhooks/whatsapp?key=${whatsapp.webhookKey}`)
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', signMetaPayload(APP_SECRET, raw))
      .send(raw);
    expect(res.body.data).toEqual({ recorded: 1, duplicates: 0 });
    await waitFor(
      async () => {
        const [row] = await db.query(
          `SELECT processed_at FROM webhook_events WHERE tenant_id = $1 AND kind = 'status' AND event_key LIKE $2`,
          [tenant.id, `%${wamid}%${value}%`],
        );
        return row?.processed_at ?? undefined;
      },
      15_000,
      `${value} of ${wamid}`,
    );
  }

  const times = async (id: string) =>
    (
      await platform.db.query(`SELECT status, sent_at, delivered_at, read_at FROM messages WHERE id = $1`, [
        id,
      ])
    )[0] as { status: string; sent_at: Date; delivered_at: Date | null; read_at: Date | null };

  const at = (secondsFromNow: number) =>
    new Date(Math.floor(clock.now().getTime() / 1000) * 1000 + secondsFromNow * 1000);

  it("a WhatsApp Cloud message's delivered and read times are Meta's", async () => {
    const message = await sent(at(-3600));
    await status(message.wamid, 'delivered', at(-3500));
    await status(message.wamid, 'read', at(-1200));
    expect(await times(message.id)).toEqual({
      status: 'read',
      sent_at: at(-3600),
      delivered_at: at(-3500),
      read_at: at(-1200),
    });
  });

  it('a time in the future, or before the message was sent, is none: the message is stamped when the status is applied', async () => {
    const future = await sent(at(-600));
    await status(future.wamid, 'delivered', at(86_400));
    expect((await times(future.id)).delivered_at).toEqual(clock.now());
    const early = await sent(at(-600));
    await status(early.wamid, 'read', at(-7200));
    expect(await times(early.id)).toMatchObject({ delivered_at: clock.now(), read_at: clock.now() });
  });

  it('a time within a second before the send (Meta gives whole seconds) is the send time', async () => {
    const sentAt = new Date(at(-600).getTime() + 700);
    const message = await sent(sentAt);
    await status(message.wamid, 'delivered', at(-600));
    expect((await times(message.id)).delivered_at).toEqual(sentAt);
  });
});
