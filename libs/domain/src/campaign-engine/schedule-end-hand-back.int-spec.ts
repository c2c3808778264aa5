import { JobProducer, QueueName } from '@app/queues';
import { apiOnIsolatedDatabase, createTenant, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { CampaignSchedulerService } from './campaign-scheduler.service';

/**
 * A campaign whose schedule ends stops the paused enrollment by which a human held a lead: the lead is handed back
 * (nothing else holding it), so its workflow send held by that hold goes at once, as after a cede, instead of at
 * its next look 15 minutes on. On a database of its own: the tick reads every tenant's campaigns.
 */
describe("a campaign's schedule end hands its held leads back (integration)", () => {
  let tenant: TestTenant;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    tenant = await createTenant(on.api.http);
  });

  /** A lead held through a paused enrollment of a campaign ending at `end`, with a workflow send held by it. */
  async function heldBy(phone: string, end: Date) {
    const lead = await on.api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', phone });
    expect(lead.status).toBe(201);
    const leadId = lead.body.data.id as string;
    const [campaign] = await on.db.query(
      `INSERT INTO campaigns (tenant_id, name, status, schedule_end) VALUES ($1, $2, 'active', $3) RETURNING id`,
      [tenant.id, `Until ${phone}`, end],
    );
    await on.db.query(
      `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content) VALUES ($1, $2, 0, 'WHATSAPP', 'Hi')`,
      [tenant.id, campaign.id],
    );
    await on.db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status, current_step, ai_paused)
       VALUES ($1, $2, $3, 'waiting', 0, true)`,
      [tenant.id, campaign.id, leadId],
    );
    const workflow = await on.api.http
      .post('/api/workflows')
      .set(tenant.admin.headers)
      .send({
        name: `Held ${phone}`,
        trigger: 'lead.qualified',
        nodes: [
          { id: 't', type: 'trigger', data: {}, position: { x: 0, y: 0 } },
          {
            id: 'send',
            type: 'send_message',
            data: { channel: 'sms', body: 'Hi' },
            position: { x: 0, y: 100 },
          },
        ],
        edges: [{ id: 'e0', source: 't', target: 'send' }],
      });
    expect(workflow.status).toBe(201);
    const now = on.api.clock.now();
    const [run] = await on.db.query(
      `INSERT INTO workflow_runs (tenant_id, workflow_id, lead_id, trigger_event, event_id, status, current_node_id,
         started_at)
       VALUES ($1, $2, $3, 'lead.qualified', $4, 'waiting', 'send', $5) RETURNING id`,
      [tenant.id, workflow.body.data.id, leadId, randomUUID(), now],
    );
    const recheck = new Date(now.getTime() + 15 * 60_000);
    await on.db.query(
      `INSERT INTO workflow_run_steps (tenant_id, run_id, node_id, node_type, seq, status, outcome, resume_at, started_at)
       VALUES ($1, $2, 't', 'trigger', 1, 'done', 'triggered', NULL, $3),
              ($1, $2, 'send', 'send_message', 2, 'waiting', 'human_hold', $4, $3)`,
      [tenant.id, run.id, now, recheck],
    );
    return { runId: run.id as string, recheck };
  }

  const stepJobs = async (runId: string) =>
    (await on.api.app.get(JobProducer).queue(QueueName.Workflows).getWaiting()).filter(
      (j) => j.name === 'workflows.step' && j.data.run_id === runId,
    );
  const resumeAt = async (runId: string) =>
    (
      await on.db.query(`SELECT resume_at FROM workflow_run_steps WHERE run_id = $1 AND node_id = 'send'`, [
        runId,
      ])
    )[0].resume_at as Date;

  it('queues the held send at once; a lead still held otherwise keeps waiting', async () => {
    const end = new Date(on.api.clock.nowMs() + 3_600_000);
    const freed = await heldBy('+14155558201', end);
    const kept = await heldBy('+14155558202', end);
    // The second lead's conversation is with a human too: the campaign's end does not hand it back.
    await on.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, ai_mode)
       SELECT tenant_id, lead_id, 'sms', 'human' FROM workflow_runs WHERE id = $1`,
      [kept.runId],
    );

    on.api.clock.set(end);
    await on.api.app.get(CampaignSchedulerService).tick();

    expect(await resumeAt(freed.runId)).toEqual(end);
    expect(await stepJobs(freed.runId)).toEqual([
      expect.objectContaining({ data: { tenant_id: tenant.id, run_id: freed.runId, node_id: 'send' } }),
    ]);
    expect(await resumeAt(kept.runId)).toEqual(kept.recheck);
    expect(await stepJobs(kept.runId)).toEqual([]);
  });
});
