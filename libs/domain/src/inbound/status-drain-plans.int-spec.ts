import { fastTransaction, SqlRunner } from '@app/db';
import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { StatusDrainService } from './status-drain.service';
import { seedSentSms } from './sent-sms.fixture';

/** Messages the tenant sends in its first bulk insert, after the statistics were gathered. */
const MESSAGES = 20_000;
/** Batches drained, each of BATCH callbacks: more than the five runs after which Postgres may plan generically. */
const BATCHES = 8;
const BATCH = 10;

/**
 * The status drain finds each callback's message and event by primary key, whatever the statistics say of the
 * tenant: right after a tenant's first bulk insert they say it has next to no rows, and a statement filtering on
 * `tenant_id = $1` was planned as a scan of all its messages (and events) for every batch (bench:webhooks: a
 * batch of 20 callbacks read 150,000 messages, the worker's Postgres spent more per callback than the API).
 */
describe('status drain plans (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  /** Index entries and table rows read in the current transaction from `table` and its indexes. */
  async function rowsRead(sql: SqlRunner, table: string): Promise<number> {
    const [row] = (await sql.query(
      `SELECT (SELECT COALESCE(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index
                WHERE indrelid = $1::regclass)
              + pg_stat_get_xact_tuples_returned($1::regclass) AS n`,
      [table],
    )) as { n: string }[];
    return Number(row.n);
  }

  it("reads each batch's messages and events by id after a bulk insert the statistics have not seen", async () => {
    const db = api.app.get(DataSource);
    await db.query('ANALYZE messages, webhook_events');
    const sent = await seedSentSms(db, t.id, MESSAGES, 'plan');
    // The events of the tenant's earlier callbacks, applied: what its pending ones sit among.
    await db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload, processed_at)
       SELECT $1, 'twilio', 'status', 'old-' || g, '{}', now() FROM generate_series(1, $2::int) g`,
      [t.id, MESSAGES],
    );
    const drain = api.app.get(StatusDrainService);
    const read = await fastTransaction(db, async (sql) => {
      for (let b = 0; b < BATCHES; b++) {
        const batch = sent.slice(b * BATCH, (b + 1) * BATCH);
        await sql.query(
          `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
           SELECT $1, 'twilio', 'status', m.provider_message_id || ':delivered',
                  json_build_object('kind', 'status', 'message_id', m.id,
                                    'update', json_build_object('provider_message_id', m.provider_message_id,
                                                                'status', 'delivered'))
             FROM unnest($2::uuid[], $3::varchar[]) AS m(id, provider_message_id)`,
          [t.id, batch.map((m) => m.id), batch.map((m) => m.provider_message_id)],
        );
        // The drain's own step (private): claim, lock, move, mark processed, in the caller's transaction.
        const result = await drain['batch'](sql, t.id);
        expect(result).toMatchObject({ claimed: BATCH });
      }
      return { messages: await rowsRead(sql, 'messages'), events: await rowsRead(sql, 'webhook_events') };
    });
    const callbacks = BATCHES * BATCH;
    // By key: a few entries per callback (its message locked and moved; its event claimed and marked, the claim also passing the batches before it).
    expect(read.messages).toBeLessThan(callbacks * 4);
    expect(read.events).toBeLessThan(callbacks * 10);
    const [moved] = await db.query(
      `SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND status = 'delivered'`,
      [t.id],
    );
    expect(moved.n).toBe(callbacks);
  });
});
