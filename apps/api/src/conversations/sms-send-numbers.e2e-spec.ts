import {
  connectLiveClient,
  countRows,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  HeardEvent,
  PgSessions,
  TestApi,
  TestTenant,
  TestUser,
  waitFor,
} from '@app/testing';
import { lockAddresses } from '@app/domain';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

type Headers = Record<string, string>;

/**
 * Seed 003's `POST /api/sms/send { phoneNumber, message }` sends to any number: a clinic confirms an appointment with
 * a patient not in the system yet. The tenant's live lead with the number (written in any form) is sent to; a new
 * number becomes a lead as POST /api/leads makes one; a number on the do-not-contact list makes none.
 */
describe('POST /api/sms/send to a phone number (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let manager: TestUser;
  let socket: Socket;
  let heard: HeardEvent[];
  let numbers = 0;

  /** A number no test has used yet (valid, +1 415 555 08xx). */
  const fresh = () => `+1415555${String(800 + ++numbers).padStart(4, '0')}`;

  const sms = (headers: Headers, body: Record<string, unknown>) =>
    api.http.post('/api/sms/send').set(headers).send(body);

  async function postLead(t: TestTenant, body: Record<string, unknown>): Promise<string> {
    const res = await api.http.post('/api/leads').set(t.admin.headers).send(body);
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  /** What a send to a number writes: the tenant's leads, identities, conversations, messages and activity. */
  async function written(tenantId: string) {
    const n = (table: string) => countRows(db, table, 'tenant_id = $1', [tenantId]);
    return {
      leads: await n('leads'),
      lead_identities: await n('lead_identities'),
      conversations: await n('conversations'),
      messages: await n('messages'),
      activity_log: await n('activity_log'),
    };
  }

  const leadsWithPhone = async (tenantId: string, e164: string) =>
    (
      await db.query(
        `SELECT id, archived_at FROM leads WHERE tenant_id = $1 AND phone_normalized = $2 ORDER BY created_at`,
        [tenantId, e164],
      )
    ).map((r: { id: string }) => r.id) as string[];

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
    const country = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ default_country: 'US' });
    expect(country.status).toBe(200);
    manager = await createUser(api.http, tenant, 'manager');
    ({ socket, heard } = await connectLiveClient(api.url, tenant.admin.token));
  });
  afterAll(async () => {
    socket.disconnect();
    await api.close();
  });

  it('a new number becomes a lead as POST /api/leads makes one (identity, flags, lead.created), and the SMS goes to it', async () => {
    const phone = fresh();
    // An entry for another channel does not stop the SMS: the new lead is flagged for it, as POST /api/leads flags.
    const dnc = await api.http
      .post('/api/dnc')
      .set(tenant.admin.headers)
      .send({ phone, channel: 'whatsapp', reason: 'manual' });
    expect(dnc.status).toBe(201);
    const before = await written(tenant.id);

    const res = await sms(manager.headers, {
      phoneNumber: phone,
      message: 'Your appointment is confirmed for tomorrow at 2 PM.',
    });

    expect(res.status).toBe(201);
    const [leadId] = await leadsWithPhone(tenant.id, phone);
    expect(res.body.data).toMatchObject({
      lead_id: leadId,
      channel: 'sms',
      direction: 'outbound',
      content: 'Your appointment is confirmed for tomorrow at 2 PM.',
    });
    const lead = await api.http.get(`/api/leads/${leadId}`).set(manager.headers);
    expect(lead.body.data).toMatchObject({
      phone,
      phone_normalized: phone,
      country: 'US',
      source: 'outbound_sms',
      status: 'new',
      do_not_call: false,
      opted_out_channels: ['whatsapp'],
    });
    expect(
      await db.query(`SELECT channel, address FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2`, [
        tenant.id,
        leadId,
      ]),
    ).toEqual([{ channel: 'phone', address: phone }]);
    expect(await written(tenant.id)).toEqual({
      ...before,
      leads: before.leads + 1,
      lead_identities: before.lead_identities + 1,
      conversations: before.conversations + 1,
      messages: before.messages + 1,
    });
    const created = await waitFor(
      () => heard.find((h) => h.event === 'lead.created' && JSON.stringify(h.payload).includes(leadId)),
      5000,
      'lead.created for the new lead',
    );
    expect(created.payload).toMatchObject({
      count: 1,
      leads: [{ id: leadId, name: null, email: null, phone, source: 'outbound_sms' }],
    });

    // The same number again is that lead: no second lead, no second lead.created.
    const again = await sms(manager.headers, { phoneNumber: phone, message: 'See you then' });
    expect(again.status).toBe(201);
    expect(again.body.data).toMatchObject({
      lead_id: leadId,
      conversation_id: res.body.data.conversation_id,
    });
    expect(await leadsWithPhone(tenant.id, phone)).toEqual([leadId]);
    expect(
      heard.filter((h) => JSON.stringify(h.payload).includes(leadId) && h.event === 'lead.created'),
    ).toHaveLength(1);
  });

  it('a number on the do-not-contact list for all channels or for SMS makes no lead: the refusal a listed lead gets', async () => {
    // The refusal the contact policy gives a lead listed for SMS.
    const listedPhone = fresh();
    const listedLead = await postLead(tenant, { first_name: 'Lis', phone: listedPhone });
    await api.http.post('/api/dnc').set(tenant.admin.headers).send({ phone: listedPhone, channel: 'sms' });
    const leadRefusal = await sms(manager.headers, { lead_id: listedLead, message: 'Hi' });
    expect(leadRefusal.status).toBe(422);
    expect(leadRefusal.body).toEqual({
      success: false,
      error: {
        code: 'POLICY_VIOLATION',
        message: 'The lead is on the do-not-contact list for sms',
        details: { rule: 'do_not_contact' },
      },
    });

    for (const channel of ['sms', 'all']) {
      const phone = fresh();
      const entry = await api.http.post('/api/dnc').set(tenant.admin.headers).send({ phone, channel });
      expect(entry.status).toBe(201);
      const before = await written(tenant.id);
      const res = await sms(manager.headers, { phoneNumber: phone, message: 'Hi' });
      expect({ channel, status: res.status, body: res.body }).toEqual({
        channel,
        status: 422,
        body: leadRefusal.body,
      });
      expect(await written(tenant.id)).toEqual(before);
      expect(await leadsWithPhone(tenant.id, phone)).toEqual([]);
    }
  });

  it('a do-not-contact entry added after the number was looked up, before its lead is made, refuses the send: no lead', async () => {
    for (const channel of ['sms', 'all']) {
      const phone = fresh();
      const before = await written(tenant.id);
      const sessions = new PgSessions(db);
      try {
        // The entry is being added as DncService adds one: under the number's address lock, not yet committed. The
        // send finds no lead and no entry for the number, then waits for that lock to make the lead.
        const adding = await sessions.begin();
        await lockAddresses(adding.tx, tenant.id, { phone, email: null });
        await adding.tx.query(
          `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, $2, $3, 'manual')`,
          [tenant.id, phone, channel],
        );
        const sent = sms(manager.headers, { phoneNumber: phone, message: 'Hi' }).then((r) => r);
        expect(await sessions.doneOrWaiting(sent, [adding.pid])).toHaveLength(1);
        await adding.tx.commitTransaction();

        const res = await sent;
        expect({ channel, status: res.status, body: res.body }).toEqual({
          channel,
          status: 422,
          body: {
            success: false,
            error: {
              code: 'POLICY_VIOLATION',
              message: 'The lead is on the do-not-contact list for sms',
              details: { rule: 'do_not_contact' },
            },
          },
        });
        expect(await leadsWithPhone(tenant.id, phone)).toEqual([]);
        expect(await written(tenant.id)).toEqual(before);
      } finally {
        await sessions.close();
      }
    }
  });

  it('an invalid or impossible number is a 400 naming phone, and writes nothing', async () => {
    const before = await written(tenant.id);
    for (const phoneNumber of ['not a number', '+1 555 01', '+999 1234 5678', '12', '+1 415 555 0100 0000']) {
      expectValidation(await sms(manager.headers, { phoneNumber, message: 'Hi' }), ['phone']);
    }
    expectValidation(await sms(manager.headers, { message: 'Hi' }), ['phone']);
    expect(await written(tenant.id)).toEqual(before);
  });

  it('a send refused for its input (no body, too long, an unknown file, a used idempotency key) makes no lead for a new number', async () => {
    const used = await sms(manager.headers, {
      phoneNumber: fresh(),
      message: 'Hi',
      idempotency_key: 'k-used',
    });
    expect(used.status).toBe(201);
    const before = await written(tenant.id);
    const phone = fresh();
    expectValidation(await sms(manager.headers, { phoneNumber: phone }), ['body']);
    expectValidation(await sms(manager.headers, { phoneNumber: phone, message: 'x'.repeat(1601) }), ['body']);
    expectValidation(
      await sms(manager.headers, {
        phoneNumber: phone,
        message: 'Hi',
        attachment_ids: ['0190f3a2-7b1c-7d2e-8f90-123456789abc'],
      }),
      ['attachment_ids'],
    );
    expectError(
      await sms(manager.headers, { phoneNumber: phone, message: 'Hi', idempotency_key: 'k-used' }),
      409,
      'CONFLICT',
    );
    expect(await written(tenant.id)).toEqual(before);
    expect(await leadsWithPhone(tenant.id, phone)).toEqual([]);
  });

  it('a refused input leaves a tenant that never sent an SMS without its sms channel config (a send makes it)', async () => {
    const quiet = await createTenant(api.http);
    const configs = () => countRows(db, 'channel_configs', 'tenant_id = $1', [quiet.id]);
    const before = { ...(await written(quiet.id)), channel_configs: await configs() };
    const phone = fresh();
    expectValidation(await sms(quiet.admin.headers, { phoneNumber: phone, message: 'x'.repeat(1601) }), [
      'body',
    ]);
    expectValidation(
      await sms(quiet.admin.headers, {
        phoneNumber: phone,
        message: 'Hi',
        attachment_ids: ['0190f3a2-7b1c-7d2e-8f90-123456789abc'],
      }),
      ['attachment_ids'],
    );
    expect({ ...(await written(quiet.id)), channel_configs: await configs() }).toEqual(before);
    expect(await leadsWithPhone(quiet.id, phone)).toEqual([]);
    expect((await sms(quiet.admin.headers, { phoneNumber: phone, message: 'Hi' })).status).toBe(201);
    expect(await configs()).toBe(before.channel_configs + 1);
  });

  it('two sends at once to the same new number make one lead, and both go to it', async () => {
    const phone = fresh();
    const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    const before = await written(tenant.id);
    const results = await Promise.all(
      [phone, national, phone, `001${phone.slice(2)}`].map((phoneNumber, i) =>
        sms(manager.headers, { phoneNumber, message: `Race ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const leads = await leadsWithPhone(tenant.id, phone);
    expect(leads).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.data.lead_id))).toEqual(new Set(leads));
    expect(await written(tenant.id)).toEqual({
      ...before,
      leads: before.leads + 1,
      lead_identities: before.lead_identities + 1,
      conversations: before.conversations + 1,
      messages: before.messages + 4,
    });
  });

  it("a number written another way (national, spaces, 00) is the existing lead's", async () => {
    const phone = fresh();
    const leadId = await postLead(tenant, { first_name: 'Nat', phone });
    const before = await written(tenant.id);
    const digits = phone.slice(2);
    for (const phoneNumber of [
      `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
      digits,
      `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`,
      `001 ${digits}`,
    ]) {
      const res = await sms(manager.headers, { phoneNumber, message: 'Hi' });
      expect({ phoneNumber, status: res.status, lead: res.body.data?.lead_id }).toEqual({
        phoneNumber,
        status: 201,
        lead: leadId,
      });
    }
    expect(await leadsWithPhone(tenant.id, phone)).toEqual([leadId]);
    expect(await written(tenant.id)).toMatchObject({ leads: before.leads, messages: before.messages + 4 });
  });

  it("an archived lead's number makes a new lead (archiving frees it), as POST /api/leads does", async () => {
    const phone = fresh();
    const archived = await postLead(tenant, { first_name: 'Old', phone });
    expect((await api.http.delete(`/api/leads/${archived}`).set(tenant.admin.headers)).status).toBe(200);
    const res = await sms(manager.headers, { phoneNumber: phone, message: 'Hi' });
    expect(res.status).toBe(201);
    const leads = await leadsWithPhone(tenant.id, phone);
    expect(leads).toEqual([archived, res.body.data.lead_id]);
    expect(await countRows(db, 'messages', 'lead_id = $1', [archived])).toBe(0);
  });

  it("another tenant's lead with the number is not used: the lead is made in the caller's tenant", async () => {
    const other = await createTenant(api.http);
    const phone = fresh();
    const theirs = await postLead(other, { first_name: 'Theirs', phone });
    const otherBefore = await written(other.id);
    const res = await sms(manager.headers, { phoneNumber: phone, message: 'Hi' });
    expect(res.status).toBe(201);
    const [ours] = await leadsWithPhone(tenant.id, phone);
    expect(res.body.data.lead_id).toBe(ours);
    expect(ours).not.toBe(theirs);
    expect(await written(other.id)).toEqual(otherBefore);
  });

  it('the role stays manager: an agent is refused (403) and no lead is made for the number', async () => {
    const agent = await createUser(api.http, tenant, 'agent');
    const phone = fresh();
    const before = await written(tenant.id);
    expectError(await sms(agent.headers, { phoneNumber: phone, message: 'Hi' }), 403, 'AUTHORIZATION_FAILED');
    expect(await written(tenant.id)).toEqual(before);
    const admin = await sms(tenant.admin.headers, { phoneNumber: phone, message: 'Hi' });
    expect(admin.status).toBe(201);
  });

  it('an unknown lead_id is still a 404', async () => {
    const before = await written(tenant.id);
    expectError(
      await sms(manager.headers, { lead_id: '0190f3a2-7b1c-7d2e-8f90-123456789abc', message: 'Hi' }),
      404,
      'NOT_FOUND',
      'Lead not found',
    );
    expect(await written(tenant.id)).toEqual(before);
  });

  it('the OpenAPI document says a new number becomes a lead, and 404 only for an unknown lead_id', async () => {
    const doc = await api.http.get('/api/docs-json');
    const op = doc.body.paths['/api/sms/send'].post;
    expect(op.description).toContain('becomes a new lead');
    expect(op.description).toContain('do-not-contact');
    expect(op.responses['404'].description).toContain('lead_id');
    expect(op.responses['404'].description).not.toMatch(/unknown (phone|number) (answers|is a) 404/);
    expect(op.responses['422'].description).toContain('no lead is made');
    expect(doc.body.components.schemas.SmsSendDto.properties.phone.description).not.toContain('404');
  });
});
