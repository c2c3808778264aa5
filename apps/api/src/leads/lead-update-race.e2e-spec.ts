import { createTenant, createTestApi, TestApi, TestTenant, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * Issue 3 item 3 under concurrent writes: an update reads the lead it changes under its row lock, in its own
 * transaction, so a PATCH that waited for the lead's archive is refused and gives the archived lead no identity
 * back (its new phone would otherwise be held by an archived lead for good).
 */
describe('concurrent updates of one lead (e2e)', () => {
  let api: TestApi;
  let t: TestTenant;
  let n = 0;

  beforeAll(async () => {
    api = await createTestApi();
    t = await createTenant(api.http);
  });
  afterAll(() => api?.close());

  const db = () => api.app.get(DataSource);
  const phone = () => `+447911${100500 + ++n}`;
  const create = (body: Record<string, unknown>) =>
    api.http.post('/api/leads').set(t.admin.headers).send(body);
  const patch = (id: string, body: Record<string, unknown>) =>
    api.http.patch(`/api/leads/${id}`).set(t.admin.headers).send(body);

  /** Runs `work` while another transaction holds the lead's row, released once every request is waiting. */
  async function whileHeld<T>(leadId: string, work: () => Promise<T>, waiting: number): Promise<T> {
    const holder = db().createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT id FROM leads WHERE id = $1 FOR UPDATE`, [leadId]);
      const result = work();
      await waitFor(
        async () => {
          const [row] = await db().query(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE NOT l.granted AND a.datname = current_database()`,
          );
          return row.n >= waiting || undefined;
        },
        10_000,
        `${waiting} requests waiting for the lead`,
      );
      await holder.commitTransaction();
      return await result;
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
  }

  const identities = async (leadId: string) =>
    (
      (await db().query(`SELECT channel, address FROM lead_identities WHERE lead_id = $1 ORDER BY channel`, [
        leadId,
      ])) as { channel: string; address: string }[]
    ).map((i) => `${i.channel}:${i.address}`);

  it('a PATCH that waited for the lead to be archived is refused, and gives it no identity back', async () => {
    const lead = (await create({ first_name: 'Gone', phone: phone() })).body.data;
    const newPhone = phone();
    const [archived, patched] = await whileHeld(
      lead.id,
      async () => {
        const archiving = api.http
          .delete(`/api/leads/${lead.id}`)
          .set(t.admin.headers)
          .then((r) => r);
        await new Promise((r) => setTimeout(r, 200));
        return Promise.all([archiving, patch(lead.id, { phone: newPhone })]);
      },
      2,
    );
    expect(archived.status).toBe(200);
    expect(patched.status).toBe(409);
    expect(await identities(lead.id)).toEqual([]);
    expect((await create({ first_name: 'Next', phone: newPhone })).status).toBe(201);
  });
});
