import { createDaytimeLead, createTenant, insertCampaignRows, TestTenant, useTestApi } from '@app/testing';
import { MessagesRepository } from '../messaging/messages.repository';
import { CampaignStepRunner } from './campaign-step-runner.service';
import { stopOnReply } from './enrollment-stops';
import { HeldMessages } from './held-messages';

/**
 * A reply stops the lead's sequence (stop_on_reply): a sequence whose last step is written but still queued (a
 * throttled backlog, a pause, the window's close) is not over, so that message never goes after the reply; one
 * whose last message has gone is over, and stays completed. A campaign not started yet (a draft, one scheduled for
 * later) has sent the lead nothing: a reply elsewhere leaves its sequence to run once it starts.
 */
describe('stopOnReply (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  async function lead(): Promise<string> {
    phone += 1;
    return createDaytimeLead(api.http, t, {
      first_name: 'Reply',
      phone: `+1415555${String(3600 + phone).padStart(4, '0')}`,
    });
  }

  it("marks replied a sequence whose last step is still queued, and the sender's gate drops that message", async () => {
    const [waiting, gone] = [await lead(), await lead()];
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [waiting, gone],
      steps: [{ type: 'SMS', content: 'Last word' }],
    });
    await api.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const ids = (await api.db.query(`SELECT id FROM campaign_enrollments WHERE campaign_id = $1`, [
      campaign.id,
    ])) as { id: string }[];
    await api.app.get(CampaignStepRunner).run({
      tenant_id: t.id,
      turns: ids.map((e) => ({ enrollment_id: e.id, step: 0, attempt: 1 })),
    });
    // The last step of both is written; one lead's message has gone, the other's still waits in the queue.
    await api.db.query(`UPDATE messages SET status = 'sent' WHERE campaign_id = $1 AND lead_id = $2`, [
      campaign.id,
      gone,
    ]);
    const enrollment = async (leadId: string) =>
      (
        await api.db.query(
          `SELECT status, replied_at FROM campaign_enrollments WHERE campaign_id = $1 AND lead_id = $2`,
          [campaign.id, leadId],
        )
      )[0];
    expect((await enrollment(waiting)).status).toBe('completed');

    const at = api.clock.now();
    for (const leadId of [waiting, gone]) {
      await api.db.transaction((tx) => stopOnReply(tx, t.id, leadId, at));
    }

    expect(await enrollment(waiting)).toEqual({ status: 'replied', replied_at: at });
    expect(await enrollment(gone)).toEqual({ status: 'completed', replied_at: null });
    expect(await api.app.get(HeldMessages).gate(t.id, campaign.id, waiting, at)).toEqual({
      go: false,
      hold: false,
      reason: 'replied',
    });
    const [queued] = await api.db.query(`SELECT id FROM messages WHERE campaign_id = $1 AND lead_id = $2`, [
      campaign.id,
      waiting,
    ]);
    expect(await api.app.get(MessagesRepository).claim(t.id, queued.id, 'simulator', at)).toBe(false);
  });

  it('leaves the sequences of campaigns not started yet (draft, scheduled) to run; stops those running', async () => {
    const leadId = await lead();
    const running = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      steps: [{ type: 'SMS', content: 'First' }],
      due: new Date(api.clock.nowMs() + 3_600_000),
    });
    const draft = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      status: 'draft',
      due: null,
      steps: [{ type: 'SMS', content: 'Later' }],
    });
    const scheduled = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      status: 'scheduled',
      due: new Date(api.clock.nowMs() + 86_400_000),
      steps: [{ type: 'SMS', content: 'Tomorrow' }],
    });

    const at = api.clock.now();
    const stopped = await api.db.transaction((tx) => stopOnReply(tx, t.id, leadId, at));

    expect(stopped).toEqual([running.id]);
    const status = async (campaignId: string) =>
      (
        await api.db.query(`SELECT status, replied_at FROM campaign_enrollments WHERE campaign_id = $1`, [
          campaignId,
        ])
      )[0];
    expect(await status(running.id)).toEqual({ status: 'replied', replied_at: at });
    expect(await status(draft.id)).toEqual({ status: 'pending', replied_at: null });
    expect(await status(scheduled.id)).toEqual({ status: 'pending', replied_at: null });
  });
});
