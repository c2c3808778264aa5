import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import type { TestTenant } from './factories';

/** A lead's turn in a new active one-step EMAIL campaign, waiting and held for its window until `held`. */
export interface HeldTurn {
  campaignId: string;
  enrollmentId: string;
  held: Date;
}

export async function turnHeldForWindow(
  api: { http: TestAgent; db: DataSource },
  t: TestTenant,
  leadId: string,
): Promise<HeldTurn> {
  const campaign = await api.http
    .post('/api/campaigns')
    .set(t.admin.headers)
    .send({ name: 'Zone', steps: [{ type: 'EMAIL', content: 'Hi' }] });
  expect(campaign.status).toBe(201);
  const campaignId = campaign.body.data.id as string;
  await api.db.query(`UPDATE campaigns SET status = 'active' WHERE id = $1`, [campaignId]);
  const held = new Date('2100-01-01T08:00:00Z');
  const [{ id: enrollmentId }] = (await api.db.query(
    `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status, next_action_at, window_held_until)
     VALUES ($1, $2, $3, 'waiting', $4, $4) RETURNING id`,
    [t.id, campaignId, leadId, held],
  )) as { id: string }[];
  return { campaignId, enrollmentId, held };
}

/** The turn's hold was taken back: no longer held, and due before the hold's end. */
export async function expectHoldTakenBack(db: DataSource, turn: HeldTurn): Promise<void> {
  const [row] = (await db.query(
    'SELECT next_action_at, window_held_until FROM campaign_enrollments WHERE id = $1',
    [turn.enrollmentId],
  )) as { next_action_at: Date; window_held_until: Date | null }[];
  expect(row.window_held_until).toBeNull();
  expect(row.next_action_at.getTime()).toBeLessThan(turn.held.getTime());
}
