import {
  inboundEventKey,
  optOutEventKey,
  PENDING_EVENT_AGE_MS,
  PENDING_EVENT_REDRIVES,
  PendingEventsSweeper,
} from '@app/domain';
import { JobProducer } from '@app/queues';
import { onIsolatedDatabase, TestApi, TestTenant, TestWorker, waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startStatusPlatform } from './status-callbacks.fixture';

/**
 * An inbound message whose job was lost (Redis) or failed for good is applied all the same: the inbound sweep
 * starts its job again once it has waited PENDING_EVENT_AGE_MS. A job still waiting is left alone, and an event
 * is started again no more than PENDING_EVENT_REDRIVES times. The sweep is platform-wide, so the file runs on a
 * database of its own.
 */
describe('the sweep of events left unapplied (e2e)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let db: DataSource;
  let tenant: TestTenant;

  const platform = onIsolatedDatabase((url) => startStatusPlatform({ DATABASE_URL: url }));
  beforeAll(() => {
    ({ api, worker, db, tenant } = platform());
  });

  /** An inbound SMS recorded `ageMs` ago with no job to apply it (as one lost with Redis leaves it). */
  async function recorded(ageMs: number, attempts = 0) {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const body = `Yes please ${sid.slice(2, 8)}`;
    const { form } = platform().calls.inboundSms('+14155550177', body, sid);
    const [message] = platform().sms.port.parseInbound(form);
    const [{ id }] = await db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload, received_at, attempts)
       VALUES ($1, $2, 'inbound', $3, $4, now() - make_interval(secs => $5::int / 1000.0), $6) RETURNING id`,
      [
        tenant.id,
        platform().sms.provider,
        inboundEventKey(message),
        JSON.stringify({ kind: 'inbound', channel: 'sms', message, raw: form }),
        ageMs,
        attempts,
      ],
    );
    return { id: id as string, body };
  }
  const event = async (id: string) =>
    (await db.query(`SELECT processed_at, attempts FROM webhook_events WHERE id = $1`, [id]))[0];
  const stored = async (body: string) =>
    (
      await db.query(`SELECT direction FROM messages WHERE tenant_id = $1 AND content = $2`, [
        tenant.id,
        body,
      ])
    ).length as number;
  const sweep = () => worker.app.get(PendingEventsSweeper).sweep();

  it('a message whose job was lost is applied once the sweep adds its job; a second sweep adds nothing', async () => {
    const lost = await recorded(PENDING_EVENT_AGE_MS + 60_000);
    const recent = await recorded(60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await event(lost.id)).toEqual({ processed_at: null, attempts: 0 });

    expect(await sweep()).toBe(1);
    const applied = await waitFor(
      async () => {
        const row = await event(lost.id);
        return row.processed_at ? row : undefined;
      },
      15_000,
      'the swept message applied',
    );
    expect(applied.attempts).toBe(1);
    expect(await stored(lost.body)).toBe(1);
    // Too recent to be looked at: its job may still be on its way.
    expect(await event(recent.id)).toEqual({ processed_at: null, attempts: 0 });
    expect(await stored(recent.body)).toBe(0);

    expect(await sweep()).toBe(0);
    expect(await stored(lost.body)).toBe(1);
    await db.query(`UPDATE webhook_events SET processed_at = now() WHERE id = $1`, [recent.id]);
  });

  it('an event whose job is still waiting is left alone, and one started again as often as allowed is left to admins', async () => {
    const waiting = await recorded(PENDING_EVENT_AGE_MS + 60_000);
    // Its job is delayed (behind a backlog): the sweep must not add a second one.
    await api.app
      .get(JobProducer)
      .enqueue(
        'inbound.process',
        { tenant_id: tenant.id, event_id: waiting.id },
        { jobId: `inbound-${waiting.id}`, delay: 60_000 },
      );
    const exhausted = await recorded(PENDING_EVENT_AGE_MS + 60_000, PENDING_EVENT_REDRIVES);

    expect(await sweep()).toBe(0);
    expect(await event(waiting.id)).toEqual({ processed_at: null, attempts: 0 });
    expect(await event(exhausted.id)).toEqual({ processed_at: null, attempts: PENDING_EVENT_REDRIVES });
    expect(await stored(exhausted.body)).toBe(0);
    await db.query(`UPDATE webhook_events SET processed_at = now() WHERE id = ANY($1::uuid[])`, [
      [waiting.id, exhausted.id],
    ]);
  });

  it("a Telegram block whose job was lost is applied by the sweep too: its chat's lead is opted out", async () => {
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Tess', email: `tess.${randomUUID().slice(0, 8)}@example.com` });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    await db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'telegram', '8201')`,
      [tenant.id, leadId],
    );
    const optOut = {
      channel: 'telegram' as const,
      from: '8201',
      event_id: `${randomUUID()}:1`,
      occurred_at: new Date().toISOString(),
    };
    const [{ id }] = await db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload, received_at)
       VALUES ($1, 'simulator', 'opt_out', $2, $3, now() - make_interval(secs => $4::int / 1000.0)) RETURNING id`,
      [
        tenant.id,
        optOutEventKey(optOut),
        JSON.stringify({ kind: 'opt_out', channel: 'telegram', opt_out: optOut, raw: {} }),
        PENDING_EVENT_AGE_MS + 60_000,
      ],
    );

    expect(await sweep()).toBe(1);
    await waitFor(async () => ((await event(id)).processed_at ? true : undefined), 15_000, 'the swept block');
    const [lead] = await db.query(`SELECT opted_out_channels FROM leads WHERE id = $1`, [leadId]);
    expect(lead.opted_out_channels).toEqual(['telegram']);
  });
});
