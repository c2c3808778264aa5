import { createTenant, createUser, expectValidation, TestTenant, TestUser, useTestApi } from '@app/testing';

/**
 * Every list of messages (a lead's, a conversation's, a WhatsApp conversation's) takes `order` (asc|desc, default
 * desc): by created_at then id, so messages of the same instant keep one order across pages.
 */
describe('message lists: order (e2e)', () => {
  let tenant: TestTenant;
  let agent: TestUser;
  let lead: string;
  let conversation: string;
  // Oldest first: one early message, three of the same instant (told apart by id), one late one.
  const ids = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
  const times = ['2026-01-01T10:00:00Z', ...Array(3).fill('2026-01-01T11:00:00Z'), '2026-01-01T12:00:00Z'];
  const asc = ids;
  const desc = [...ids].reverse();
  const api = useTestApi();

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    agent = await createUser(api.http, tenant, 'agent');
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Pat', phone: '+14155550701' })
      .expect(201);
    lead = res.body.data.id;
    [{ id: conversation }] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, assigned_user_id, last_message_at)
       VALUES ($1, $2, 'whatsapp', $3, now()) RETURNING id`,
      [tenant.id, lead, agent.id],
    );
    // Inserted out of order, so neither the physical order nor the insert order can pass for the answer.
    for (const i of [2, 0, 4, 1, 3]) {
      await api.db.query(
        `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
           status, idempotency_key, created_at)
         VALUES ($1, $2, $3, $4, 'inbound', 'whatsapp', 'lead', $5, 'simulator', 'received', $6, $7)`,
        [ids[i], tenant.id, conversation, lead, `m${i}`, `order-${i}`, times[i]],
      );
    }
  }, 60_000);

  const paths = () => [
    `/api/messages/${lead}`,
    `/api/leads/${lead}/messages`,
    `/api/conversations/${conversation}/messages`,
    `/api/whatsapp/conversations/${conversation}/messages`,
  ];
  const list = (path: string, query: string, headers = tenant.admin.headers) =>
    api.http.get(`${path}${query}`).set(headers);
  const idsOf = (res: { body: { data: { id: string }[] } }) => res.body.data.map((m) => m.id);

  it('answers newest first by default and with order=desc, oldest first with order=asc (any case)', async () => {
    for (const path of paths()) {
      expect({ path, ids: idsOf(await list(path, '')) }).toEqual({ path, ids: desc });
      expect({ path, ids: idsOf(await list(path, '?order=desc')) }).toEqual({ path, ids: desc });
      expect({ path, ids: idsOf(await list(path, '?order=asc')) }).toEqual({ path, ids: asc });
      expect({ path, ids: idsOf(await list(path, '?order=ASC')) }).toEqual({ path, ids: asc });
    }
  });

  it('pages across messages of the same instant without losing or repeating one, in either order', async () => {
    for (const path of paths()) {
      for (const [order, expected] of [
        ['asc', asc],
        ['desc', desc],
      ] as const) {
        const seen: string[] = [];
        for (const offset of [0, 2, 4]) {
          const page = await list(path, `?order=${order}&limit=2&offset=${offset}`);
          expect(page.body.meta).toEqual({ total: 5, limit: 2, offset });
          seen.push(...idsOf(page));
        }
        expect({ path, order, seen }).toEqual({ path, order, seen: expected });
        const byPage = [1, 2, 3].map((page) => list(path, `?order=${order}&limit=2&page=${page}`));
        expect((await Promise.all(byPage)).flatMap(idsOf)).toEqual(expected);
      }
    }
  });

  it("an agent's view of its assigned conversation takes the order too", async () => {
    const res = await list(`/api/messages/${lead}`, '?order=asc&limit=3&offset=1', agent.headers);
    expect(idsOf(res)).toEqual(asc.slice(1, 4));
  });

  it.each(['sideways', '', 'ascending', '1'])(
    'order=%s is a 400 on order, and nothing changes',
    async (value) => {
      const before = await api.db.query(
        `SELECT id, status, created_at FROM messages WHERE tenant_id = $1 ORDER BY id`,
        [tenant.id],
      );
      for (const path of paths()) expectValidation(await list(path, `?order=${value}`), ['order']);
      expect(
        await api.db.query(`SELECT id, status, created_at FROM messages WHERE tenant_id = $1 ORDER BY id`, [
          tenant.id,
        ]),
      ).toEqual(before);
    },
  );
});
