import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { AnalyticsFixture, at } from './campaign-analytics.fixture';

/**
 * The funnel credits a reply to the step it answers on its own channel: in an SMS-then-email sequence, an SMS reply
 * that arrives after the email went is the SMS step's, an email reply the email step's; a reply on a channel the
 * campaign never used goes to the last step sent before it.
 */
describe('campaign analytics: a reply is credited on its channel (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let campaign: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const f = new AnalyticsFixture(api.app.get(DataSource), tenant.id);
    campaign = await f.campaign({
      name: 'Text then mail',
      status: 'active',
      started_at: at(0),
      steps: ['SMS', 'EMAIL'],
    });
    const replies: Record<string, string> = { T: 'sms', M: 'email', W: 'whatsapp' };
    for (const [i, [lead, channel]] of Object.entries(replies).entries()) {
      await f.enroll(
        campaign,
        { key: lead, first_name: lead, enrollment: { status: 'replied', replied_at: at(5) } },
        at(i / 100),
      );
      await f.outbound(campaign, { lead, step: 0, channel: 'sms', status: 'delivered', at: at(1) });
      await f.outbound(campaign, { lead, step: 1, channel: 'email', status: 'sent', at: at(3) });
      await f.inbound({ lead, channel, at: at(5), content: 'Yes, tell me more', label: 'interested' });
    }
    // N: no reply; both steps went.
    await f.enroll(campaign, { key: 'N', first_name: 'N', enrollment: { status: 'completed' } }, at(0.5));
    await f.outbound(campaign, { lead: 'N', step: 0, channel: 'sms', status: 'delivered', at: at(1) });
    await f.outbound(campaign, { lead: 'N', step: 1, channel: 'email', status: 'sent', at: at(3) });
  }, 60_000);

  it('counts an SMS reply for the SMS step, an email reply for the email step, another channel for the last step', async () => {
    const res = await api.http
      .get(`/api/campaigns/${campaign}/analytics`)
      .set(tenant.admin.headers)
      .expect(200);
    expect(res.body.data).toMatchObject({ total_leads: 4, replied: 3 });
    expect(res.body.data.funnel).toEqual([
      { position: 0, type: 'SMS', sent: 4, delivered: 4, read: 0, opened: 0, replied: 1, failed: 0 },
      { position: 1, type: 'EMAIL', sent: 4, delivered: 0, read: 0, opened: 0, replied: 2, failed: 0 },
    ]);
  });
});
