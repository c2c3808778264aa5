import { apiOnIsolatedDatabase, autovacuumOff, createTenant, TestTenant } from '@app/testing';
import { bumpConversation } from '../inbound/inbound-message.store';
import { ConversationsRepository } from './conversations.repository';

const CONVERSATIONS = 400;

/**
 * An update of one conversation reads a bounded share of its tenant's conversations, even for a tenant the
 * statistics do not know yet (estimated at one conversation, so that the planner reads them through whichever index
 * starts with the tenant): the row to update once found by its key alone, not once per conversation of the tenant
 * (an inbound reply's bump took 34 s on a platform whose second tenant had 15,000). The rows read are
 * this transaction's own counters (pg_stat_xact_user_tables). On a database of this file's own, autovacuum off.
 */
describe("an update of one conversation reads its tenant's conversations a few times at most (integration)", () => {
  let u: TestTenant;
  let conversationId: string;

  const on = apiOnIsolatedDatabase({});
  beforeAll(async () => {
    await autovacuumOff(on.db, ['leads', 'conversations']);
    const seed = async (tenantId: string, count: number, first: number) => {
      await on.db.query(
        `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
         SELECT $1, 'Lead ' || g, '+1415' || lpad(g::text, 7, '0'), '+1415' || lpad(g::text, 7, '0'), '{}', '{}'
           FROM generate_series(${first}, ${first + count - 1}) g`,
        [tenantId],
      );
      await on.db.query(
        `INSERT INTO conversations (tenant_id, lead_id, channel) SELECT $1, id, 'sms' FROM leads WHERE tenant_id = $1`,
        [tenantId],
      );
    };
    // A first tenant the statistics know, then a second one they do not.
    await seed((await createTenant(on.api.http)).id, 10, 1);
    await on.db.query('ANALYZE leads, conversations');
    u = await createTenant(on.api.http);
    await seed(u.id, CONVERSATIONS, 1000);
    [{ id: conversationId }] = await on.db.query(
      `SELECT id FROM conversations WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1`,
      [u.id],
    );
  });

  /** Runs `work` in a transaction; answers the conversations' rows it read (fetched by index scans or scanned). */
  async function indexEntriesRead(
    work: (tx: import('typeorm').EntityManager) => Promise<unknown>,
  ): Promise<number> {
    return on.db.transaction(async (tx) => {
      await work(tx);
      const [{ n }] = await tx.query(
        `SELECT (coalesce(idx_tup_fetch, 0) + seq_tup_read)::int AS n FROM pg_stat_xact_user_tables
          WHERE relname = 'conversations'`,
      );
      return n as number;
    });
  }

  it('bumps it for an inbound message reading fewer than 10 rows a conversation', async () => {
    const read = await indexEntriesRead((tx) =>
      bumpConversation(tx, u.id, conversationId, new Date(), new Date()),
    );
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(10 * CONVERSATIONS);
    const [row] = await on.db.query(`SELECT unread_count FROM conversations WHERE id = $1`, [conversationId]);
    expect(row.unread_count).toBe(1);
  });

  it('assigns it reading fewer than 10 rows a conversation', async () => {
    const repo = on.api.app.get(ConversationsRepository);
    const read = await indexEntriesRead((tx) => repo.update(tx, u.id, conversationId, { status: 'closed' }));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(10 * CONVERSATIONS);
    const [row] = await on.db.query(`SELECT status FROM conversations WHERE id = $1`, [conversationId]);
    expect(row.status).toBe('closed');
  });
});
