import {
  connectLiveClient,
  createAgent,
  createTenant,
  HeardEvent,
  TestApi,
  TestTenant,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';

/** A lead offered to an agent in preview mode: who, where, and what the agent's live client heard. */
export interface PreviewOffer {
  t: TestTenant;
  agentId: string;
  campaignId: string;
  leadId: string;
  callId: string;
  heard: HeardEvent[];
  close: () => void;
}

/** A tenant with one agent (their room joined by a live client), a preview campaign with one lead, started. */
export async function offerPreview(
  api: TestApi,
  timeoutSeconds: number,
  phone: string,
): Promise<PreviewOffer> {
  const t = await createTenant(api.http);
  const agentId = await createAgent(api.http, t);
  const lead = await api.http.post('/api/leads').set(t.admin.headers).send({ first_name: 'Pia', phone });
  expect(lead.status).toBe(201);
  const campaign = await api.http
    .post('/api/campaigns')
    .set(t.admin.headers)
    .send({
      name: 'Preview',
      caller_id: '+14155559999',
      target_filter: 'ALL',
      dialing_mode: 'preview',
      preview_timeout_seconds: timeoutSeconds,
      ring_timeout_seconds: 120,
      steps: [{ type: 'CALL', content: 'Script' }],
    });
  expect(campaign.status).toBe(201);
  expect(campaign.body.data.preview_timeout_seconds).toBe(timeoutSeconds);
  const campaignId = campaign.body.data.id as string;
  const { socket, heard } = await connectLiveClient(api.url, t.admin.token);
  expect((await socket.emitWithAck('agent:join', { agentId })).success).toBe(true);
  expect((await api.http.post(`/api/campaigns/${campaignId}/start`).set(t.admin.headers)).status).toBe(200);
  const status = await api.http
    .put(`/api/agents/${agentId}/status`)
    .set(t.admin.headers)
    .send({ status: 'available' });
  expect(status.status).toBe(200);
  const offer = await waitFor(
    async () => heard.find((h) => h.event === 'preview:call'),
    20_000,
    'the preview offer',
  );
  return {
    t,
    agentId,
    campaignId,
    leadId: lead.body.data.id as string,
    callId: offer.payload.call_id as string,
    heard,
    close: () => socket.close(),
  };
}

/** The rows a preview offer's decision changes, as tests compare them. */
export function previewRows(db: DataSource) {
  return {
    call: async (callId: string) =>
      (
        await db.query(`SELECT id, call_sid, status, end_time, metadata FROM calls WHERE id = $1`, [callId])
      )[0],
    agent: async (agentId: string) =>
      (await db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [agentId]))[0],
    enrollment: async (campaignId: string) =>
      (
        await db.query(
          `SELECT id, status, attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
          [campaignId],
        )
      )[0],
    leadAttempts: async (leadId: string) =>
      (await db.query(`SELECT call_attempts FROM leads WHERE id = $1`, [leadId]))[0].call_attempts,
  };
}
