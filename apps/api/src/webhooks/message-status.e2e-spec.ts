import { createTenant, HeardEvent, TestTenant, waitFor } from '@app/testing';
import { StatusPlatform, startStatusPlatform } from './status-callbacks.fixture';

/**
 * Issue 4 item 4: status callbacks, recorded by the API and applied by the worker, move a message forward only
 * (never delivered back to sent); failed / undelivered end it with the provider's error code.
 */
describe('message status callbacks (e2e)', () => {
  let platform: StatusPlatform;
  let tenant: TestTenant;
  let other: TestTenant;
  let seen: HeardEvent[] = [];
  let calls: StatusPlatform['calls'];

  beforeAll(async () => {
    platform = await startStatusPlatform();
    ({ tenant, seen, calls } = platform);
    other = await createTenant(platform.api.http);
  }, 60_000);
  afterAll(() => platform?.close());

  const messageRow = (id: string) => calls.message(id);
  const outbound = (tenantId: string, statusNow: string) => calls.outbound(tenantId, statusNow);

  /** Posts a status callback and waits until the worker has applied it. */
  async function status(
    providerId: string,
    value: string,
    messageId?: string,
    extra: Record<string, string> = {},
  ) {
    const id = await calls.post(providerId, value, messageId, extra);
    await waitFor(
      async () => (await calls.event(id)).processed_at ?? undefined,
      15_000,
      `status event ${id}`,
    );
  }

  it('status callbacks move a message forward only, and end it on failure with the error code', async () => {
    const message = await outbound(tenant.id, 'sending');
    await status(message.providerId, 'sent', message.id);
    expect(await messageRow(message.id)).toMatchObject({ status: 'sent', sent_at: expect.any(Date) });
    await status(message.providerId, 'delivered', message.id);
    expect(await messageRow(message.id)).toMatchObject({
      status: 'delivered',
      delivered_at: expect.any(Date),
    });
    // A late `sent` (or `queued`) after `delivered` changes nothing.
    await status(message.providerId, 'queued', message.id);
    expect((await messageRow(message.id)).status).toBe('delivered');
    const moved = await waitFor(
      () =>
        seen.find(
          (s) =>
            s.event === 'message.status' &&
            s.payload.message_id === message.id &&
            s.payload.status === 'delivered',
        ),
      5_000,
      'message.status',
    );
    expect(moved.payload).toMatchObject({ channel: 'sms', provider_message_id: message.providerId });

    // Found by the provider's id alone; `undelivered` ends it with the carrier's code, and nothing revives it.
    const failing = await outbound(tenant.id, 'sent');
    await status(failing.providerId, 'undelivered', undefined, { ErrorCode: '30003' });
    expect(await messageRow(failing.id)).toMatchObject({
      status: 'failed',
      error_code: '30003',
      failed_at: expect.any(Date),
    });
    await status(failing.providerId, 'delivered');
    expect((await messageRow(failing.id)).status).toBe('failed');
  });

  it('a send failed as to an unsubscribed number (21610) opts its lead out of SMS; another failure does not', async () => {
    const lead = async (id: string) =>
      (await platform.api.http.get(`/api/leads/${id}`).set(tenant.admin.headers)).body.data as {
        opted_out_channels: string[];
      };
    const refused = await outbound(tenant.id, 'sent');
    await status(refused.providerId, 'failed', refused.id, { ErrorCode: '21610' });
    expect(await messageRow(refused.id)).toMatchObject({ status: 'failed', error_code: '21610' });
    // The opt-out follows the failure's commit.
    await waitFor(
      async () => ((await lead(refused.leadId)).opted_out_channels.includes('sms') ? true : undefined),
      5_000,
      'the opt-out',
    );
    const opted = await waitFor(
      () => seen.find((s) => s.event === 'lead.opted_out' && s.payload.lead_id === refused.leadId),
      5_000,
      'lead.opted_out',
    );
    expect(opted.payload).toMatchObject({ channel: 'sms', source: 'provider', message_id: refused.id });

    const lost = await outbound(tenant.id, 'sent');
    await status(lost.providerId, 'undelivered', lost.id, { ErrorCode: '30006' });
    expect(await messageRow(lost.id)).toMatchObject({ status: 'failed', error_code: '30006' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await lead(lost.leadId)).opted_out_channels).toEqual([]);
  });

  it("a callback on one tenant's key never touches another tenant's message", async () => {
    const theirs = await calls.outbound(other.id, 'sent');
    const eventId = await calls.post(theirs.providerId, 'delivered', theirs.id);
    // Our tenant has no such message: the callback is held for a later try (the send may not be stored yet).
    const held = await calls.heldOnce(eventId);
    expect(held.processed_at).toBeNull();
    expect(held.next_attempt_at).toEqual(expect.any(Date));
    expect((await messageRow(theirs.id)).status).toBe('sent');
  });

  it('a queued callback, which can move no message, is recorded applied at intake with nothing of the person', async () => {
    const { db, sms } = platform;
    const path = (messageId?: string) =>
      `/webhooks/twilio/message-status?key=${sms.webhookKey}${messageId ? `&messageId=${messageId}` : ''}`;
    const form = (providerId: string) => ({
      MessageSid: providerId,
      AccountSid: 'AC00000000000000000000000000000000',
      From: '+15005550006',
      To: '+14155550199',
      MessageStatus: 'queued',
    });
    const row = async (providerId: string) =>
      (
        await db.query(
          `SELECT id, processed_at, attempts, next_attempt_at, lead_id, payload FROM webhook_events
            WHERE tenant_id = $1 AND provider = $2 AND event_key = $3`,
          [tenant.id, sms.provider, `status:${providerId}:queued`],
        )
      )[0];

    // Of a message being sent (our id in the URL), and of one not stored yet (no id: the drain held those and tried
    // them again for half a minute): both applied in the answer's own insert, holding no phone number.
    const message = await outbound(tenant.id, 'sending');
    const unknown = calls.sid();
    for (const [providerId, messageId] of [
      [message.providerId, message.id],
      [unknown, undefined],
    ] as const) {
      const res = await calls.postSigned(path(messageId), form(providerId));
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ recorded: 1, duplicates: 0 });
      const event = await row(providerId);
      expect(event).toMatchObject({ processed_at: expect.any(Date), attempts: 0, next_attempt_at: null });
      expect(event.lead_id).toBeNull();
      expect(event.payload).toMatchObject({
        kind: 'status',
        message_id: messageId ?? null,
        update: { provider_message_id: providerId, status: 'queued' },
      });
      expect(JSON.stringify(event.payload)).not.toContain('4155550199');
      // Twilio's retry of it is the same event, recorded once.
      const again = await calls.postSigned(path(messageId), form(providerId));
      expect(again.body.data).toEqual({ recorded: 0, duplicates: 1 });
      expect(await row(providerId)).toEqual(event);
    }
    expect((await messageRow(message.id)).status).toBe('sending');
    // Later statuses still move the message as before.
    await status(message.providerId, 'delivered', message.id);
    expect((await messageRow(message.id)).status).toBe('delivered');
  });
});
