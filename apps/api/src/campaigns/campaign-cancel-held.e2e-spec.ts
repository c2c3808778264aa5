import {
  createTenant,
  insertCampaignStepMessage,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';

/**
 * A cancel drops the messages a pause held at the sender at once: they end `failed` (`campaign:cancelled`) when the
 * cancel's job runs, instead of staying `queued` in the inbox with no job until the sweep of lost sends.
 */
describe('a cancel and the messages a pause held (e2e)', () => {
  const { api } = useTestApiAndWorker({ env: { WORKER_QUEUES: 'outbound-messages,campaign-steps' } });
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  it('ends failed with campaign:cancelled the messages a pause left queued with no job', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Hal', phone: '+14155556201' });
    expect(lead.status).toBe(201);
    // As a pause leaves it: queued, its job gone (the sender asked the gate, which held it).
    const held = await insertCampaignStepMessage(api.db, tenant.id, {
      leadId: lead.body.data.id,
      status: 'queued',
      content: 'Hello Hal',
      campaign: { status: 'paused' },
    });

    const cancel = await api.http.post(`/api/campaigns/${held.campaignId}/cancel`).set(tenant.admin.headers);
    expect(cancel.status).toBe(200);
    const message = await waitFor(
      async () => {
        const [row] = await api.db.query(`SELECT status, error_code FROM messages WHERE id = $1`, [
          held.messageId,
        ]);
        return row.status === 'queued' ? undefined : row;
      },
      10_000,
      'the held message decided',
    );
    expect(message).toEqual({ status: 'failed', error_code: 'campaign:cancelled' });
  });
});
