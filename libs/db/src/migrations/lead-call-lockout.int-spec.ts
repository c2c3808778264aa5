import { insertCallRow, migrationOnIsolatedApi } from '@app/testing';
import { LeadCallLockout1767500000000 } from './1767500000000-lead-call-lockout';

/**
 * The migration gives each lead abandoned before it the end of its lockout, from its calls: a lockout still running
 * is kept, one over or a call not abandoned leaves the lead free. It reads every tenant's calls, so it runs on a
 * database of its own.
 */
describe('migration: lead call lockout (integration)', () => {
  const on = migrationOnIsolatedApi(LeadCallLockout1767500000000, { tenants: 1 });

  it('keeps the lockouts of abandoned calls that are still running, on their leads only', async () => {
    const { db } = on;
    const [{ id: tenantId }] = on.tenants;
    const [campaign] = await db.query(
      `INSERT INTO campaigns (tenant_id, name, abandon_lockout_minutes) VALUES ($1, 'Calls', 60) RETURNING id`,
      [tenantId],
    );
    const lead = async (phone: string) =>
      (
        await db.query(
          `INSERT INTO leads (tenant_id, phone, phone_normalized) VALUES ($1, $2, $2) RETURNING id`,
          [tenantId, phone],
        )
      )[0].id as string;
    const [locked, free, answered] = [
      await lead('+12125550191'),
      await lead('+12125550192'),
      await lead('+12125550193'),
    ];
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const call = (leadId: string, disposition: string, endedMinutesAgo: number) =>
      insertCallRow(db, tenantId, {
        lead_id: leadId,
        campaign_id: campaign.id,
        disposition,
        end_time: minutesAgo(endedMinutesAgo),
      });
    await call(locked, 'abandoned', 10);
    await call(locked, 'abandoned', 20);
    await call(free, 'abandoned', 90);
    await call(answered, 'answered', 5);

    await on.migrate('down');
    await on.migrate('up');
    const rows = await db.query(
      `SELECT id, call_locked_until FROM leads WHERE tenant_id = $1 AND call_locked_until IS NOT NULL`,
      [tenantId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(locked);
    const [ended] = await db.query(
      `SELECT max(end_time) AS at FROM calls WHERE lead_id = $1 AND disposition = 'abandoned'`,
      [locked],
    );
    expect(rows[0].call_locked_until).toEqual(new Date(ended.at.getTime() + 60 * 60_000));
  });
});
