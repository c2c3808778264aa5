import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import type { TestTenant } from './factories';
import type { PgSessions } from './pg-sessions';

/** A lead's enrollment, in progress, in a new two-step campaign of `type` (the next step still to send). */
export async function enrollmentMidSequence(
  api: { http: TestAgent; db: DataSource },
  t: TestTenant,
  leadId: string,
  type: 'SMS' | 'EMAIL',
): Promise<string> {
  const campaign = await api.http
    .post('/api/campaigns')
    .set(t.admin.headers)
    .send({
      name: 'Sequence',
      steps: [
        { type, content: 'Hi' },
        { type, content: 'Again' },
      ],
    });
  expect(campaign.status).toBe(201);
  const [enrollment] = (await api.db.query(
    `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status) VALUES ($1, $2, $3, 'in_progress')
     RETURNING id`,
    [t.id, campaign.body.data.id, leadId],
  )) as { id: string }[];
  return enrollment.id;
}

/** The next step's message, as the sender writes it. */
export interface NextStep {
  tenantId: string;
  enrollmentId: string;
  conversationId: string;
  leadId: string;
  channel: 'sms' | 'email';
  provider: string;
  idempotencyKey: string;
}

/**
 * The send of the next step, as OutboundMessagesService.sendMoving makes it, beside `rival` (a writer that locks the
 * lead, then stops or moves its enrollments): the enrollment is moved first in a transaction of its own; `rival`
 * starts and is seen waiting for that transaction; then the step's message is inserted (its foreign key takes a
 * key-share lock on the lead) and the transaction commits. Answers what `rival` answers.
 */
export async function sendNextStepBeside<T>(
  sessions: PgSessions,
  step: NextStep,
  rival: () => Promise<T>,
): Promise<T> {
  const { tx, pid } = await sessions.begin();
  await tx.query(`UPDATE campaign_enrollments SET current_step = 1, status = 'waiting' WHERE id = $1`, [
    step.enrollmentId,
  ]);
  const work = rival();
  // The rival has locked the lead and waits for the enrollment.
  expect(await sessions.doneOrWaiting(work, [pid])).toHaveLength(1);
  await tx.query(
    `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
       idempotency_key, content)
     VALUES ($1, $2, $3, 'outbound', $4, 'system', $5, 'queued', $6, 'Again')`,
    [step.tenantId, step.conversationId, step.leadId, step.channel, step.provider, step.idempotencyKey],
  );
  await tx.commitTransaction();
  return work;
}
