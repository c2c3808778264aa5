import { createTenant, TestTenant, useTestApi, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * Issue 3 item 3 under concurrent writes: an update reads the lead it changes under its row lock, in its own
 * transaction, so a PATCH that waited for the lead's archive is refused and gives the archived lead no identity
 * back (its new phone would otherwise be held by an archived lead for good).
 */
describe('concurrent updates of one lead (e2e)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let n = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const db = () => api.app.get(DataSource);
  const phone = () => `+447911${100500 + ++n}`;
  const create = (body: Record<string, unknown>) =>
    api.http.post('/api/leads').set(t.admin.headers).send(body);
  const patch = (id: string, body: Record<string, unknown>) =>
    api.http.patch(`/api/leads/${id}`).set(t.admin.headers).send(body);

  /**
   * Runs `work` while another transaction holds the lead's row, released when `work` says so. `work` gets a wait
   * for one more statement to queue on that row (behind the holder, or behind one queued before it), found
   * through `pg_blocking_pids`, so that requests queue in the order the test starts them.
   */
  async function whileHeld<T>(leadId: string, work: (queued: () => Promise<void>) => Promise<T>): Promise<T> {
    const holder = db().createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      const [{ pid }] = await holder.query(`SELECT pg_backend_pid() AS pid`);
      await holder.query(`SELECT id FROM leads WHERE id = $1 FOR UPDATE`, [leadId]);
      const chain: number[] = [pid];
      const queued = async () => {
        const next = await waitFor(
          async () => {
            const rows: { pid: number }[] = await db().query(
              `SELECT pid FROM pg_stat_activity WHERE pg_blocking_pids(pid) && $1::int[] AND NOT pid = ANY($1::int[])`,
              [chain],
            );
            return rows[0]?.pid;
          },
          10_000,
          `request ${chain.length} waiting for the lead`,
        );
        chain.push(next);
      };
      const result = await work(queued);
      await holder.commitTransaction();
      return result;
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
    const [archived, patched] = await whileHeld(lead.id, async (queued) => {
      const archiving = api.http
        .delete(`/api/leads/${lead.id}`)
        .set(t.admin.headers)
        .then((r) => r);
      await queued();
      const patching = patch(lead.id, { phone: newPhone }).then((r) => r);
      await queued();
      // Their answers come once the holder lets go, after this returns.
      return () => Promise.all([archiving, patching]);
    }).then((answers) => answers());
    expect(archived.status).toBe(200);
    expect(patched.status).toBe(409);
    expect(await identities(lead.id)).toEqual([]);
    expect((await create({ first_name: 'Next', phone: newPhone })).status).toBe(201);
  });
});
