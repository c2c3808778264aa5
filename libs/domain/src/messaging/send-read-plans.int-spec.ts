import { dataSourceOptions, fastTransaction, MessageEntity, SqlRunner } from '@app/db';
import { IsolatedDatabase, isolatedDatabase } from '@app/testing';
import { DataSource } from 'typeorm';
import { MessagesRepository } from './messages.repository';
import { sendMessagesFixture } from './send-messages.fixture';

/** Messages the tenant queues in its first bulk insert, after the statistics were gathered. */
const MESSAGES = 20_000;
/** Batches read, each of BATCH sends: more than the five runs after which Postgres may plan generically. */
const BATCHES = 8;
const BATCH = 10;

/** Index entries and table rows read from `messages` and its indexes in the current transaction. */
async function rowsRead(sql: SqlRunner): Promise<number> {
  const [row] = (await sql.query(
    `SELECT (SELECT COALESCE(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index
              WHERE indrelid = 'messages'::regclass)
            + pg_stat_get_xact_tuples_returned('messages'::regclass) AS n`,
  )) as { n: string }[];
  return Number(row.n);
}

/** A lead and its SMS conversation in `tenantId`, and `count` queued messages in it: their ids. */
async function queueMessages(
  sql: SqlRunner,
  tenantId: string,
  count: number,
  key: string,
): Promise<string[]> {
  const [lead] = (await sql.query(
    `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized)
     VALUES ($1, 'Plan', '+14155550143', '+14155550143') RETURNING id`,
    [tenantId],
  )) as { id: string }[];
  const [conversation] = (await sql.query(
    `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
    [tenantId, lead.id],
  )) as { id: string }[];
  const rows = (await sql.query(
    `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                           status, idempotency_key)
     SELECT $1, $2, $3, 'outbound', 'sms', 'system', 'Hello', 'simulator', 'queued', $5 || g
       FROM generate_series(1, $4::int) g
     RETURNING id`,
    [tenantId, conversation.id, lead.id, count, key],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/**
 * The sender's read (findForSend) finds each send's message by its id, whatever the statistics say of the tenant:
 * right after a tenant's first bulk of queued messages (a campaign's first sends, bench:campaign's (b) with
 * autovacuum off) they say it has next to no rows, and a join on `m.tenant_id = $1` was planned as a hash of all
 * the tenant's messages for every batch of reads, a cost that grew with every message the campaign queued.
 */
describe('send read plans (integration)', () => {
  const f = sendMessagesFixture('send-read-plans', 2);

  it("reads each batch's messages by id after a bulk insert the statistics have not seen", async () => {
    await f.db.query('ANALYZE messages');
    const queued = await queueMessages(f.db, f.tenantId, MESSAGES, 'read-plan-');
    const now = new Date();
    const read = await fastTransaction(f.db, async (sql) => {
      // The repository's reads run on this transaction, so that its counts are theirs.
      Object.assign(f.messages, { sql });
      for (let b = 0; b < BATCHES; b++) {
        const batch = queued.slice(b * BATCH, (b + 1) * BATCH);
        // Made in one turn of the event loop: one statement (TurnBatch).
        const reads = await Promise.all(batch.map((id) => f.messages.findForSend(f.tenantId, id, now)));
        expect(reads.map((r) => r?.message.id)).toEqual(batch);
        expect(reads.every((r) => r?.policy?.phone_normalized === '+14155550143')).toBe(true);
      }
      return rowsRead(sql);
    });
    // By key: an index entry and a row per send (before, every batch read all 20,000).
    expect(read).toBeLessThan(BATCHES * BATCH * 4);
  });

  /**
   * A database of its own, whose `messages` is new and never analyzed (bench:campaign's at its first sends): a
   * connection plans the read while the table holds a few rows and keeps that plan (generic) as it grows.
   */
  describe('on a connection that planned the read while the table was small', () => {
    let database: IsolatedDatabase;
    let db: DataSource;

    beforeAll(async () => {
      database = await isolatedDatabase();
      db = await new DataSource(
        dataSourceOptions({ database: { url: database.url, poolSize: 1 } }),
      ).initialize();
    });
    afterAll(async () => {
      await db?.destroy();
      await database?.drop();
    });

    it("reads each batch's messages by id, not every message", async () => {
      const messages = new MessagesRepository(db.getRepository(MessageEntity));
      const [{ id: tenantId }] = (await db.query(
        `INSERT INTO tenants (name, slug) VALUES ('small-plan', 'small-plan') RETURNING id`,
      )) as { id: string }[];
      const now = new Date();
      const read = await fastTransaction(db, async (sql) => {
        Object.assign(messages, { sql });
        // The plan a pooled connection keeps: made once, at the table's first few rows.
        await sql.query('SET LOCAL plan_cache_mode = force_generic_plan');
        const first = await queueMessages(sql, tenantId, BATCH, 'first-');
        const early = await Promise.all(first.map((id) => messages.findForSend(tenantId, id, now)));
        expect(early.map((r) => r?.message.id)).toEqual(first);
        const later = await queueMessages(sql, tenantId, MESSAGES, 'later-');
        const before = await rowsRead(sql);
        const batch = later.slice(0, BATCH);
        const reads = await Promise.all(batch.map((id) => messages.findForSend(tenantId, id, now)));
        expect(reads.map((r) => r?.message.id)).toEqual(batch);
        expect(reads.every((r) => r?.policy?.phone_normalized === '+14155550143')).toBe(true);
        return (await rowsRead(sql)) - before;
      });
      // By key: an index entry and a row per send (before, the batch read all 20,010 and each one's policy).
      expect(read).toBeLessThan(BATCH * 4);
    });

    it('keeps one plan of the read for batches of any size, instead of planning it at each execution', async () => {
      const messages = new MessagesRepository(db.getRepository(MessageEntity));
      const [{ id: tenantId }] = (await db.query(
        `INSERT INTO tenants (name, slug) VALUES ('kept-plan', 'kept-plan') RETURNING id`,
      )) as { id: string }[];
      const now = new Date();
      const plans = await fastTransaction(db, async (sql) => {
        Object.assign(messages, { sql });
        const queued = await queueMessages(sql, tenantId, BATCHES * BATCH, 'kept-');
        for (let size = 1; size <= BATCHES; size++) {
          const batch = queued.slice(size * BATCH, size * BATCH + size);
          const reads = await Promise.all(batch.map((id) => messages.findForSend(tenantId, id, now)));
          expect(reads.map((r) => r?.message.id)).toEqual(batch);
        }
        const [read] = (await sql.query(
          `SELECT generic_plans, custom_plans FROM pg_prepared_statements
            WHERE statement LIKE '%AS read_n%' AND statement NOT LIKE '%pg_prepared_statements%'`,
        )) as { generic_plans: string; custom_plans: string }[];
        return read;
      });
      // Postgres plans a prepared statement for its values its first 5 times, then keeps its generic plan if that
      // costs no more (the connection's earlier reads, in the test before, were all generic).
      expect(Number(plans.custom_plans)).toBe(5);
      expect(Number(plans.generic_plans)).toBeGreaterThanOrEqual(BATCHES - 5);
    });
  });
});
