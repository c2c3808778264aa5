import { createTenant, insertCallRow, TestTenant, useTestApi } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { CallEventsService } from './call-events.service';

/**
 * GDPR Art. 17 for voice webhooks that arrive, or are applied, after their lead was erased: the event is linked to
 * its call's lead when applied, and a call whose lead is gone (erased) leaves the event nothing of the person (the
 * numbers in Twilio's form). Another lead's events keep their payload and their lead.
 */
describe('voice events of an erased lead (integration)', () => {
  const api = useTestApi();
  let events: CallEventsService;
  let t: TestTenant;
  let phone = 4155550960;

  beforeAll(async () => {
    events = api.app.get(CallEventsService);
    t = await createTenant(api.http);
  });

  const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

  /** A lead, its call, and a recorded recording callback of that call not yet applied. */
  async function callEvent(): Promise<{ leadId: string; number: string; eventId: string }> {
    const number = `+1${phone++}`;
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Erin', phone: number });
    expect(lead.status).toBe(201);
    const callSid = sid('CA');
    const callId = await insertCallRow(api.db, t.id, {
      lead_id: lead.body.data.id,
      call_sid: callSid,
      to_number: number,
      status: 'in-progress',
    });
    const form = {
      call_sid: callSid,
      account_sid: `AC${'0'.repeat(32)}`,
      recording_sid: sid('RE'),
      recording_url: null,
      recording_status: 'failed',
      recording_duration: null,
      recording_channels: null,
      recording_source: 'OutboundAPI',
      recording_start_time: null,
      error_code: '13617',
      to: number,
    };
    const [{ id }] = await api.db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, 'twilio', 'call', $2, $3) RETURNING id`,
      [t.id, `rec:${form.recording_sid}:failed`, { kind: 'call', type: 'recording', call_id: callId, form }],
    );
    return { leadId: lead.body.data.id as string, number, eventId: id as string };
  }
  const eventRow = async (id: string) =>
    (await api.db.query(`SELECT payload, lead_id, processed_at FROM webhook_events WHERE id = $1`, [id]))[0];

  it('an event applied after its lead was erased keeps only its kind and the mark', async () => {
    const erin = await callEvent();
    const kept = await callEvent();
    expect((await api.http.delete(`/api/leads/${erin.leadId}?erase=true`).set(t.admin.headers)).status).toBe(
      200,
    );

    await events.process({ tenant_id: t.id, event_id: erin.eventId });
    await events.process({ tenant_id: t.id, event_id: kept.eventId });

    expect(await eventRow(erin.eventId)).toEqual({
      payload: { kind: 'call', erased: true },
      lead_id: null,
      processed_at: expect.any(Date),
    });
    const other = await eventRow(kept.eventId);
    expect(other).toMatchObject({ lead_id: kept.leadId, processed_at: expect.any(Date) });
    expect(JSON.stringify(other.payload)).toContain(kept.number);
  });

  it('an event applied while its lead is being erased waits for the erasure, then keeps nothing of the person', async () => {
    const erin = await callEvent();
    // As the erasure does first, in its transaction: the lead's calls locked and marked erased.
    const runner = api.db.createQueryRunner();
    await runner.startTransaction();
    let applied = false;
    try {
      await runner.query(
        `UPDATE calls SET metadata = metadata || '{"erased_at": "2026-12-01T00:00:00Z"}' WHERE lead_id = $1`,
        [erin.leadId],
      );
      const applying = events.process({ tenant_id: t.id, event_id: erin.eventId }).then(() => {
        applied = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(applied).toBe(false);
      await runner.commitTransaction();
      await applying;
    } finally {
      await runner.release();
    }
    expect((await eventRow(erin.eventId)).payload).toEqual({ kind: 'call', erased: true });
  });
});
