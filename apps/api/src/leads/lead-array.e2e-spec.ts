import { createTenant, createUser, PgSessions, TestTenant, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

type Json = Record<string, unknown>;
type Lead = Json & { id: string };
interface ItemError {
  index: number;
  code: string;
  message: string;
  details?: unknown;
}

/**
 * POST /api/leads with an array is decided set-based (one transaction of a few statements), and must answer each
 * item exactly as the same items posted one by one would be answered: an item meets the leads the earlier items
 * created, and an item that was refused claims nothing.
 */
describe('POST /api/leads with an array, set-based (e2e)', () => {
  const api = useTestApi();

  const post = (tenant: TestTenant, body: unknown) =>
    api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send(body as object);
  const addDnc = async (tenant: TestTenant, body: Json) => {
    const res = await api.http.post('/api/dnc').set(tenant.admin.headers).send(body);
    expect(res.status).toBe(201);
    return res.body.data as Json & { id: string };
  };
  const createLead = async (tenant: TestTenant, body: Json) => {
    const res = await post(tenant, body);
    expect(res.status).toBe(201);
    return res.body.data as Lead;
  };
  const conflictDetail = (field: string, leadId: string) => ({
    field,
    reason: `belongs to lead ${leadId}`,
    existing_lead_id: leadId,
  });
  /** The tenant's leads (every column) and identities, by address: what a request may have written. */
  const tenantRows = async (tenantId: string) => ({
    leads: await api.db.query('SELECT * FROM leads WHERE tenant_id = $1 ORDER BY id', [tenantId]),
    identities: await api.db.query(
      'SELECT lead_id, channel, address FROM lead_identities WHERE tenant_id = $1 ORDER BY channel, address',
      [tenantId],
    ),
  });

  /** What one array answers per item: the created leads come in the order of the items not reported. */
  function perItem(count: number, data: { leads: Lead[]; errors: ItemError[] }): (Lead | ItemError)[] {
    const errors = new Map(data.errors.map((e) => [e.index, e]));
    const leads = [...data.leads];
    return Array.from({ length: count }, (_, index) => errors.get(index) ?? (leads.shift() as Lead));
  }

  /** A tenant with what the items below meet: two leads, do-not-contact entries, a manager to own leads. */
  async function setUp() {
    const tenant = await createTenant(api.http);
    const manager = await createUser(api.http, tenant, 'manager');
    const a = await createLead(tenant, {
      name: 'Existing A',
      phone: '+1 212 555 0001',
      email: 'a@example.com',
    });
    const b = await createLead(tenant, {
      name: 'Existing B',
      phone: '+1 212 555 0002',
      email: 'b@example.com',
    });
    // The phone's all-channel entry is the older: an item on both lists is refused naming it.
    const phoneEntry = await addDnc(tenant, { phone: '+1 212 555 0009', channel: 'all' });
    const mailEntry = await addDnc(tenant, { email: 'dnc@example.com', channel: 'all' });
    await addDnc(tenant, { phone: '+1 212 555 0008', channel: 'sms' });
    await addDnc(tenant, { phone: '+1 212 555 0008', channel: 'whatsapp' });
    await addDnc(tenant, { email: 'quiet@example.com', channel: 'email' });
    return { tenant, manager, a, b, phoneEntry, mailEntry };
  }

  /** Every case the set-based decision must get as one create after another would. */
  const items = (managerId: string): unknown[] => [
    /* 0 */ { name: 'Zero', phone: '+1 212 555 0100', tags: ['batch'] },
    /* 1 */ { name: 'Twin of zero', phone: '(212) 555-0100', country: 'US' },
    /* 2 */ { name: 'Taken', email: 'A@EXAMPLE.COM' },
    /* 3 */ { name: 'Phone of A, email of B', phone: '+12125550001', email: 'b@example.com' },
    /* 4 */ { name: 'Listed phone', phone: '+1 212 555 0009', email: 'four@example.com' },
    /* 5 */ { name: 'Listed email', phone: '+1 212 555 0300', email: 'DNC@example.com' },
    /* 6 */ { name: 'Channel entries', phone: '212.555.0008', country: 'US', email: 'Quiet@Example.com' },
    /* 7 */ { name: 'X'.repeat(150), phone: '+1 212 555 0400', email: 'seven@example.com' },
    /* 8 */ { name: 'Email of seven', email: 'Seven@Example.com' },
    /* 9 */ { name: 'Phone of seven', phone: '+1 212 555 0400', email: 'nine@example.com' },
    /* 10 */ { name: 'Phone of zero, email of eight', phone: '+12125550100', email: 'SEVEN@example.com' },
    /* 11 */ { name: 'Phone of A, email of nine', phone: '+1 212 555 0001', email: 'nine@EXAMPLE.com' },
    /* 12 */ { name: 'Bad phone', phone: 'call me maybe', email: 'twelve@example.com' },
    /* 13 */ { name: 'Nothing' },
    /* 14 */ { email: 'fourteen@example.com', owner_id: randomUUID() },
    /* 15 */ { email: 'fifteen@example.com', owner_id: managerId, score: 70, value: 12.5 },
    /* 16 */ { name: 'All of A', phone: '+1 212 555 0001', email: 'a@example.com' },
    /* 17 */ { name: 'Phone of five', phone: '+1 212 555 0300', email: 'seventeen@example.com' },
    /* 18 */ { name: 'On both lists', phone: '+1 212 555 0009', email: 'dnc@example.com' },
    /* 19 */ { name: 'Bad score', email: 'nineteen@example.com', score: 101 },
  ];

  it('answers each item as the same items posted one by one would be answered', async () => {
    const batch = await setUp();
    const single = await setUp();
    const body = items(batch.manager.id);
    const res = await post(batch.tenant, body);
    expect(res.status).toBe(200);
    const batchAnswers = perItem(body.length, res.body.data);

    const singleAnswers: (Lead | ItemError)[] = [];
    for (const [index, item] of items(single.manager.id).entries()) {
      const one = await post(single.tenant, item);
      singleAnswers.push(one.status === 201 ? one.body.data : { index, ...one.body.error });
    }

    // The two tenants' own ids (leads, entries, users, the tenant) read as names, and times as "time".
    const names = (s: typeof batch, answers: (Lead | ItemError)[]) =>
      new Map<string, string>([
        [s.tenant.id, 'tenant'],
        [s.manager.id, 'manager'],
        [s.a.id, 'lead A'],
        [s.b.id, 'lead B'],
        [s.phoneEntry.id, 'phone entry'],
        [s.mailEntry.id, 'mail entry'],
        ...answers.flatMap((a, i): [string, string][] => ('id' in a ? [[a.id, `item ${i}`]] : [])),
      ]);
    const readable = (s: typeof batch, answers: (Lead | ItemError)[]) => {
      let text = JSON.stringify(answers);
      for (const [id, name] of names(s, answers)) text = text.split(id).join(name);
      return JSON.parse(text.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"time"'));
    };
    expect(readable(batch, batchAnswers)).toEqual(readable(single, singleAnswers));

    // What the decision must have been (the comparison above holds it; these read it out).
    const created = batchAnswers.flatMap((a, i) => ('id' in a ? [i] : []));
    expect(created).toEqual([0, 6, 8, 9, 15, 17]);
    const [zero, eight, nine] = [0, 8, 9].map((i) => batchAnswers[i] as Lead);
    const error = (i: number) => batchAnswers[i] as ItemError;
    expect(error(1)).toEqual({
      index: 1,
      code: 'CONFLICT',
      message: 'A lead with this phone already exists',
      details: [conflictDetail('phone', zero.id)],
    });
    expect(error(3).message).toBe(
      `The phone belongs to lead ${batch.a.id} and the email to lead ${batch.b.id}`,
    );
    expect(error(4).details).toEqual({ rule: 'do_not_contact', dnc_entry_id: batch.phoneEntry.id });
    expect(error(5).details).toEqual({ rule: 'do_not_contact', dnc_entry_id: batch.mailEntry.id });
    expect(batchAnswers[6]).toMatchObject({
      do_not_call: false,
      opted_out_channels: ['email', 'sms', 'whatsapp'],
    });
    // A first name longer than its column: refused as the lone create refuses it, its addresses left to 8 and 9.
    expect(error(7)).toEqual({
      index: 7,
      code: 'VALIDATION_ERROR',
      message: expect.any(String),
      details: [{ field: 'name', reason: expect.stringContaining('100 characters') }],
    });
    expect(error(10)).toEqual({
      index: 10,
      code: 'CONFLICT',
      message: `The phone belongs to lead ${zero.id} and the email to lead ${eight.id}`,
      details: [conflictDetail('email', eight.id), conflictDetail('phone', zero.id)],
    });
    expect(error(11).message).toBe(
      `The phone belongs to lead ${batch.a.id} and the email to lead ${nine.id}`,
    );
    expect(error(18).details).toEqual({ rule: 'do_not_contact', dnc_entry_id: batch.phoneEntry.id });
    expect(res.body.data).toMatchObject({ total: 20, created: 6, failed: 14 });
  });

  it('writes nothing of a refused item: the leads and identities are the created ones and those before', async () => {
    const { tenant, manager, a, b } = await setUp();
    const res = await post(tenant, items(manager.id));
    expect(res.status).toBe(200);
    const rows = await tenantRows(tenant.id);
    const createdIds = (res.body.data.leads as Lead[]).map((l) => l.id);
    expect(rows.leads.map((l: Lead) => l.id).sort()).toEqual([a.id, b.id, ...createdIds].sort());
    // Each lead as the API answered it, and only its own phone and email as identities.
    for (const lead of res.body.data.leads as Lead[]) {
      const row = rows.leads.find((l: Lead) => l.id === lead.id);
      expect({ email: row.email, phone: row.phone_normalized, tags: row.tags }).toEqual({
        email: lead.email,
        phone: lead.phone_normalized,
        tags: lead.tags,
      });
    }
    const expected = [a, b, ...(res.body.data.leads as Lead[])].flatMap((l) => [
      ...(l.phone_normalized ? [{ lead_id: l.id, channel: 'phone', address: l.phone_normalized }] : []),
      ...(l.email ? [{ lead_id: l.id, channel: 'email', address: (l.email as string).toLowerCase() }] : []),
    ]);
    const key = (i: { channel: string; address: unknown }) => `${i.channel} ${String(i.address)}`;
    expect(rows.identities.map(key).sort()).toEqual(expected.map(key).sort());
    expect(rows.identities).toEqual(expect.arrayContaining(expected));
    // The refused item 7's name is nowhere, nor item 12's, 14's or 19's email.
    const written = JSON.stringify(rows);
    for (const absent of ['X'.repeat(150), 'twelve@', 'fourteen@', 'nineteen@', 'four@', 'dnc@'])
      expect({ absent, found: written.includes(absent) }).toEqual({ absent, found: false });
  });

  it('an array of only refused items writes nothing and answers each', async () => {
    const { tenant, a } = await setUp();
    const before = await tenantRows(tenant.id);
    const res = await post(tenant, [
      { email: 'a@example.com' },
      { name: 'Y'.repeat(120), email: 'long@example.com' },
      { phone: '+1 212 555 0009' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      total: 3,
      created: 0,
      failed: 3,
      leads: [],
      errors: [
        {
          index: 0,
          code: 'CONFLICT',
          message: 'A lead with this email already exists',
          details: [conflictDetail('email', a.id)],
        },
        {
          index: 1,
          code: 'VALIDATION_ERROR',
          message: expect.any(String),
          details: [{ field: 'name', reason: expect.stringContaining('100 characters') }],
        },
        expect.objectContaining({ index: 2, code: 'POLICY_VIOLATION' }),
      ],
    });
    expect(await tenantRows(tenant.id)).toEqual(before);
  });

  it('an address taken meanwhile by a writer without the address locks (an import) makes its item a duplicate', async () => {
    const { tenant } = await setUp();
    const sessions = new PgSessions(api.db);
    try {
      // An import's merge takes no address lock: its identity, not yet committed, is what the array's insert meets.
      const racer = await sessions.begin();
      const racingId = uuidv7();
      await racer.tx.query(
        `INSERT INTO leads (id, tenant_id, first_name, phone, phone_normalized) VALUES ($1, $2, 'Racer', $3, $3)`,
        [racingId, tenant.id, '+12125550777'],
      );
      await racer.tx.query(
        `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'phone', $3)`,
        [tenant.id, racingId, '+12125550777'],
      );
      const answer = post(tenant, [
        { name: 'Loses', phone: '+1 212 555 0777', email: 'loses@example.com' },
        { name: 'Lands', phone: '+1 212 555 0778', email: 'loses-not@example.com' },
        { name: 'Email of the loser', email: 'LOSES@example.com' },
      ]).then((r) => r);
      expect(await sessions.doneOrWaiting(answer, [racer.pid])).toHaveLength(1);
      await racer.tx.commitTransaction();
      const res = await answer;
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        created: 2,
        errors: [
          {
            index: 0,
            code: 'CONFLICT',
            message: 'A lead with this phone already exists',
            details: [conflictDetail('phone', racingId)],
          },
        ],
      });
      // The loser claimed nothing: the item after it with its email is created.
      expect((res.body.data.leads as Lead[]).map((l) => l.email)).toEqual([
        'loses-not@example.com',
        'LOSES@example.com',
      ]);
      const phones = await api.db.query(
        `SELECT lead_id FROM lead_identities WHERE tenant_id = $1 AND channel = 'phone' AND address = $2`,
        [tenant.id, '+12125550777'],
      );
      expect(phones).toEqual([{ lead_id: racingId }]);
    } finally {
      await sessions.close();
    }
  });
});
