import { pgPool } from '@app/db';
import type { PoolClient } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { MessagesRepository } from './messages.repository';
import { sendMessagesFixture } from './send-messages.fixture';

/**
 * How the sender's writes commit (DESIGN §7.6): the claim before the provider call waits for the disk, so that a
 * crash of Postgres cannot hand the message back as queued to be sent again; the mark-sent after the call does not
 * wait (a lost one is reconciled by the provider's look-up), and does not leave its connection committing that way.
 * Each write runs on a pool of one connection inside a transaction the test opened, so the transaction's setting
 * can be read after it, and rolled back.
 */
describe('the commits of a send (integration)', () => {
  const fx = sendMessagesFixture('send-commits', 1);
  const { message } = fx;

  /**
   * Runs `write` inside a transaction on the pool's only connection (the write's statement joins it), then reads
   * how that transaction would commit and the message's status, and rolls it back; then how the connection's next
   * transaction commits.
   */
  async function inTransaction(id: string, write: () => Promise<unknown>) {
    const pool = pgPool(fx.db);
    let client: PoolClient = await pool.connect();
    await client.query('BEGIN');
    client.release();
    await write();
    client = await pool.connect();
    try {
      const [{ synchronous_commit: commit }] = (await client.query('SHOW synchronous_commit')).rows;
      const [{ status }] = (await client.query('SELECT status FROM messages WHERE id = $1', [id])).rows;
      await client.query('ROLLBACK');
      const [{ synchronous_commit: after }] = (await client.query('SHOW synchronous_commit')).rows;
      return { commit, status, after };
    } finally {
      client.release();
    }
  }

  it('commits the claim durably', async () => {
    const id = await message('queued');
    const claimed = await inTransaction(id, () =>
      fx.messages.claim(fx.tenantId, id, 'simulator', new Date()),
    );
    expect(claimed).toEqual({ commit: 'on', status: 'sending', after: 'on' });
  });

  it('commits the mark-sent without waiting for the disk, and only that transaction', async () => {
    const id = await message('sending');
    const marked = await inTransaction(id, () =>
      fx.messages.markSent(
        fx.tenantId,
        id,
        { provider_message_id: 'SM1', status: 'sent', segments: 1 },
        new Date(),
      ),
    );
    expect(marked).toEqual({ commit: 'off', status: 'sent', after: 'on' });
    // Outside the test's transaction it writes as before.
    const sent = await fx.messages.markSent(
      fx.tenantId,
      id,
      { provider_message_id: 'SM2', status: 'sent', segments: 1 },
      new Date(),
    );
    expect(sent).toMatchObject({ id, status: 'sent', providerMessageId: 'SM2' });
  });

  it('claims the sends that reach it together in one durable transaction, each once', async () => {
    const ids = [await message('queued'), await message('queued'), await message('queued')];
    const taken = await message('sending');
    const claim = (id: string) => fx.messages.claim(fx.tenantId, id, 'simulator', new Date());
    const won = await Promise.all([claim(ids[0]), claim(taken), claim(ids[1]), claim(ids[2]), claim(ids[1])]);
    // The message already sending is not claimed again, nor is one claimed twice at once.
    expect(won).toEqual([true, false, true, true, false]);
    const rows: { status: string; attempts: number; writer: string }[] = await fx.db.query(
      `SELECT status, attempts, xmin::text AS writer FROM messages WHERE id = ANY($1) ORDER BY id`,
      [ids],
    );
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sending', 1],
      ['sending', 1],
      ['sending', 1],
    ]);
    // One transaction wrote all three: one round trip and one commit instead of three.
    expect(new Set(rows.map((r) => r.writer)).size).toBe(1);
  });

  it('marks the sends that finish together in one transaction, each answered with its own row', async () => {
    const ids = [await message('sending'), await message('sending'), await message('sending')];
    const gone = uuidv7();
    const sent = (id: string, n: number) =>
      fx.messages.markSent(
        fx.tenantId,
        id,
        { provider_message_id: `SM-${n}`, status: 'sent', segments: n },
        new Date(),
      );
    const answers = await Promise.all([sent(ids[0], 1), sent(gone, 9), sent(ids[1], 2), sent(ids[2], 3)]);
    expect(answers).toEqual([
      expect.objectContaining({ id: ids[0], status: 'sent', providerMessageId: 'SM-1' }),
      undefined,
      expect.objectContaining({ id: ids[1], status: 'sent', providerMessageId: 'SM-2' }),
      expect.objectContaining({ id: ids[2], status: 'sent', providerMessageId: 'SM-3' }),
    ]);
    const rows: { id: string; segments: number; writer: string }[] = await fx.db.query(
      `SELECT id, segments, xmin::text AS writer FROM messages WHERE id = ANY($1) ORDER BY id`,
      [ids],
    );
    expect(rows.map((r) => r.segments)).toEqual([1, 2, 3]);
    // One transaction wrote all three: one round trip and one commit instead of three.
    expect(new Set(rows.map((r) => r.writer)).size).toBe(1);
  });

  it('reads the sends that reach it together in one statement, each answered with its own row', async () => {
    const [first, second] = [await message('queued'), await message('sending')];
    const gone = uuidv7();
    const pool = pgPool(fx.db);
    const query = jest.spyOn(pool, 'query');
    let reads: Awaited<ReturnType<MessagesRepository['findForSend']>>[];
    let statements: number;
    try {
      const read = (id: string) => fx.messages.findForSend(fx.tenantId, id, new Date());
      reads = await Promise.all([read(first), read(gone), read(second), read(first)]);
      statements = query.mock.calls.length;
    } finally {
      query.mockRestore();
    }
    // One round trip for the four reads.
    expect(statements).toBe(1);
    expect(reads.map((r) => r && [r.message.id, r.message.status, r.policy !== null])).toEqual([
      [first, 'queued', true],
      null,
      // The policy is read only for a queued message.
      [second, 'sending', false],
      [first, 'queued', true],
    ]);
  });
});
