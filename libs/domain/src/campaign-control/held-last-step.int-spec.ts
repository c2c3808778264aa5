import { createTenant, insertCampaignRows, TestTenant, useTestApi, zoneInDaytime } from '@app/testing';
import { CampaignStepRunner } from '../campaign-engine/campaign-step-runner.service';
import { HeldMessages } from '../campaign-engine/held-messages';
import { MessagesRepository } from '../messaging/messages.repository';
import { OutboundMessagesService } from '../messaging/outbound-messages.service';

/**
 * DESIGN §7.5: a manual message stops automated sends to the lead until control is ceded, the last message of a
 * sequence included: written (its enrollment completed) but still queued when a human wrote, it is held, and goes
 * once the campaign's lead is ceded.
 */
describe('a takeover while the last step of a sequence is queued (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('holds that message until the cede, then lets it go', async () => {
    const res = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Held', phone: '+14155553801', timezone: zoneInDaytime() });
    expect(res.status).toBe(201);
    const leadId = res.body.data.id as string;
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      steps: [{ type: 'SMS', content: 'Last word' }],
    });
    await api.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const [e] = await api.db.query(`SELECT id FROM campaign_enrollments WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    await api.app
      .get(CampaignStepRunner)
      .run({ tenant_id: t.id, turns: [{ enrollment_id: e.id, step: 0, attempt: 1 }] });
    const [queued] = await api.db.query(`SELECT id, status FROM messages WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    expect(queued.status).toBe('queued');

    // A person writes to the lead from the inbox before that message has gone.
    await api.app.get(OutboundMessagesService).send(t.id, {
      lead_id: leadId,
      channel: 'sms',
      body: 'Hi, this is Sam from sales',
      sender: 'agent',
    });
    const enrollment = async () =>
      (await api.db.query(`SELECT status, ai_paused FROM campaign_enrollments WHERE id = $1`, [e.id]))[0];
    expect(await enrollment()).toEqual({ status: 'completed', ai_paused: true });
    const gate = () => api.app.get(HeldMessages).gate(t.id, campaign.id, leadId, api.clock.now());
    expect(await gate()).toEqual({ go: false, hold: true });
    expect(await api.app.get(MessagesRepository).claim(t.id, queued.id, 'simulator', api.clock.now())).toBe(
      false,
    );

    const ceded = await api.http
      .post(`/api/campaigns/${campaign.id}/leads/${leadId}/cede`)
      .set(t.admin.headers);
    expect(ceded.status).toBe(200);
    expect(await enrollment()).toEqual({ status: 'completed', ai_paused: false });
    expect(await gate()).toMatchObject({ go: true });
  });
});
