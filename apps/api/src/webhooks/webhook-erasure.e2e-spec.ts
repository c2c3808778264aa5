import { appliedEvent, waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { startStatusPlatform, StatusPlatform } from './status-callbacks.fixture';

/**
 * GDPR Art. 17 for what the webhooks stored: the raw provider events of an erased lead (their number, their words)
 * are scrubbed by the erasure, through the lead the worker linked each event to when it applied it; a status
 * callback arriving after the erasure keeps nothing of the person either. Another lead's events are untouched.
 */
describe('lead erasure: recorded webhook events (e2e)', () => {
  let platform: StatusPlatform;

  beforeAll(async () => {
    platform = await startStatusPlatform();
  }, 60_000);
  afterAll(() => platform?.close());

  const sid = () => `SM${randomUUID().replace(/-/g, '')}`;

  /** A signed inbound SMS; answers the recorded event's id once the worker has applied it. */
  async function inbound(from: string, body: string): Promise<string> {
    const { db, tenant, calls } = platform;
    const messageSid = sid();
    const { path, form } = calls.inboundSms(from, body, messageSid);
    const res = await calls.postSigned(path, form);
    expect(res.status).toBe(200);
    return (await appliedEvent(db, tenant.id, `inbound:${messageSid}`)).id;
  }

  const applied = (id: string) =>
    waitFor(
      async () => {
        const [row] = await platform.db.query(
          `SELECT id, kind, event_key, lead_id, payload, processed_at FROM webhook_events WHERE id = $1`,
          [id],
        );
        return row?.processed_at ? row : undefined;
      },
      15_000,
      `event ${id} applied`,
    );

  it("links each applied event to its lead, and erasing the lead scrubs those events' payloads only", async () => {
    const { api, db, tenant, calls } = platform;
    const erin = '+14155550177';
    const other = '+14155550178';
    const erinSays = await inbound(erin, 'Call me on 555 0100, Erin from Acme');
    const otherSays = await inbound(other, 'Not Erin: keep me');
    const [erinLead] = await db.query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [
      tenant.id,
      erin,
    ]);
    // A message to Erin and its delivery callback (the drain's path).
    const out = await calls.outbound(tenant.id, 'sent');
    await db.query(`UPDATE messages SET lead_id = $2 WHERE id = $1`, [out.id, erinLead.id]);
    const delivered = await applied(await calls.post(out.providerId, 'delivered', out.id, { To: erin }));

    expect(delivered.lead_id).toBe(erinLead.id);
    expect((await applied(erinSays)).lead_id).toBe(erinLead.id);
    const otherBefore = await applied(otherSays);
    expect(otherBefore.lead_id).not.toBe(erinLead.id);
    expect(JSON.stringify(otherBefore.payload)).toContain(other);

    const erased = await api.http.delete(`/api/leads/${erinLead.id}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);

    for (const id of [erinSays, delivered.id]) {
      const row = await applied(id);
      expect(row.payload).toEqual({ kind: row.kind, erased: true });
      expect(row.lead_id).toBeNull();
      // The key stays: a provider's retry of the same event is still recognised, and recorded once.
      expect(row.event_key).toMatch(/^(inbound|status):SM/);
    }
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM webhook_events
        WHERE tenant_id = $1 AND (payload::text LIKE $2 OR payload::text LIKE '%555 0100%')`,
      [tenant.id, `%${erin}%`],
    );
    expect(n).toBe(0);
    expect(await applied(otherSays)).toEqual(otherBefore);

    // A callback for Erin's message that arrives after the erasure keeps nothing of her either.
    const late = await applied(await calls.post(out.providerId, 'read', out.id, { To: erin }));
    expect(late.payload).toEqual({ kind: 'status', erased: true });
    expect(late.lead_id).toBeNull();
    expect(await calls.message(out.id)).toMatchObject({ status: 'read' });
  }, 60_000);
});
