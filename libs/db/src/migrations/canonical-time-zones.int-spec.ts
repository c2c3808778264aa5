import { createAgent, createTenant, migrationOnIsolatedApi } from '@app/testing';
import { CanonicalTimeZones1769300000000 } from './1769300000000-canonical-time-zones';

/**
 * Zones stored in another case take the canonical spelling in every table that keeps one. It reads every tenant's
 * rows, so it runs on a database of its own.
 */
describe('migration: stored time zones in their canonical spelling (integration)', () => {
  const on = migrationOnIsolatedApi(CanonicalTimeZones1769300000000);

  /** One row of each table that keeps a zone, in one tenant; the ids by table. */
  async function rows(): Promise<Record<string, string>> {
    const t = await createTenant(on.api.http);
    const post = async (path: string, body: object) => {
      const res = await on.api.http.post(path).set(t.admin.headers).send(body);
      if (res.status !== 201)
        throw new Error(`POST ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data.id as string;
    };
    return {
      tenants: t.id,
      leads: await post('/api/leads', { email: `zones-${t.id}@example.com` }),
      campaigns: await post('/api/campaigns', { name: 'Zones', steps: [{ type: 'SMS', content: 'Hi' }] }),
      agents: await createAgent(on.api.http, t, { phone: null }),
      appointments: await post('/api/appointments', {
        patient_name: 'John Doe',
        phone: '+14155552671',
        appointment_date: '2026-12-24',
        appointment_time: '14:00',
      }),
    };
  }

  const zones = async (ids: Record<string, string>) =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(
          async ([table, id]) =>
            [
              table,
              (await on.db.query(`SELECT timezone FROM ${table} WHERE id = $1`, [id]))[0].timezone,
            ] as const,
        ),
      ),
    );

  async function store(ids: Record<string, string>, zone: string | null): Promise<string[]> {
    const stamps: string[] = [];
    for (const [table, id] of Object.entries(ids)) {
      const [updated] = await on.db.query(
        `UPDATE ${table} SET timezone = $2 WHERE id = $1 RETURNING updated_at::text AS at`,
        [id, zone],
      );
      stamps.push(updated[0].at);
    }
    return stamps;
  }

  it.each([
    ['america/new_york', 'America/New_York'],
    ['ASIA/KOLKATA', 'Asia/Kolkata'],
    ['utc', 'UTC'],
    ['us/pacific', 'US/Pacific'],
    ['Europe/Lisbon', 'Europe/Lisbon'],
    ['Mars/Olympus', 'Mars/Olympus'],
  ])('stores %s as %s in every table, leaving updated_at', async (stored, canonical) => {
    const ids = await rows();
    const stamps = await store(ids, stored);
    await on.migrate('up');
    expect(await zones(ids)).toEqual(Object.fromEntries(Object.keys(ids).map((table) => [table, canonical])));
    const after = await Promise.all(
      Object.entries(ids).map(
        async ([table, id]) =>
          (await on.db.query(`SELECT updated_at::text AS at FROM ${table} WHERE id = $1`, [id]))[0].at,
      ),
    );
    expect(after).toEqual(stamps);
  });

  it('leaves a null zone null, and down() changes nothing', async () => {
    const ids = await rows();
    const { tenants, appointments, ...nullable } = ids;
    await store(nullable, null);
    await store({ tenants, appointments }, 'europe/kyiv');
    await on.migrate('up');
    await on.migrate('down');
    expect(await zones(ids)).toEqual({
      tenants: 'Europe/Kyiv',
      leads: null,
      campaigns: null,
      agents: null,
      appointments: 'Europe/Kyiv',
    });
  });
});
