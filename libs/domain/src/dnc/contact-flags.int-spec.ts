import { createTenant, rowsRead, useTestApi } from '@app/testing';
import { refreshContactFlags } from './contact-flags';

/**
 * The contact flags of the leads a do-not-contact change reaches (a single create or update, a DNC add or removal
 * all call it) are brought up to date by reading those leads, never every lead of the tenant.
 */
describe('refreshContactFlags on a large tenant (integration)', () => {
  const api = useTestApi();
  let tenant: { id: string };
  const EXISTING = 20_000;

  // 20,000 leads made for the tests: a run that shares the machine's two cores with other specs can take ~30 s.
  beforeAll(async () => {
    tenant = await createTenant(api.http);
    await api.db.query(
      `WITH made AS (
         INSERT INTO leads (tenant_id, first_name, email, phone_normalized)
         SELECT $1, 'Lead ' || g, 'lead' || g || '@example.com', '+447911' || lpad(g::text, 6, '0')
           FROM generate_series(1, $2::int) g
         RETURNING id, email, phone_normalized)
       INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
       SELECT $1, id, 'phone', phone_normalized FROM made
       UNION ALL SELECT $1, id, 'email', email FROM made`,
      [tenant.id, EXISTING],
    );
    await api.db.query('ANALYZE leads; ANALYZE lead_identities');
  }, 120_000);

  it('reads only the leads its ids and addresses name', async () => {
    const [byId] = (await api.db.query(
      `SELECT id FROM leads WHERE tenant_id = $1 AND email = 'lead3@example.com'`,
      [tenant.id],
    )) as { id: string }[];
    await api.db.query(
      `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason)
       VALUES ($1, '+447911000007', 'all', 'manual'), ($1, '+447911000003', 'sms', 'manual')`,
      [tenant.id],
    );
    await api.db.query(
      `INSERT INTO dnc_entries (tenant_id, email, channel, reason) VALUES ($1, $2, 'email', 'manual')`,
      [tenant.id, 'lead5@example.com'],
    );

    const { changed, leadsRead } = await api.db.transaction(async (tx) => {
      const before = await rowsRead(tx, 'leads');
      const count = await refreshContactFlags(tx, tenant.id, {
        phones: ['+447911000007'],
        emails: ['LEAD5@example.com'],
        leadIds: [byId.id],
      });
      return { changed: count.length, leadsRead: (await rowsRead(tx, 'leads')) - before };
    });
    expect(changed).toBe(3);
    // The three leads, read to lock them, to flag them and to update them: a handful, not the tenant's 20,000.
    expect(leadsRead).toBeLessThan(50);
    const flags = (await api.db.query(
      `SELECT email, do_not_call, opted_out_channels FROM leads
        WHERE tenant_id = $1 AND (do_not_call OR opted_out_channels <> '{}') ORDER BY email`,
      [tenant.id],
    )) as { email: string; do_not_call: boolean; opted_out_channels: string[] }[];
    expect(flags).toEqual([
      { email: 'lead3@example.com', do_not_call: false, opted_out_channels: ['sms'] },
      { email: 'lead5@example.com', do_not_call: false, opted_out_channels: ['email'] },
      { email: 'lead7@example.com', do_not_call: true, opted_out_channels: [] },
    ]);
  });

  // A do-not-contact import batch or an array of leads names a thousand leads at once: the plan for that many
  // keys must still fetch each named lead by its key, not scan the tenant's 20,000.
  it('reads only the thousand leads an array of ids names', async () => {
    await api.db.query(
      `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason)
       VALUES ($1, '+447911001500', 'all', 'import'), ($1, '+447911001600', 'whatsapp', 'import')`,
      [tenant.id],
    );
    const ids = (
      (await api.db.query(
        `SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized BETWEEN '+447911001001' AND '+447911002000'`,
        [tenant.id],
      )) as { id: string }[]
    ).map((r) => r.id);
    expect(ids).toHaveLength(1000);

    const { changed, leadsRead } = await api.db.transaction(async (tx) => {
      const before = await rowsRead(tx, 'leads');
      const flagged = await refreshContactFlags(tx, tenant.id, { leadIds: ids });
      return { changed: flagged.length, leadsRead: (await rowsRead(tx, 'leads')) - before };
    });
    expect(changed).toBe(2);
    // Each of the 1,000 read to lock it and again to update it (2,000): proportional to the ids, not the
    // tenant's 20,000 (40,000 before: its leads scanned twice).
    expect(leadsRead).toBeLessThan(3 * ids.length);
    const flags = (await api.db.query(
      `SELECT phone_normalized, do_not_call, opted_out_channels FROM leads
        WHERE tenant_id = $1 AND phone_normalized BETWEEN '+447911001001' AND '+447911002000'
          AND (do_not_call OR opted_out_channels <> '{}') ORDER BY phone_normalized`,
      [tenant.id],
    )) as { phone_normalized: string; do_not_call: boolean; opted_out_channels: string[] }[];
    expect(flags).toEqual([
      { phone_normalized: '+447911001500', do_not_call: true, opted_out_channels: [] },
      { phone_normalized: '+447911001600', do_not_call: false, opted_out_channels: ['whatsapp'] },
    ]);
  });
});
