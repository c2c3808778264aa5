import {
  countRows,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestTenant,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';

type Json = Record<string, unknown>;
type Contact = Json & { id: string };

/** Seed 004's contact, snake_cased: exactly these keys and no lead-only field. */
const CONTACT_KEYS = [
  'company',
  'created_at',
  'email',
  'first_name',
  'id',
  'last_contact_date',
  'last_name',
  'name',
  'notes',
  'phone',
  'position',
  'status',
  'tags',
];

function contactShape(fields: Json = {}): Json {
  return {
    id: expect.stringMatching(UUID_PATTERN),
    name: null,
    first_name: null,
    last_name: null,
    email: null,
    phone: null,
    company: null,
    position: null,
    tags: [],
    last_contact_date: null,
    status: 'active',
    notes: null,
    created_at: expect.stringMatching(ISO_TIMESTAMP),
    ...fields,
  };
}

describe('contacts (e2e)', () => {
  const api = useTestApi();

  type Who = TestTenant | { headers: Record<string, string> };
  const headersOf = (who: Who) => ('admin' in who ? who.admin.headers : who.headers);
  const contacts = (who: Who, query = '') =>
    api.http.get(`/api/contacts${query ? `?${query}` : ''}`).set(headersOf(who));
  const postContact = (who: Who, body: unknown) =>
    api.http
      .post('/api/contacts')
      .set(headersOf(who))
      .send(body as object);

  /** A lead made through POST /api/leads (the contacts' other door); answers its JSON. */
  async function createLead(who: Who, body: Json): Promise<Json & { id: string; created_at: string }> {
    const res = await api.http.post('/api/leads').set(headersOf(who)).send(body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  async function contactIds(who: Who, query = '') {
    const res = await contacts(who, query);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    expect(res.body).toEqual({
      success: true,
      data: expect.any(Array),
      meta: { total: res.body.data.length, limit: 50, offset: 0 },
    });
    return (res.body.data as Contact[]).map((c) => c.id);
  }

  async function tenantState(tenantId: string) {
    return {
      leads: await api.db.query('SELECT * FROM leads WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      identities: await api.db.query(
        'SELECT lead_id, channel, address FROM lead_identities WHERE tenant_id = $1 ORDER BY channel, address',
        [tenantId],
      ),
    };
  }

  describe('GET /api/contacts', () => {
    it('answers the address-book shape (phone in E.164) and no lead-only field, newest first', async () => {
      const tenant = await createTenant(api.http);
      const alice = await createLead(tenant, {
        name: 'Alice Johnson',
        email: 'alice@company.com',
        phone: '(415) 555-2671',
        country: 'US',
        company: 'Innovation Inc',
        position: 'CTO',
        tags: ['decision-maker', 'technical'],
        notes: 'Key technical decision maker',
        source: 'website',
        value: 5000,
        score: 80,
        status: 'qualified',
        custom_fields: { plan: 'pro' },
        owner_id: tenant.admin.id,
      });
      const bare = await createLead(tenant, { email: 'bare@example.com' });

      const res = await contacts(tenant);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: [
          contactShape({ id: bare.id, email: 'bare@example.com', created_at: bare.created_at }),
          contactShape({
            id: alice.id,
            name: 'Alice Johnson',
            first_name: 'Alice',
            last_name: 'Johnson',
            email: 'alice@company.com',
            phone: '+14155552671',
            company: 'Innovation Inc',
            position: 'CTO',
            tags: ['decision-maker', 'technical'],
            notes: 'Key technical decision maker',
            created_at: alice.created_at,
          }),
        ],
        meta: { total: 2, limit: 50, offset: 0 },
      });
      for (const contact of res.body.data as Contact[])
        expect(Object.keys(contact).sort()).toEqual(CONTACT_KEYS);
    });

    it('last_contact_date: the later of the last call and the last message either way that went', async () => {
      const tenant = await createTenant(api.http);
      const [messaged, called, wrote] = [
        await createLead(tenant, { name: 'Messaged', email: 'messaged@example.com' }),
        await createLead(tenant, { name: 'Called', email: 'called@example.com' }),
        await createLead(tenant, { name: 'Wrote', email: 'wrote@example.com' }),
      ];
      const message = async (leadId: string, direction: string, status: string, at: string) => {
        const [{ id: conversation }] = await api.db.query(
          `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms')
           ON CONFLICT (tenant_id, lead_id, channel) DO UPDATE SET updated_at = now() RETURNING id`,
          [tenant.id, leadId],
        );
        await api.db.query(
          `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                                 status, idempotency_key, created_at)
           VALUES ($1, $2, $3, $4, 'sms', $5, 'Hi', 'simulator', $6, gen_random_uuid()::text, $7)`,
          [
            tenant.id,
            conversation,
            leadId,
            direction,
            direction === 'inbound' ? 'lead' : 'agent',
            status,
            at,
          ],
        );
      };
      const called_at = (leadId: string, at: string) =>
        api.db.query('UPDATE leads SET last_call_at = $2 WHERE id = $1', [leadId, at]);
      // Messaged: a call, then a delivered SMS; a later failed one and a later queued one do not count.
      await called_at(messaged.id, '2026-11-01T09:00:00.000Z');
      await message(messaged.id, 'outbound', 'delivered', '2026-11-02T09:00:00.000Z');
      await message(messaged.id, 'outbound', 'failed', '2026-11-03T09:00:00.000Z');
      await message(messaged.id, 'outbound', 'queued', '2026-11-04T09:00:00.000Z');
      // Called: an SMS, then a later call.
      await message(called.id, 'outbound', 'sent', '2026-11-02T09:00:00.000Z');
      await called_at(called.id, '2026-11-05T09:00:00.000Z');
      // Wrote: only its own message to the tenant.
      await message(wrote.id, 'inbound', 'received', '2026-11-06T09:00:00.000Z');

      const res = await contacts(tenant);
      expect(res.status).toBe(200);
      const last = Object.fromEntries(
        (res.body.data as Contact[]).map((c) => [c.name as string, c.last_contact_date]),
      );
      expect(last).toEqual({
        Messaged: '2026-11-02T09:00:00.000Z',
        Called: '2026-11-05T09:00:00.000Z',
        Wrote: '2026-11-06T09:00:00.000Z',
      });
    });

    it('does not list archived leads', async () => {
      const tenant = await createTenant(api.http);
      const kept = await createLead(tenant, { name: 'Kept', email: 'kept@example.com' });
      const gone = await createLead(tenant, { name: 'Gone', email: 'gone@example.com', tags: ['t'] });
      expect((await api.http.delete(`/api/leads/${gone.id}`).set(tenant.admin.headers)).status).toBe(200);
      expect(await contactIds(tenant)).toEqual([kept.id]);
      expect(await contactIds(tenant, 'search=gone')).toEqual([]);
      expect(await contactIds(tenant, 'tags=t')).toEqual([]);
    });

    it('searches name, email, company and phone; every word must match', async () => {
      const tenant = await createTenant(api.http);
      const alice = await createLead(tenant, {
        name: 'Alice Johnson',
        email: 'alice@innovation.test',
        company: 'Innovation Inc',
        phone: '+1 415 555 2671',
      });
      const bob = await createLead(tenant, {
        name: 'Bob Wilson',
        email: 'bob@startup.io',
        company: 'AI Startup',
        phone: '+1 212 555 0100',
      });
      const carol = await createLead(tenant, { name: 'Carol Innes', email: 'carol@mail.test' });
      const other = await createTenant(api.http);
      await createLead(other, { name: 'Alice Johnson', email: 'alice@innovation.test' });

      const cases: [string, string[]][] = [
        ['alice', [alice.id]],
        ['WILSON', [bob.id]],
        ['startup.io', [bob.id]],
        ['innovation', [alice.id]],
        ['inn', [carol.id, alice.id]],
        ['inn carol', [carol.id]],
        ['alice startup', []],
        ['(415) 555', [alice.id]],
        ['212-555-0100', [bob.id]],
        ['%', []],
      ];
      const answers = [];
      for (const [search] of cases) {
        answers.push([search, await contactIds(tenant, `search=${encodeURIComponent(search)}`)]);
      }
      expect(answers).toEqual(cases);
    });

    it('filters by tags in any case: a comma list means all of them', async () => {
      const tenant = await createTenant(api.http);
      const both = await createLead(tenant, {
        email: 'both@example.com',
        tags: ['decision-maker', 'technical'],
      });
      const dm = await createLead(tenant, { email: 'dm@example.com', tags: ['decision-maker'] });
      const tech = await createLead(tenant, { email: 'tech@example.com', tags: ['technical', 'AI'] });
      await createLead(tenant, { email: 'none@example.com' });
      const cases: [string, string[]][] = [
        ['tags=decision-maker', [dm.id, both.id]],
        ['tags=technical', [tech.id, both.id]],
        ['tags=decision-maker,technical', [both.id]],
        ['tags=decision-maker,%20technical%20', [both.id]],
        ['tags=technical,AI', [tech.id]],
        ['tags=ai', [tech.id]],
        ['tags=TECHNICAL,Decision-Maker', [both.id]],
        ['tags=decision-maker,technical,AI', []],
        ['tags=technical&search=tech', [tech.id]],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await contactIds(tenant, query)]);
      expect(answers).toEqual(cases);
    });

    it('sorts by name, company or creation (createdAt too); name and company default to ascending, creation to newest first', async () => {
      const tenant = await createTenant(api.http);
      const zoe = await createLead(tenant, { name: 'Zoe Adams', email: 'zoe@example.com', company: 'Beta' });
      const young = await createLead(tenant, {
        name: 'Adam Young',
        email: 'young@example.com',
        company: 'Alpha',
      });
      const baker = await createLead(tenant, { name: 'Adam Baker', email: 'baker@example.com' });
      const noName = await createLead(tenant, { email: 'noname@example.com', company: 'Gamma' });
      const [a, b, c, d] = [zoe.id, young.id, baker.id, noName.id];
      const cases: [string, string[]][] = [
        ['', [d, c, b, a]],
        ['sort=name', [c, b, a, d]],
        ['sort=name&order=asc', [c, b, a, d]],
        ['sort=name&order=desc', [a, b, c, d]],
        ['sort=company', [b, a, d, c]],
        ['sort=company&order=DESC', [d, a, b, c]],
        ['sort=created_at', [d, c, b, a]],
        ['sort=createdAt', [d, c, b, a]],
        ['sort=createdAt&order=asc', [a, b, c, d]],
        ['sort=created_at&order=asc', [a, b, c, d]],
        ['order=asc', [a, b, c, d]],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await contactIds(tenant, query)]);
      expect(answers).toEqual(cases);

      const paged = await contacts(tenant, 'sort=name&limit=2&offset=1');
      expect(paged.body.meta).toEqual({ total: 4, limit: 2, offset: 1 });
      expect(paged.body.data.map((x: Contact) => x.id)).toEqual([b, a]);
    });

    it('sorts an address book of mixed case alphabetically: alice before Bob', async () => {
      const tenant = await createTenant(api.http);
      const bob = await createLead(tenant, { name: 'Bob Young', email: 'bob@example.com', company: 'beta' });
      const alice = await createLead(tenant, {
        name: 'alice zed',
        email: 'alice@example.com',
        company: 'Alpha',
      });
      const carol = await createLead(tenant, {
        name: 'Carol Xu',
        email: 'carol@example.com',
        company: 'gamma',
      });
      expect(await contactIds(tenant, 'sort=name')).toEqual([alice.id, bob.id, carol.id]);
      expect(await contactIds(tenant, 'sort=company')).toEqual([alice.id, bob.id, carol.id]);
    });

    it('refuses unknown query values with the field named', async () => {
      const tenant = await createTenant(api.http);
      const cases: [string, string][] = [
        ['sort=email', 'sort'],
        ['sort=score', 'sort'],
        ['order=up', 'order'],
        ['search=', 'search'],
        ['limit=101', 'limit'],
        ['status=new', 'status'],
      ];
      for (const [query, field] of cases) expectValidation(await contacts(tenant, query), [field]);
    });
  });

  describe('POST /api/contacts', () => {
    it("creates a contact from seed 004's body (201, contact shape) that is the same person as GET /api/leads/:id", async () => {
      const tenant = await createTenant(api.http);
      const body = {
        name: 'Bob Wilson',
        email: 'bob@startup.io',
        phone: '+1 212 555 0100',
        company: 'AI Startup',
        position: 'CEO',
        tags: ['founder', 'AI'],
      };
      const res = await postContact(tenant, body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: contactShape({
          name: 'Bob Wilson',
          first_name: 'Bob',
          last_name: 'Wilson',
          email: 'bob@startup.io',
          phone: '+12125550100',
          company: 'AI Startup',
          position: 'CEO',
          tags: ['founder', 'AI'],
        }),
      });
      expect(Object.keys(res.body.data).sort()).toEqual(CONTACT_KEYS);

      const lead = await api.http.get(`/api/leads/${res.body.data.id}`).set(tenant.admin.headers);
      expect(lead.status).toBe(200);
      expect(lead.body.data).toMatchObject({
        id: res.body.data.id,
        tenant_id: tenant.id,
        first_name: 'Bob',
        last_name: 'Wilson',
        name: 'Bob Wilson',
        email: 'bob@startup.io',
        phone: '+1 212 555 0100',
        phone_normalized: '+12125550100',
        country: 'US',
        timezone: 'America/New_York',
        company: 'AI Startup',
        position: 'CEO',
        tags: ['founder', 'AI'],
        status: 'new',
        created_at: res.body.data.created_at,
      });
      expect(await contactIds(tenant)).toEqual([res.body.data.id]);
    });

    it('refuses a duplicate phone or email with 409 naming the existing person, and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const first = await postContact(tenant, {
        name: 'Bob Wilson',
        email: 'bob@startup.io',
        phone: '+1 212 555 0100',
      });
      expect(first.status).toBe(201);
      const id = first.body.data.id;
      const before = await tenantState(tenant.id);
      for (const [body, field] of [
        [{ name: 'Robert Wilson', email: 'BOB@startup.io' }, 'email'],
        [{ name: 'Bobby', phone: '+12125550100' }, 'phone'],
        [{ name: 'Bobby', phone: '001 212 555 0100', email: 'other@startup.io' }, 'phone'],
      ] as const) {
        const res = await postContact(tenant, body);
        expect({ body, status: res.status, res: res.body }).toEqual({
          body,
          status: 409,
          res: {
            success: false,
            error: {
              code: 'CONFLICT',
              message: `A lead with this ${field} already exists`,
              details: [{ field, reason: `belongs to lead ${id}`, existing_lead_id: id }],
            },
          },
        });
      }
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('refuses invalid input (no phone or email, bad phone, bad tags) with 400 and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [unknown, string[]][] = [
        [{ name: 'Nobody', company: 'Nowhere' }, ['phone']],
        [{ name: 'Bad Phone', phone: 'not a phone' }, ['phone']],
        [{ name: 'Bad Email', email: 'nope' }, ['email']],
        [{ name: 'Bad Tags', email: 'tags@example.com', tags: 'founder' }, ['tags']],
        [
          { name: 'Unknown', email: 'u@example.com', lastContactDate: '2024-01-10T14:20:00Z' },
          ['lastContactDate'],
        ],
      ];
      for (const [body, fields] of cases) expectValidation(await postContact(tenant, body), fields);
      expect(await countRows(api.db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(0);
    });
  });

  describe('roles and tenancy', () => {
    it('an agent (user or API key) may list contacts but not create one (403), and nothing is created', async () => {
      const tenant = await createTenant(api.http);
      const agent = await createUser(api.http, tenant, 'agent');
      const agentKey = await createApiKey(api.http, tenant, 'agent');
      const lead = await createLead(tenant, { name: 'Listed', email: 'listed@example.com' });
      const before = await tenantState(tenant.id);
      for (const headers of [agent.headers, { 'X-API-Key': agentKey.key }]) {
        expect(await contactIds({ headers })).toEqual([lead.id]);
        expectError(
          await postContact({ headers }, { name: 'Agent Made', email: 'agent@example.com' }),
          403,
          'AUTHORIZATION_FAILED',
          'This needs the manager role',
        );
      }
      expect(await tenantState(tenant.id)).toEqual(before);

      const manager = await createUser(api.http, tenant, 'manager');
      expect((await postContact(manager, { name: 'Manager Made', email: 'mgr@example.com' })).status).toBe(
        201,
      );
      expectError(await api.http.get('/api/contacts'), 401, 'AUTHENTICATION_REQUIRED');
    });

    it("never shows another tenant's contacts, in lists or searches, and the same person may be a contact of both", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const bKey = await createApiKey(api.http, b, 'admin');
      const aContact = await postContact(a, {
        name: 'Alice Private',
        email: 'alice@private.test',
        phone: '+1 415 555 2671',
        company: 'Private Co',
        tags: ['secret'],
      });
      expect(aContact.status).toBe(201);
      for (const headers of [b.admin.headers, { 'X-API-Key': bKey.key }]) {
        for (const query of ['', 'search=alice', 'search=private', 'search=(415)%20555', 'tags=secret']) {
          expect(await contactIds({ headers }, query)).toEqual([]);
        }
      }
      const aBefore = await tenantState(a.id);
      const bTwin = await postContact(b, {
        name: 'Alice Twin',
        email: 'ALICE@private.test',
        phone: '(415) 555-2671',
        country: 'US',
      });
      expect(bTwin.status).toBe(201);
      expect(bTwin.body.data).toMatchObject({ phone: '+14155552671', name: 'Alice Twin' });
      expect(bTwin.body.data.id).not.toBe(aContact.body.data.id);
      expect(await contactIds(b)).toEqual([bTwin.body.data.id]);
      expect(await contactIds(a)).toEqual([aContact.body.data.id]);
      expect(await tenantState(a.id)).toEqual(aBefore);
      expectError(
        await api.http.get(`/api/leads/${aContact.body.data.id}`).set(b.admin.headers),
        404,
        'NOT_FOUND',
        'Lead not found',
      );
    });
  });
});
