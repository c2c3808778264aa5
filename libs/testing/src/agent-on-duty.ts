import type { Socket } from 'socket.io-client';
import type TestAgent from 'supertest/lib/agent';
import type { TestTenant } from './factories';
import { connectLiveClient, HeardEvent } from './live-client';

/**
 * The agent on duty, as their desk puts them: the tenant's admin (whose profile the agent is, or a manager over
 * them) joins the agent's room on a live client (`agent:join`, their presence), then sets them available. Answers
 * the client: close it at the end.
 */
export async function agentOnDuty(
  api: { http: TestAgent; url: string },
  tenant: TestTenant,
  agentId: string,
): Promise<{ socket: Socket; heard: HeardEvent[] }> {
  const client = await connectLiveClient(api.url, tenant.admin.token);
  const joined = await client.socket.emitWithAck('agent:join', { agentId });
  if (!joined.success) throw new Error(`agent:join answered ${JSON.stringify(joined)}`);
  const available = await api.http
    .put(`/api/agents/${agentId}/status`)
    .set(tenant.admin.headers)
    .send({ status: 'available' });
  if (available.status !== 200)
    throw new Error(`available answered ${available.status}: ${JSON.stringify(available.body)}`);
  return client;
}
