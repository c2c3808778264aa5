import { migrationOnIsolatedApi } from '@app/testing';
import { OneOpenAgentLeg1766500000000 } from './1766500000000-one-open-agent-leg';

/**
 * Before the unique index, a call's legs left open twice are ended, all but the newest; other legs stay as they
 * are. The migration reads every tenant's calls, so it runs on a database of its own.
 */
describe('migration: one open agent leg per call (integration)', () => {
  const on = migrationOnIsolatedApi(OneOpenAgentLeg1766500000000, { tenants: 1 });

  const call = async (kind: string, parent: string | null, createdAt: string, ended = false) =>
    (
      await on.db.query(
        `INSERT INTO calls (tenant_id, kind, direction, parent_call_id, status, created_at, end_time)
         VALUES ($1, $2, 'outbound', $3, 'ringing', $4, CASE WHEN $5 THEN $4::timestamptz END) RETURNING id`,
        [on.tenants[0].id, kind, parent, createdAt, ended],
      )
    )[0].id as string;
  const open = async (parent: string) =>
    (
      await on.db.query(
        `SELECT id FROM calls WHERE parent_call_id = $1 AND end_time IS NULL ORDER BY created_at`,
        [parent],
      )
    ).map((r: { id: string }) => r.id);

  it('ends the older of two open legs of a call, then refuses a second open leg', async () => {
    await on.migrate('down');
    const twice = await call('inbound', null, '2026-03-04T15:00:00Z');
    const older = await call('agent_leg', twice, '2026-03-04T15:00:01Z');
    const newer = await call('agent_leg', twice, '2026-03-04T15:00:04Z');
    const once = await call('dialer', null, '2026-03-04T15:00:00Z');
    const endedLeg = await call('agent_leg', once, '2026-03-04T15:00:01Z', true);
    const openLeg = await call('agent_leg', once, '2026-03-04T15:00:03Z');

    await on.migrate('up');

    expect(await open(twice)).toEqual([newer]);
    const [ended] = await on.db.query(
      `SELECT status, disposition, end_time, metadata FROM calls WHERE id = $1`,
      [older],
    );
    expect(ended).toMatchObject({
      status: 'canceled',
      disposition: 'failed',
      end_time: expect.any(Date),
      metadata: { failure: 'duplicate_leg' },
    });
    expect(await open(once)).toEqual([openLeg]);
    const [kept] = await on.db.query(`SELECT status, metadata FROM calls WHERE id = $1`, [endedLeg]);
    expect(kept).toEqual({ status: 'ringing', metadata: {} });
    await expect(call('agent_leg', once, '2026-03-04T15:00:05Z')).rejects.toThrow(/uq_calls_open_agent_leg/);
    expect(await open(once)).toEqual([openLeg]);
  });
});
