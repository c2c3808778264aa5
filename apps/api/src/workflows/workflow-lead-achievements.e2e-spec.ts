import { createTenant, createUser, useTestApiAndWorker, waitFor } from '@app/testing';
import { activeWorkflow, runOf, triggerNode } from './workflow-runs.fixture';

/**
 * A workflow's update_lead that leaves a lead qualified counts for its owner's achievements as a user's change
 * does: unlocked (with its notification) when the run ends, before anyone reads their achievements, and once.
 */
describe('workflows: a qualified lead and its owner achievements (e2e)', () => {
  const { api } = useTestApiAndWorker();

  const achievementNotifications = (userId: string): Promise<{ title: string }[]> =>
    api.db.query(
      `SELECT title FROM notifications WHERE user_id = $1 AND title LIKE 'Achievement unlocked:%' ORDER BY created_at`,
      [userId],
    );

  it("unlocks the owner's first qualified lead once, as a user's change would", async () => {
    const tenant = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    const qualify = await activeWorkflow(api, tenant, 'lead.created', [
      triggerNode,
      { id: 'up', type: 'update_lead', data: { status: 'qualified' } },
    ]);
    // Its change starts this one, which leaves the lead qualified again (converted): no second unlock.
    const convert = await activeWorkflow(api, tenant, 'lead.updated', [
      { ...triggerNode, data: { event: 'lead.updated' } },
      { id: 'up', type: 'update_lead', data: { status: 'converted' } },
    ]);
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', phone: '+14155558301', owner_id: agent.id });
    expect(lead.status).toBe(201);
    const leadId = lead.body.data.id as string;

    await runOf(api, tenant, qualify, leadId, 'completed');
    await runOf(api, tenant, convert, leadId, 'completed');
    const told = await waitFor(async () => {
      const rows = await achievementNotifications(agent.id);
      return rows.length ? rows : undefined;
    });
    expect(told.map((n) => n.title)).toEqual(['Achievement unlocked: First Qualified Lead']);
    const [{ n }] = await api.db.query(
      `SELECT count(*)::int AS n FROM user_achievements ua JOIN achievements a ON a.id = ua.achievement_id
        WHERE ua.user_id = $1 AND a.key = 'first_qualified_lead'`,
      [agent.id],
    );
    expect(n).toBe(1);
    expect(await achievementNotifications(tenant.admin.id)).toEqual([]);
  });
});
