import { fastTransaction, SqlRunner } from '@app/db';
import { sendMessagesFixture } from './send-messages.fixture';

/** Messages the tenant queues in its first bulk insert, after the statistics were gathered. */
const MESSAGES = 20_000;
/** Batches read, each of BATCH sends: more than the five runs after which Postgres may plan generically. */
const BATCHES = 8;
const BATCH = 10;

/**
 * The sender's read (findForSend) finds each send's message by its id, whatever the statistics say of the tenant:
 * right after a tenant's first bulk of queued messages (a campaign's first sends, bench:campaign's (b) with
 * autovacuum off) they say it has next to no rows, and a join on `m.tenant_id = $1` was planned as a hash of all
 * the tenant's messages for every batch of reads, a cost that grew with every message the campaign queued.
 */
describe('send read plans (integration)', () => {
  const f = sendMessagesFixture('send-read-plans', 2);

  /** Index entries and table rows read from `messages` and its indexes in the current transaction. */
  async function rowsRead(sql: SqlRunner): Promise<number> {
    const [row] = (await sql.query(
      `SELECT (SELECT COALESCE(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index
                WHERE indrelid = 'messages'::regclass)
              + pg_stat_get_xact_tuples_returned('messages'::regclass) AS n`,
    )) as { n: string }[];
    return Number(row.n);
  }

  it("reads each batch's messages by id after a bulk insert the statistics have not seen", async () => {
    await f.db.query('ANALYZE messages');
    const [lead] = await f.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized)
       VALUES ($1, 'Plan', '+14155550143', '+14155550143') RETURNING id`,
      [f.tenantId],
    );
    const [conversation] = await f.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [f.tenantId, lead.id],
    );
    const queued = (await f.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             status, idempotency_key)
       SELECT $1, $2, $3, 'outbound', 'sms', 'system', 'Hello', 'simulator', 'queued', 'read-plan-' || g
         FROM generate_series(1, $4::int) g
       RETURNING id`,
      [f.tenantId, conversation.id, lead.id, MESSAGES],
    )) as { id: string }[];
    const now = new Date();
    const read = await fastTransaction(f.db, async (sql) => {
      // The repository's reads run on this transaction, so that its counts are theirs.
      Object.assign(f.messages, { sql });
      for (let b = 0; b < BATCHES; b++) {
        const batch = queued.slice(b * BATCH, (b + 1) * BATCH);
        // Made in one turn of the event loop: one statement (TurnBatch).
        const reads = await Promise.all(batch.map((m) => f.messages.findForSend(f.tenantId, m.id, now)));
        expect(reads.map((r) => r?.message.id)).toEqual(batch.map((m) => m.id));
        expect(reads.every((r) => r?.policy?.phone_normalized === '+14155550143')).toBe(true);
      }
      return rowsRead(sql);
    });
    // By key: an index entry and a row per send (before, every batch read all 20,000).
    expect(read).toBeLessThan(BATCHES * BATCH * 4);
  });
});
