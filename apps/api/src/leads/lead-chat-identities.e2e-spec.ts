import { ManualClock } from '@app/common';
import { ChannelConfigsService, ContactPolicyService } from '@app/domain';
import type { MessagingChannel } from '@app/providers';
import {
  createTenant,
  expectValidation,
  postLeadReply,
  TEST_PUBLIC_BASE_URL,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';

/**
 * Review fixes: editing a lead keeps the chat identities inbound messages recorded (WhatsApp number, Telegram
 * chat), and a STOP on a Telegram chat of a lead with no phone or email (which the do-not-contact list cannot
 * hold) survives every later refresh of the lead's contact flags, until START. A STOP is listed under the address
 * of its own channel, so editing the lead's other addresses never lifts it.
 */
describe('lead chat identities and unlisted opt-outs (e2e)', () => {
  const SEED = 'lead-identities-seed';
  const { api } = useTestApiAndWorker({
    env: {
      SIMULATOR_SEED: SEED,
      SIMULATOR_REPLY_RATE: '0',
      WORKER_QUEUES: 'inbound-events,outbound-messages',
    },
    clock: new ManualClock('2026-12-01T10:00:00.000Z'),
  });
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  const telegram = (chat: string, body: string) => reply('telegram', chat, body);

  /** The lead writes `body` from `from` on `channel`; the lead the worker filed the message under. */
  async function reply(channel: MessagingChannel, from: string, body: string) {
    const resolved = await api.app.get(ChannelConfigsService).resolve(tenant.id, channel);
    const res = await postLeadReply(api.http, resolved, {
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
      seed: SEED,
      from,
      body,
    });
    expect(res.status).toBe(200);
    return waitFor(async () => {
      const [row] = await api.db.query(
        `SELECT lead_id FROM messages WHERE tenant_id = $1 AND direction = 'inbound' AND content = $2
           AND channel = $3 ORDER BY created_at DESC LIMIT 1`,
        [tenant.id, body, channel],
      );
      return row?.lead_id as string | undefined;
    });
  }

  const identities = async (leadId: string) =>
    (
      await api.db.query(
        `SELECT channel, address FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2 ORDER BY channel`,
        [tenant.id, leadId],
      )
    ).map((r: { channel: string; address: string }) => `${r.channel}:${r.address}`);

  const optedOut = async (leadId: string) => {
    const res = await api.http.get(`/api/leads/${leadId}`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data.opted_out_channels as string[];
  };

  it('editing a lead changes its phone and email identities only: its WhatsApp and Telegram chats still find it', async () => {
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ida', phone: '+14155550161', email: 'ida@example.com' });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    // What inbound messages record for the lead (B2's resolver): its WhatsApp number and a Telegram chat.
    await api.db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
       VALUES ($1, $2, 'whatsapp', '+14155550161'), ($1, $2, 'telegram', '700100200')`,
      [tenant.id, leadId],
    );
    const edit = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ phone: '+14155550162', email: 'ida.new@example.com' });
    expect(edit.status).toBe(200);
    expect(await identities(leadId)).toEqual([
      'email:ida.new@example.com',
      'phone:+14155550162',
      'telegram:700100200',
      'whatsapp:+14155550161',
    ]);
    // The chat still reaches this lead, not a new one.
    expect(await telegram('700100200', 'Still me')).toBe(leadId);
  });

  it('a Telegram STOP of a lead with no phone or email survives edits and do-not-contact changes, until START', async () => {
    const leadId = await telegram('700100300', 'Hello from Telegram');
    const [lead] = await api.db.query(`SELECT phone, email FROM leads WHERE tenant_id = $1 AND id = $2`, [
      tenant.id,
      leadId,
    ]);
    expect(lead).toEqual({ phone: null, email: null });
    expect(await telegram('700100300', 'STOP')).toBe(leadId);
    await waitFor(async () => ((await optedOut(leadId)).includes('telegram') ? true : undefined));

    // An edit that gives the lead an email refreshes its flags from the do-not-contact list.
    const edit = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ email: 'tg.lead@example.com' });
    expect(edit.status).toBe(200);
    expect(edit.body.data.opted_out_channels).toEqual(['telegram']);
    // A do-not-contact entry for that email on SMS adds SMS and keeps Telegram.
    const dnc = await api.http
      .post('/api/dnc')
      .set(tenant.admin.headers)
      .send({ email: 'tg.lead@example.com', channel: 'sms', reason: 'manual' });
    expect(dnc.status).toBe(201);
    expect(await optedOut(leadId)).toEqual(['sms', 'telegram']);

    // START lifts the Telegram opt-out (for good: the next refresh does not bring it back); the SMS entry stays.
    await telegram('700100300', 'START');
    await waitFor(async () => ((await optedOut(leadId)).includes('telegram') ? undefined : true));
    const again = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ email: 'tg2@example.com' });
    expect(again.status).toBe(200);
    expect(again.body.data.opted_out_channels).toEqual([]);
  });

  it('a lead a Telegram chat made (no phone, no email) can be tagged, noted and scored; one given an email keeps one', async () => {
    const leadId = await telegram('700100500', 'Hi, what does it cost?');
    const patch = (body: Record<string, unknown>) =>
      api.http.patch(`/api/leads/${leadId}`).set(tenant.admin.headers).send(body);
    const tagged = await patch({ tags: ['vip'], notes: 'Asked for prices', score: 90 });
    expect(tagged.status).toBe(200);
    expect(tagged.body.data).toMatchObject({ tags: ['vip'], notes: 'Asked for prices', score: 90 });
    const put = await api.http
      .put(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ status: 'qualified', company: 'Acme' });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ status: 'qualified', company: 'Acme', phone: null, email: null });

    // Once it has an email, a change may not take its last address away again: refused, nothing changes.
    expect((await patch({ email: 'tg3@example.com' })).status).toBe(200);
    const before = await api.db.query(`SELECT * FROM leads WHERE id = $1`, [leadId]);
    const refused = await patch({ email: null, notes: 'gone' });
    expectValidation(refused, ['phone']);
    expect(await api.db.query(`SELECT * FROM leads WHERE id = $1`, [leadId])).toEqual(before);
  });

  const refusal = async (leadId: string, channel: 'email' | 'whatsapp') =>
    (await api.app.get(ContactPolicyService).evaluate(tenant.id, leadId, channel, { template: true }))
      .verdict;
  const stopEntries = async (reason = 'stop_keyword') =>
    api.db.query(
      `SELECT phone_normalized, email, channel FROM dnc_entries WHERE tenant_id = $1 AND reason = $2
        ORDER BY created_at`,
      [tenant.id, reason],
    );

  it('an email STOP is listed under the email: a new phone for the lead does not lift it', async () => {
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Eve', phone: '+14155550171', email: 'eve.stop@example.com' });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    expect(await reply('email', 'eve.stop@example.com', 'STOP')).toBe(leadId);
    await waitFor(async () => ((await optedOut(leadId)).includes('email') ? true : undefined));
    expect(await stopEntries()).toContainEqual({
      phone_normalized: null,
      email: 'eve.stop@example.com',
      channel: 'email',
    });

    const edit = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ phone: '+14155550172' });
    expect(edit.status).toBe(200);
    expect(edit.body.data.opted_out_channels).toEqual(['email']);
    expect(await refusal(leadId, 'email')).toMatchObject({ allowed: false });
  });

  it('a WhatsApp STOP is listed under the number that wrote: moving the lead to another phone does not lift it', async () => {
    const leadId = await reply('whatsapp', '+14155550181', 'Hello on WhatsApp');
    expect(await identities(leadId)).toEqual(['phone:+14155550181', 'whatsapp:+14155550181']);
    expect(await reply('whatsapp', '+14155550181', 'STOP')).toBe(leadId);
    await waitFor(async () => ((await optedOut(leadId)).includes('whatsapp') ? true : undefined));

    const edit = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ phone: '+14155550182' });
    expect(edit.status).toBe(200);
    expect(edit.body.data.opted_out_channels).toEqual(['whatsapp']);
    // WhatsApp still goes to the number that said STOP: refused.
    expect(await refusal(leadId, 'whatsapp')).toMatchObject({ allowed: false });
  });
});
