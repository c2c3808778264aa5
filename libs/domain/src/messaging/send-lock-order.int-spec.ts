import { dataSourceOptions, MessageEntity, pgPool } from '@app/db';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { MessagesRepository } from './messages.repository';

/**
 * A batch of the sender's claims locks several messages in one statement. Another transaction locking some of the
 * same messages meanwhile (another worker's batch holding a send of a stalled job run again, or a status drain,
 * which locks its callbacks' messages in id order: MessageStatusService.lockTargets) must never wait for the batch
 * while the batch waits for it: Postgres would abort one (deadlock detected) and every send of the batch fail.
 * The other side is played by a transaction that locks the messages as lockTargets does, one at a time in id order.
 */
describe('the lock order of a batch of sends (integration)', () => {
  let db: DataSource;
  let messages: MessagesRepository;
  let tenantId: string;

  beforeAll(async () => {
    db = await new DataSource(
      dataSourceOptions({ database: { url: process.env.TEST_DATABASE_URL as string, poolSize: 3 } }),
    ).initialize();
    messages = new MessagesRepository(db.getRepository(MessageEntity));
    const slug = `send-lock-order-${uuidv7()}`;
    [{ id: tenantId }] = await db.query(`INSERT INTO tenants (name, slug) VALUES ($1, $1) RETURNING id`, [
      slug,
    ]);
  });
  afterAll(() => db.destroy());

  async function message(status: 'queued' | 'sending'): Promise<string> {
    const [lead] = await db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized) VALUES ($1, '+14155550123', '+14155550123')
       RETURNING id`,
      [tenantId],
    );
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [tenantId, lead.id],
    );
    const [m] = await db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, $4, 'outbound', 'sms', 'agent', 'simulator', $5, $6, 'Hello') RETURNING id`,
      [uuidv7(), tenantId, conversation.id, lead.id, status, `send-lock-order-${uuidv7()}`],
    );
    return m.id as string;
  }

  /** Whether a statement of this tenant's messages waits for a row lock (the batch, blocked by the drain). */
  async function batchWaiting(marker: string): Promise<boolean> {
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
      [`%${marker}%`],
    );
    return n > 0;
  }

  /**
   * The drain holds the first message (lowest id) and the batch, asked for in the other order, waits; then the
   * drain locks the second. Answers how the drain's second lock and each batch call ended.
   */
  async function againstDrain(
    ids: [string, string],
    marker: string,
    batch: (first: string, second: string) => Promise<unknown>[],
  ) {
    const [low, high] = [...ids].sort();
    const drain = await pgPool(db).connect();
    try {
      await drain.query('BEGIN');
      const lock = (id: string) =>
        drain.query(`SELECT id FROM messages WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      await lock(low);
      const calls = Promise.allSettled(batch(high, low));
      while (!(await batchWaiting(marker))) await sleep(20);
      const second = await lock(high).then(
        () => 'locked',
        (err: Error) => err.message,
      );
      await drain.query(second === 'locked' ? 'COMMIT' : 'ROLLBACK');
      const settled = await calls;
      return {
        drain: second,
        batch: settled.map((s) => (s.status === 'fulfilled' ? 'done' : (s.reason as Error).message)),
      };
    } finally {
      drain.release();
    }
  }

  it('claims in id order: a transaction locking the same messages in id order meanwhile is waited for', async () => {
    const ids: [string, string] = [await message('queued'), await message('queued')];
    const outcome = await againstDrain(ids, 'AS s(id, at, provider)', (a, b) =>
      [a, b].map((id) => messages.claim(tenantId, id, 'simulator', new Date())),
    );
    expect(outcome).toEqual({ drain: 'locked', batch: ['done', 'done'] });
    const rows: { status: string }[] = await db.query(`SELECT status FROM messages WHERE id = ANY($1)`, [
      ids,
    ]);
    expect(rows.map((r) => r.status)).toEqual(['sending', 'sending']);
  });
});
