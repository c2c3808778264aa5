import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * GDPR Art. 17, what else held the person: erasure lists every address they were reached at on the
 * do-not-contact list (the WhatsApp number a chat came from as well as the lead's current phone), blanks what the
 * AI read and wrote for them (keeping its accounting), the activity log's words about them (keeping its ids), and
 * an import's row errors that show their cells.
 * A live lead at one of those addresses (made after the erased one was archived) is flagged by the new entries.
 */
describe('erasure of what else held the person (e2e)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const db = () => api.app.get(DataSource);

  it('lists every address, blanks AI records and import row errors, and leaves other people alone', async () => {
    const made = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Erin', phone: '+447911100701', email: 'Erin.Erased@example.com' });
    expect(made.status).toBe(201);
    const leadId = made.body.data.id as string;
    // They first wrote on WhatsApp from another number, kept as an identity when their phone changed.
    await db().query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'whatsapp', '+447911100702')`,
      [t.id, leadId],
    );
    const ai = async (lead: string | null, text: string) =>
      (
        await db().query(
          `INSERT INTO ai_interactions (tenant_id, kind, lead_id, provider, model, input, output, success,
             input_tokens, output_tokens, cost_usd)
           VALUES ($1, 'message', $2, 'local', 'template', $3, $4, true, 120, 40, 0.0012) RETURNING id`,
          [t.id, lead, JSON.stringify({ history: [text] }), JSON.stringify({ body: `Hi ${text}` })],
        )
      )[0].id as string;
    const theirs = await ai(leadId, 'Erin said hello');
    const others = await ai(null, 'someone else');
    const [imp] = await db().query(
      `INSERT INTO lead_imports (tenant_id, kind, status, file_name, encoding, delimiter, columns, options)
       VALUES ($1, 'leads', 'completed', 'old.csv', 'utf-8', ',', '[]', '{}') RETURNING id`,
      [t.id],
    );
    await db().query(
      `INSERT INTO lead_import_errors (tenant_id, import_id, row, field, value, error) VALUES
         ($1, $2, 2, 'email', 'erin.erased@example.com', 'belongs to another lead'),
         ($1, $2, 3, 'phone', '+44 7911 100701', 'belongs to another lead'),
         ($1, $2, 4, 'phone', '+44 7911 999999', 'is not a valid phone number'),
         ($1, $2, 5, 'phone', '07911 100701', 'belongs to another lead'),
         ($1, $2, 6, 'phone', '0044 (0)7911-100.702', 'belongs to another lead'),
         ($1, $2, 7, 'phone', '7911 100701', 'belongs to another lead'),
         ($1, $2, 8, 'phone', '07911 100799', 'belongs to another lead')`,
      [t.id, imp.id],
    );

    // What the classifier logged about them (a referral they gave), and an entry about someone else.
    const activity = async (lead: string, referral: string) =>
      (
        await db().query(
          `INSERT INTO activity_log (tenant_id, type, description, status, data)
           VALUES ($1, 'lead.wrong_person', $2, 'info', $3) RETURNING id`,
          [
            t.id,
            `The lead is not the right contact and referred ${referral}`,
            JSON.stringify({
              lead_id: lead,
              message_id: '0190a000-0000-7000-8000-0000000000aa',
              referral: { name: referral },
            }),
          ],
        )
      )[0].id as string;
    const theirEntry = await activity(leadId, 'Sam Referred');
    const otherEntry = await activity('0190a000-0000-7000-8000-0000000000bb', 'Someone Else');

    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(t.admin.headers);
    expect(erased.status).toBe(200);
    expect(erased.body.data).toMatchObject({ id: leadId, dnc_entries: 3 });

    const entry = async (id: string) =>
      (await db().query(`SELECT type, description, data FROM activity_log WHERE id = $1`, [id]))[0];
    expect(await entry(theirEntry)).toEqual({
      type: 'lead.wrong_person',
      description: 'About a lead since erased',
      data: { lead_id: leadId, message_id: '0190a000-0000-7000-8000-0000000000aa' },
    });
    expect(await entry(otherEntry)).toMatchObject({
      description: 'The lead is not the right contact and referred Someone Else',
      data: { referral: { name: 'Someone Else' } },
    });

    const dnc = await db().query(
      `SELECT phone_normalized, email, channel, reason FROM dnc_entries WHERE tenant_id = $1 ORDER BY phone_normalized, email`,
      [t.id],
    );
    expect(dnc).toEqual([
      { phone_normalized: '+447911100701', email: null, channel: 'all', reason: 'erasure' },
      { phone_normalized: '+447911100702', email: null, channel: 'all', reason: 'erasure' },
      { phone_normalized: null, email: 'erin.erased@example.com', channel: 'all', reason: 'erasure' },
    ]);
    const interactions = new Map(
      (
        (await db().query(
          `SELECT id, lead_id, input, output, input_tokens, cost_usd FROM ai_interactions WHERE tenant_id = $1`,
          [t.id],
        )) as { id: string }[]
      ).map((r) => [r.id, r]),
    );
    expect(interactions.get(theirs)).toMatchObject({
      lead_id: null,
      input: null,
      output: null,
      input_tokens: 120,
      cost_usd: '0.0012',
    });
    expect(interactions.get(others)).toMatchObject({ input: { history: ['someone else'] } });
    const errors = await db().query(
      `SELECT row, value FROM lead_import_errors WHERE import_id = $1 ORDER BY row`,
      [imp.id],
    );
    expect(errors).toEqual([
      { row: 2, value: null },
      { row: 3, value: null },
      { row: 4, value: '+44 7911 999999' },
      // Their numbers as people write them nationally go too; someone else's stays.
      { row: 5, value: null },
      { row: 6, value: null },
      { row: 7, value: null },
      { row: 8, value: '07911 100799' },
    ]);
  });

  it('drops the provider ids that carry their address and their email thread ids; opaque ids stay', async () => {
    const made = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Wanda', phone: '+16505550188', email: 'wanda.ids@example.com' });
    expect(made.status).toBe(201);
    const leadId = made.body.data.id as string;
    const other = await api.http.post('/api/leads').set(t.admin.headers).send({ phone: '+16505550189' });
    expect(other.status).toBe(201);
    // A wamid is base64 of a record that holds the recipient's number (here 16505550188).
    const wamid = `wamid.${Buffer.from('\x18\x0b16505550188\x15\x02\x00\x11\x18\x12ABCDEF0123').toString('base64')}`;
    const message = async (
      lead: string,
      channel: string,
      provider: string,
      id: string,
      thread: string | null,
    ) => {
      const [conversation] = await db().query(
        `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, $3) RETURNING id`,
        [t.id, lead, channel],
      );
      await db().query(
        `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider,
           provider_message_id, status, idempotency_key, external_thread_id)
         VALUES ($1, $2, $3, 'outbound', $4, 'agent', $5, $6, 'delivered', $6, $7)`,
        [t.id, conversation.id, lead, channel, provider, id, thread],
      );
    };
    await message(leadId, 'whatsapp', 'whatsapp_cloud', wamid, null);
    await message(leadId, 'telegram', 'telegram', 'bot:777000111:42', null);
    await message(leadId, 'sms', 'twilio', 'SM0123456789abcdef0123456789abcdef', null);
    await message(leadId, 'email', 'smtp', '<m1@mail.reachline.test>', '<m1@mail.reachline.test>');
    await message(other.body.data.id, 'telegram', 'telegram', 'bot:777000222:43', null);

    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(t.admin.headers);
    expect(erased.status).toBe(200);

    const rows = await db().query(
      `SELECT provider, provider_message_id, external_thread_id FROM messages
        WHERE tenant_id = $1 AND provider_message_id IS DISTINCT FROM 'bot:777000222:43' AND lead_id IS NULL
        ORDER BY provider`,
      [t.id],
    );
    expect(rows).toEqual([
      { provider: 'smtp', provider_message_id: '<m1@mail.reachline.test>', external_thread_id: null },
      { provider: 'telegram', provider_message_id: null, external_thread_id: null },
      {
        provider: 'twilio',
        provider_message_id: 'SM0123456789abcdef0123456789abcdef',
        external_thread_id: null,
      },
      { provider: 'whatsapp_cloud', provider_message_id: null, external_thread_id: null },
    ]);
    expect(
      await db().query(`SELECT lead_id FROM messages WHERE provider_message_id = 'bot:777000222:43'`),
    ).toEqual([{ lead_id: other.body.data.id }]);
  });

  it('flags the live lead that now holds an address of the erased (archived) one', async () => {
    const create = async (body: object) => {
      const res = await api.http.post('/api/leads').set(t.admin.headers).send(body);
      expect(res.status).toBe(201);
      return res.body.data.id as string;
    };
    const old = await create({ first_name: 'Old', phone: '+447911100711', email: 'old.owner@example.com' });
    expect((await api.http.delete(`/api/leads/${old}`).set(t.admin.headers)).status).toBe(200);
    const now = await create({ first_name: 'New', phone: '+447911100711' });
    const other = await create({ first_name: 'Other', phone: '+447911100712' });

    expect((await api.http.delete(`/api/leads/${old}?erase=true`).set(t.admin.headers)).status).toBe(200);
    const flags = async (id: string) =>
      (await api.http.get(`/api/leads/${id}`).set(t.admin.headers)).body.data.do_not_call;
    expect(await flags(now)).toBe(true);
    expect(await flags(other)).toBe(false);
  });

  it("takes the erased lead off its campaigns' counts of leads enrolled", async () => {
    const create = async (first: string, phone: string) => {
      const res = await api.http.post('/api/leads').set(t.admin.headers).send({ first_name: first, phone });
      expect(res.status).toBe(201);
      return res.body.data.id as string;
    };
    const gone = await create('Gone', '+447911100721');
    const stays = await create('Stays', '+447911100722');
    const campaign = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({ name: 'Erasure count', steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }] });
    expect(campaign.status).toBe(201);
    const id = campaign.body.data.id as string;
    const enrolled = await api.http
      .post(`/api/campaigns/${id}/leads`)
      .set(t.admin.headers)
      .send({ lead_ids: [gone, stays] });
    expect(enrolled.status).toBeLessThan(300);
    const total = async () =>
      (await api.http.get(`/api/campaigns/${id}`).set(t.admin.headers)).body.data.total_leads as number;
    expect(await total()).toBe(2);

    expect((await api.http.delete(`/api/leads/${gone}?erase=true`).set(t.admin.headers)).status).toBe(200);
    expect(await total()).toBe(1);
  });
});
