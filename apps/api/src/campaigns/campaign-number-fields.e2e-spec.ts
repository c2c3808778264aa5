import { countRows, createTenant, TestApi, TestTenant } from '@app/testing';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { campaignRequests } from './campaign-requests.fixture';

type Json = Record<string, unknown>;

/**
 * A campaign's decimal fields (follow_up_interval_days, max_abandon_rate, lines_per_agent) given a string are refused
 * as what they are, "must be a number", not with a range check's reason ("must not be greater than 365"), and
 * nothing is written.
 */
describe('campaign number fields given a string (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  campaignRequests((s) => ({ api, db, tenant } = s));

  const stored = async (id: string) =>
    (
      await db.query(
        `SELECT name, follow_up_interval_days, max_abandon_rate, lines_per_agent, updated_at
           FROM campaigns WHERE tenant_id = $1 AND id = $2`,
        [tenant.id, id],
      )
    )[0] as Json;

  const CASES: [string, Json, string][] = [
    ['followUpIntervalDays', { followUpIntervalDays: '3' }, 'follow_up_interval_days'],
    ['follow_up_interval_days', { follow_up_interval_days: '3' }, 'follow_up_interval_days'],
    ['max_abandon_rate', { max_abandon_rate: '0.02' }, 'max_abandon_rate'],
    ['lines_per_agent', { lines_per_agent: '2' }, 'lines_per_agent'],
  ];

  /** expectError's envelope, with its details: the field alone, as what it is. */
  function expectNotANumber(res: Response, field: string): void {
    expect({ status: res.status, body: res.body }).toEqual({
      status: 400,
      body: {
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: `Invalid input: ${field} must be a number`,
          details: [{ field, reason: 'must be a number' }],
        },
      },
    });
  }

  it.each(CASES)('refuses %s as a string on create and stores nothing', async (_name, body, field) => {
    const t = await createTenant(api.http);
    const res = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({ name: 'Strings', ...body });
    expectNotANumber(res, field);
    expect(await countRows(db, 'campaigns', 'tenant_id = $1', [t.id])).toBe(0);
  });

  it.each(CASES)('refuses %s as a string on PATCH and changes nothing', async (_name, body, field) => {
    const created = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({ name: 'Numbers', follow_up_interval_days: 2, max_abandon_rate: 0.02, lines_per_agent: 1.5 });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const before = await stored(id);
    const res = await api.http
      .patch(`/api/campaigns/${id}`)
      .set(tenant.admin.headers)
      .send({ name: 'Renamed', ...body });
    expectNotANumber(res, field);
    expect(await stored(id)).toEqual(before);
  });

  it('still refuses a number with too many decimals or out of range for what it is', async () => {
    const res = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({ name: 'Ranges', follow_up_interval_days: 366, lines_per_agent: 1.125 });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'follow_up_interval_days', reason: 'must not be greater than 365' },
        { field: 'lines_per_agent', reason: 'must be a number with at most 2 decimal places' },
      ]),
    );
    expect(res.body.error.details).toHaveLength(2);
  });
});
