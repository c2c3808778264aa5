import { pgPool } from '@app/db';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendMessagesFixture } from './send-messages.fixture';

/**
 * A batch of the sender's claims, or of its mark-sents, locks several messages in one statement. Another transaction locking some of the
 * same messages meanwhile (another worker's batch holding a send of a stalled job run again, or a status drain,
 * which locks its callbacks' messages in id order: MessageStatusService.lockTargets) must never wait for the batch
 * while the batch waits for it: Postgres would abort one (deadlock detected) and every send of the batch fail.
 * The other side is played by a transaction that locks the messages as lockTargets does, one at a time in id order.
 */
describe('the lock order of a batch of sends (integration)', () => {
  const fx = sendMessagesFixture('send-lock-order', 3);
  const { message } = fx;

  /** Whether a statement of this tenant's messages waits for a row lock (the batch, blocked by the drain). */
  async function batchWaiting(marker: string): Promise<boolean> {
    const [{ n }] = await fx.db.query(
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
    const drain = await pgPool(fx.db).connect();
    try {
      await drain.query('BEGIN');
      const lock = (id: string) =>
        drain.query(`SELECT id FROM messages WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [fx.tenantId, id]);
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
    const outcome = await againstDrain(ids, 'AS s(id, at, provider, subject)', (a, b) =>
      [a, b].map((id) => fx.messages.claim(fx.tenantId, id, 'simulator', new Date())),
    );
    expect(outcome).toEqual({ drain: 'locked', batch: ['done', 'done'] });
    const rows: { status: string }[] = await fx.db.query(`SELECT status FROM messages WHERE id = ANY($1)`, [
      ids,
    ]);
    expect(rows.map((r) => r.status)).toEqual(['sending', 'sending']);
  });

  it('marks sent in id order: a transaction locking the same messages in id order meanwhile is waited for', async () => {
    const ids: [string, string] = [await message('sending'), await message('sending')];
    // The lower id's row is written again, so that a scan of the table meets it after the higher: however
    // Postgres joins the batch (the higher asked for first) to the table, it comes to the higher first.
    await fx.db.query(`UPDATE messages SET content = content || '.' WHERE id = $1`, [[...ids].sort()[0]]);
    const outcome = await againstDrain(ids, 'SET provider_message_id = COALESCE', (a, b) =>
      [a, b].map((id) =>
        fx.messages.markSent(
          fx.tenantId,
          id,
          { provider_message_id: `SM-${id}`, status: 'sent', segments: 1 },
          new Date(),
        ),
      ),
    );
    expect(outcome).toEqual({ drain: 'locked', batch: ['done', 'done'] });
    const rows: { id: string; status: string; provider_message_id: string }[] = await fx.db.query(
      `SELECT id, status, provider_message_id FROM messages WHERE id = ANY($1) ORDER BY id`,
      [ids],
    );
    expect(rows).toEqual(
      [...ids].sort().map((id) => ({ id, status: 'sent', provider_message_id: `SM-${id}` })),
    );
  });
});
