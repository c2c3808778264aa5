import { loadConfig } from '@app/config';
import { ChannelConfigsService, holdPendingEvent, InboundJobsService } from '@app/domain';
import {
  appliedEvent,
  countRows,
  createTenant,
  createTestApi,
  createTestWorker,
  testEnv,
  TestApi,
  TestTenant,
  TestWorker,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  mailFiles,
  rawWithFiles,
  relayEmail,
} from '../../../../libs/providers/test/fixtures/email-relays.fixtures';
import { statusCallbacks } from './status-callbacks.fixture';

/**
 * GDPR Art. 17 for messages a lead sent that the worker has not recorded yet: erasing the lead erases them too.
 * Their events keep only their kind and the mark and count as applied, so the worker never records them (nor makes
 * a lead again from them); the files they came with are deleted. An event the worker is recording as the erasure
 * comes is waited for, and its message scrubbed with the rest. Another person's waiting messages are untouched.
 */
describe('lead erasure: messages not yet recorded (e2e)', () => {
  const env = testEnv({ WORKER_QUEUES: 'inbound-events' });
  let api: TestApi;
  let worker: TestWorker | undefined;
  let db: DataSource;
  let tenant: TestTenant;
  let calls: ReturnType<typeof statusCallbacks>;
  let emailHook: string;
  let phone = 4155550930;

  beforeAll(async () => {
    // No worker yet: what the webhooks record waits.
    api = await createTestApi({ config: loadConfig(env) });
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
    const channels = api.app.get(ChannelConfigsService);
    calls = statusCallbacks(api, db, await channels.resolve(tenant.id, 'sms'));
    const email = await channels.resolve(tenant.id, 'email');
    emailHook = `/webhooks/email-inbound?key=${email.webhookKey}&secret=${encodeURIComponent(email.signingSecret)}`;
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  async function lead(): Promise<{ id: string; phone: string; email: string }> {
    const person = { phone: `+1${phone++}`, email: `erin.${randomUUID().slice(0, 8)}@example.com` };
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Erin', ...person });
    expect(res.status).toBe(201);
    return { id: res.body.data.id as string, ...person };
  }

  /** A signed inbound SMS, recorded and left waiting: its event's id and key. */
  async function sms(from: string, body: string): Promise<{ id: string; key: string }> {
    const messageSid = `SM${randomUUID().replace(/-/g, '')}`;
    const { path, form } = calls.inboundSms(from, body, messageSid);
    expect((await calls.postSigned(path, form)).status).toBe(200);
    const key = `inbound:${messageSid}`;
    const [row] = await db.query(`SELECT id FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`, [
      tenant.id,
      key,
    ]);
    return { id: row.id as string, key };
  }
  /** What the worker's job for the event does, run here to its end. */
  const runJob = (w: TestWorker, eventId: string) =>
    w.app.get(InboundJobsService).process({ tenant_id: tenant.id, event_id: eventId });

  const event = async (id: string) =>
    (await db.query(`SELECT payload, processed_at, lead_id FROM webhook_events WHERE id = $1`, [id]))[0] as {
      payload: Record<string, unknown>;
      processed_at: Date | null;
      lead_id: string | null;
    };
  const erase = (id: string) => api.http.delete(`/api/leads/${id}?erase=true`).set(tenant.admin.headers);
  const leadsAt = (address: string) =>
    countRows(db, 'leads', 'tenant_id = $1 AND (phone_normalized = $2 OR lower(email) = $2)', [
      tenant.id,
      address,
    ]);

  it('erases their waiting messages and files; the worker then records only the others', async () => {
    const erin = await lead();
    const texted = await sms(erin.phone, 'Erin here, call me on 555 0100');
    const mail = relayEmail({
      from: erin.email,
      messageId: `<${randomUUID()}@mail.example.com>`,
      text: 'My plan, attached',
    });
    const files = mailFiles();
    const posted = await api.http
      .post(emailHook)
      .set('Content-Type', 'message/rfc822')
      .send(rawWithFiles(mail, files));
    expect(posted.status).toBe(200);
    const [{ id: mailed }] = await db.query(
      `SELECT id FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`,
      [tenant.id, `inbound:${mail.messageId}`],
    );
    const unlinkedFiles = () =>
      countRows(db, 'message_attachments', 'tenant_id = $1 AND message_id IS NULL', [tenant.id]);
    expect(await unlinkedFiles()).toBe(files.length);
    const stranger = `+1${phone++}`;
    const theirs = await sms(stranger, 'Not Erin: keep me');

    expect((await erase(erin.id)).status).toBe(200);

    for (const id of [texted.id, mailed]) {
      const row = await event(id);
      expect(row.payload).toEqual({ kind: 'inbound', erased: true });
      expect(row.processed_at).not.toBeNull();
      expect(row.lead_id).toBeNull();
    }
    expect(await unlinkedFiles()).toBe(0);
    const kept = await event(theirs.id);
    expect(kept.processed_at).toBeNull();
    expect(JSON.stringify(kept.payload)).toContain('Not Erin: keep me');

    // The worker comes: the stranger's message is recorded; Erin's are not, and no lead is made of her again.
    worker = await createTestWorker({ config: loadConfig(env) });
    await appliedEvent(db, tenant.id, theirs.key);
    for (const id of [texted.id, mailed]) await runJob(worker, id);
    expect(await leadsAt(stranger)).toBe(1);
    expect(await leadsAt(erin.phone)).toBe(0);
    expect(await leadsAt(erin.email)).toBe(0);
    expect(await countRows(db, 'messages', `tenant_id = $1 AND direction = 'inbound'`, [tenant.id])).toBe(1);
    expect((await event(texted.id)).payload).toEqual({ kind: 'inbound', erased: true });
  }, 60_000);

  it('waits for a message of theirs the worker is recording, then erases the event', async () => {
    const erin = await lead();
    const texted = await sms(erin.phone, 'Erin again: 555 0199');
    // As the worker's transaction does while it records the message.
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    let answered = false;
    try {
      expect(await holdPendingEvent(runner.manager, tenant.id, texted.id)).toBe(true);
      const erasing = erase(erin.id).then((res) => {
        answered = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(answered).toBe(false);
      await runner.commitTransaction();
      expect((await erasing).status).toBe(200);
    } finally {
      await runner.release();
    }
    expect((await event(texted.id)).payload).toEqual({ kind: 'inbound', erased: true });
    // The job, run again, finds nothing to apply.
    await runJob(worker as TestWorker, texted.id);
    expect(await leadsAt(erin.phone)).toBe(0);
  }, 60_000);
});
