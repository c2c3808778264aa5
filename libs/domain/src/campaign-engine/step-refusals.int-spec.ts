import { createTenant, insertCampaignRows, TestTenant, useTestApi, zoneInDaytime } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { CampaignStepRunner } from './campaign-step-runner.service';

/**
 * What a step the contact policy refuses does to its enrollment: a step on a channel the lead has no address for is
 * skipped (a mixed-channel sequence goes on with the channels the lead has), and a sequence that could send the lead
 * nothing ends `failed` (`no_address`); an opt-out or a do-not-contact entry ends it `dnc`, an archived lead
 * `stopped`. The runner is called as its job calls it, each turn taken (`queued`) as the scheduler takes it.
 */
describe('campaign steps the contact policy refuses (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let runner: CampaignStepRunner;

  beforeAll(async () => {
    runner = api.app.get(CampaignStepRunner);
    t = await createTenant(api.http);
  });

  async function lead(fields: Record<string, unknown>): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Mia', timezone: zoneInDaytime(), ...fields });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  async function enrollment(campaignId: string) {
    const [row] = await api.db.query(
      `SELECT id, status, stop_reason, current_step, attempts FROM campaign_enrollments WHERE campaign_id = $1`,
      [campaignId],
    );
    return row as {
      id: string;
      status: string;
      stop_reason: string | null;
      current_step: number;
      attempts: number;
    };
  }

  /** Takes the enrollment's due turn as the scheduler does and runs it; answers the enrollment after it. */
  async function turn(campaignId: string) {
    const e = await enrollment(campaignId);
    await api.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE id = $1`, [e.id]);
    await runner.run({
      tenant_id: t.id,
      turns: [{ enrollment_id: e.id, step: e.current_step, attempt: e.attempts + 1 }],
    });
    return enrollment(campaignId);
  }

  const sentTo = async (leadId: string) =>
    (
      await api.db.query(
        `SELECT channel, content FROM messages WHERE lead_id = $1 AND direction = 'outbound' ORDER BY created_at`,
        [leadId],
      )
    ).map((m: { channel: string; content: string }) => `${m.channel}: ${m.content}`);

  it('skips the SMS step of a lead with only an email, and sends the email after it', async () => {
    const leadId = await lead({ email: `mia.${randomUUID().slice(0, 8)}@example.com` });
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      steps: [
        { type: 'EMAIL', content: 'First email' },
        { type: 'SMS', content: 'A text' },
        { type: 'EMAIL', content: 'Second email' },
      ],
    });
    expect(await turn(campaign.id)).toMatchObject({ status: 'waiting', current_step: 1 });
    expect(await turn(campaign.id)).toMatchObject({ status: 'waiting', current_step: 2, stop_reason: null });
    expect(await turn(campaign.id)).toMatchObject({ status: 'completed', stop_reason: null });
    expect(await sentTo(leadId)).toEqual(['email: First email', 'email: Second email']);
  });

  it('ends failed with no_address a sequence that could send the lead nothing', async () => {
    const leadId = await lead({ email: `noa.${randomUUID().slice(0, 8)}@example.com` });
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      steps: [
        { type: 'SMS', content: 'A text' },
        { type: 'DELAY', delay_minutes: 60 },
        { type: 'WHATSAPP', content: 'A WhatsApp' },
      ],
    });
    expect(await turn(campaign.id)).toMatchObject({ status: 'waiting', current_step: 2 });
    expect(await turn(campaign.id)).toMatchObject({ status: 'failed', stop_reason: 'no_address' });
    expect(await sentTo(leadId)).toEqual([]);
    // The analytics say so, though no message was made to count.
    const report = await api.http
      .get(`/api/campaigns/${campaign.id}/analytics`)
      .set(t.admin.headers)
      .expect(200);
    expect(report.body.data).toMatchObject({
      total_leads: 1,
      sent: 0,
      failed: 0,
      enrollments_failed: 1,
      completed: 0,
    });
  });

  it('ends dnc for an opt-out of the step channel, and stopped for a lead archived since it was enrolled', async () => {
    const optedOut = await lead({ phone: '+14155556101' });
    await api.db.query(`UPDATE leads SET opted_out_channels = '{sms}' WHERE id = $1`, [optedOut]);
    const archived = await lead({ phone: '+14155556102' });
    const steps = [{ type: 'SMS' as const, content: 'A text' }];
    const first = await insertCampaignRows(api.db, t.id, { leadIds: [optedOut], steps });
    const second = await insertCampaignRows(api.db, t.id, { leadIds: [archived], steps });
    expect((await api.http.delete(`/api/leads/${archived}`).set(t.admin.headers)).status).toBe(200);

    expect(await turn(first.id)).toMatchObject({ status: 'dnc', stop_reason: 'opted_out' });
    expect(await turn(second.id)).toMatchObject({ status: 'stopped', stop_reason: 'archived' });
    expect([...(await sentTo(optedOut)), ...(await sentTo(archived))]).toEqual([]);
  });
});
