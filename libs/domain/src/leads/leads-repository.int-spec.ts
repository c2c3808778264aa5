import { LeadEntity } from '@app/db';
import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LeadsRepository } from './leads.repository';

/**
 * LeadsRepository.findById reads a lead as one `to_jsonb` column (the hot path of GET /api/leads/:id): it must
 * answer exactly what TypeORM's findOne answers, for every kind of column a lead has (timestamps with
 * microseconds, numeric, real, arrays, jsonb, booleans, nulls), and keep to the tenant.
 */
describe('LeadsRepository.findById (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
    other = await createTenant(api.http);
  });

  const typeorm = () => api.app.get<Repository<LeadEntity>>(getRepositoryToken(LeadEntity));

  it('answers what findOne answers for a lead with every column set', async () => {
    const [{ id }] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, last_name, email, phone, phone_normalized, country, timezone,
                          timezones, company, position, source, value, priority, status, score, classification,
                          qualification_status, classification_confidence, classification_reason, classified_at,
                          classification_overridden, score_overridden, meeting_requested_at, tags, custom_fields,
                          notes, opted_out_channels, opt_keyword_at, do_not_call, call_attempts, last_call_at, next_call_at,
                          call_locked_until, archived_at, created_at, updated_at)
       VALUES ($1, 'Zoë', 'O''Brien', 'zoe@example.com', '+1 415 555 0142', '+14155550142', 'US', 'America/Chicago',
               '{America/Chicago,America/Denver}', 'Acme "Labs"', 'CTO', 'import', 123456789012.34, 'high',
               'qualified', 87, 'interested', 'qualified', 0.8125, 'Asked for a demo', '2026-11-30 10:00:00.123789+00',
               true, false, '2026-11-30 10:05:00.000001+00', '{vip,"two words"}',
               '{"plan": "pro", "seats": 12, "nested": {"a": [1, null]}}', 'Line one
Line two', '{email,sms}', '{"sms": "2026-11-30T09:00:00+00:00"}', true, 3, '2026-11-29 09:00:00.999999+00', '2026-12-01 09:00:00+00',
               '2026-12-02 09:00:00.250001+00', '2026-11-30 11:00:00.5+00', '2026-01-02 03:04:05.678912+00', '2026-11-30 12:00:00.000999+00')
       RETURNING id`,
      [t.id],
    );
    const expected = await typeorm().findOne({ where: { tenantId: t.id, id } });
    const found = await api.app.get(LeadsRepository).findById(t.id, id);
    expect(found).toBeInstanceOf(LeadEntity);
    expect(found).toEqual(expected);
    expect(found?.createdAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
  });

  it('answers what findOne answers for a lead with only what is required, and null elsewhere', async () => {
    const [{ id }] = await api.db.query(
      `INSERT INTO leads (tenant_id, email) VALUES ($1, 'min@example.com') RETURNING id`,
      [t.id],
    );
    const repo = api.app.get(LeadsRepository);
    expect(await repo.findById(t.id, id)).toEqual(await typeorm().findOne({ where: { tenantId: t.id, id } }));
    expect(await repo.findById(other.id, id)).toBeNull();
    expect(await repo.findById(t.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
