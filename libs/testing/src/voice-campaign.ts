import type TestAgent from 'supertest/lib/agent';
import type { TestTenant } from './factories';

/**
 * A voice campaign of one CALL step over every lead of the tenant, created and started by its admin: its id.
 * Power mode, 1 s of after-call work, and the longest ring timeout (a person's ring is log-normal, mean 8 s: a rare
 * long ring must not end as a no-answer); `fields` adds to or replaces any of it.
 */
export async function startCallCampaign(
  http: TestAgent,
  tenant: TestTenant,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const created = await http
    .post('/api/campaigns')
    .set(tenant.admin.headers)
    .send({
      name: 'Voice power',
      caller_id: '+14155559999',
      dialing_mode: 'power',
      wrap_up_seconds: 1,
      ring_timeout_seconds: 120,
      target_filter: 'ALL',
      steps: [{ type: 'CALL', content: 'Pitch the demo' }],
      ...fields,
    });
  if (created.status !== 201)
    throw new Error(`create campaign answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = created.body.data.id as string;
  const started = await http.post(`/api/campaigns/${id}/start`).set(tenant.admin.headers);
  if (started.status !== 200)
    throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
  return id;
}
