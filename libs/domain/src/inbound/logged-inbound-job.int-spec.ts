import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { MANUAL_PROVIDER, RecordedEvent } from './inbound-event';
import { InboundJobsService } from './inbound-jobs.service';

/**
 * A lead's message logged by hand (LoggedInboundService) whose request recorded its event but failed before applying
 * it: the worker's inbound.process job (as the pending-events sweep queues it) applies it as the request would have,
 * on the lead the user named (not one found or made from its address), with no provider id and who logged it.
 */
describe('a logged inbound message left for the worker (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  /** A lead with an email only, and a message logged on it on Telegram whose event waits to be applied. */
  async function pendingLog(key: string): Promise<{ leadId: string; eventId: string }> {
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Tess', email: `${key}@example.test` });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const event: RecordedEvent = {
      kind: 'inbound',
      channel: 'telegram',
      message: {
        channel: 'telegram',
        from: '',
        to: '',
        body: 'Saw your post, call me',
        provider_message_id: `key:${key}`,
        received_at: api.clock.now().toISOString(),
      },
      raw: null,
      logged: { lead_id: leadId, user_id: t.admin.id, api_key_id: null },
    };
    const [row] = await api.app.get(DataSource).query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, $2, 'inbound', $3, $4) RETURNING id`,
      [t.id, MANUAL_PROVIDER, `inbound:key:${key}`, JSON.stringify(event)],
    );
    return { leadId, eventId: row.id as string };
  }

  it('lands on the named lead, even on a channel it has no address on', async () => {
    const db = api.app.get(DataSource);
    const { leadId, eventId } = await pendingLog('front-desk-1');
    await api.app.get(InboundJobsService).process({ tenant_id: t.id, event_id: eventId });

    const messages = await db.query(
      `SELECT lead_id, channel, direction, sender, sender_user_id, provider, provider_message_id, status
         FROM messages WHERE tenant_id = $1`,
      [t.id],
    );
    expect(messages).toEqual([
      {
        lead_id: leadId,
        channel: 'telegram',
        direction: 'inbound',
        sender: 'lead',
        sender_user_id: t.admin.id,
        provider: MANUAL_PROVIDER,
        provider_message_id: null,
        status: 'received',
      },
    ]);
    const [leads] = await db.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [t.id]);
    expect(leads.n).toBe(1);
    const [done] = await db.query('SELECT processed_at, lead_id FROM webhook_events WHERE id = $1', [
      eventId,
    ]);
    expect(done.lead_id).toBe(leadId);
    expect(done.processed_at).not.toBeNull();
  });

  it('is erased with the lead it names (GDPR Art. 17), and the worker then records nothing', async () => {
    const db = api.app.get(DataSource);
    const { leadId, eventId } = await pendingLog('front-desk-2');
    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(t.admin.headers);
    expect(erased.status).toBe(200);
    const [event] = await db.query('SELECT payload, processed_at FROM webhook_events WHERE id = $1', [
      eventId,
    ]);
    expect(event.payload).toEqual({ kind: 'inbound', erased: true });
    expect(event.processed_at).not.toBeNull();
    await api.app.get(InboundJobsService).process({ tenant_id: t.id, event_id: eventId });
    expect(
      await db.query('SELECT id FROM messages WHERE tenant_id = $1 AND lead_id = $2', [t.id, leadId]),
    ).toEqual([]);
  });
});
