import { createTenant, insertCampaignRows, PgSessions, useTestApi } from '@app/testing';
import { enrollFrom, idSource } from '../campaigns/enrollment-statement';
import { enrollmentsStoppedAt, resumeEnrollment } from '../classification/classification.store';
import { CampaignRetriesService } from './campaign-retries.service';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * A campaign completes by itself when no enrollment is left to act, while other writers move enrollments back to
 * acting (a failed send's retry, an out-of-office resume, a new enrollment). Each case drives, on separate
 * connections, the order that left a completed campaign with an enrollment that never runs: the completion
 * reads the enrollments before the other writer commits, and takes the campaign's row after that writer has
 * looked at it. It must end with the campaign active and the enrollment waiting.
 */
describe('campaign completion against writers that reopen enrollments (integration)', () => {
  const api = useTestApi({ env: { DATABASE_POOL_SIZE: '8' } });
  let repo: EnrollmentsRepository;
  let tenantId: string;
  let phone = 0;

  beforeAll(async () => {
    repo = api.app.get(EnrollmentsRepository);
    tenantId = (await createTenant(api.http)).id;
  });

  let sessions: PgSessions;
  beforeEach(() => (sessions = new PgSessions(api.db)));
  afterEach(() => sessions.close());

  async function lead(): Promise<string> {
    const number = `+1415556${String(++phone).padStart(4, '0')}`;
    const [row] = (await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
       VALUES ($1, 'Lee', $2, $2, '{}', '{}') RETURNING id`,
      [tenantId, number],
    )) as { id: string }[];
    return row.id;
  }

  /** An active campaign of one SMS step whose only enrollment is `status`, its last step done. */
  async function lastEnrollment(
    status: string,
  ): Promise<{ campaign: string; enrollment: string; lead: string }> {
    const leadId = await lead();
    const { id } = await insertCampaignRows(api.db, tenantId, {
      leadIds: [leadId],
      steps: [{ type: 'SMS', content: 'Hi' }],
      retryPolicy: { max_attempts: 3, delay_minutes: 30 },
    });
    const [[row]] = (await api.db.query(
      `UPDATE campaign_enrollments SET status = $2, current_step = 1, next_action_at = NULL
        WHERE campaign_id = $1 RETURNING id`,
      [id, status],
    )) as { id: string }[][];
    return { campaign: id, enrollment: row.id, lead: leadId };
  }

  async function state(campaign: string, enrollment: string) {
    const [c] = await api.db.query('SELECT status, completed_at FROM campaigns WHERE id = $1', [campaign]);
    const [e] = await api.db.query(
      'SELECT status, current_step, attempts, next_action_at FROM campaign_enrollments WHERE id = $1',
      [enrollment],
    );
    return { campaign: c, enrollment: e };
  }

  it('a retry that comes while the completion waits reopens the campaign it completed', async () => {
    const { campaign, enrollment } = await lastEnrollment('completed');
    const holder = await sessions.begin();
    await holder.tx.query('SELECT 1 FROM campaigns WHERE id = $1 FOR NO KEY UPDATE', [campaign]);
    const completion = repo.completeIfDone(tenantId, campaign, api.clock.now());
    const [completer] = await sessions.doneOrWaiting(completion, [holder.pid]);
    // The send of step 0, attempt 1, failed: the enrollment goes back to step 0, due in 30 minutes.
    const retry = api.app
      .get(CampaignRetriesService)
      .onFailed(tenantId, `campaign:${enrollment}:0:1`, '30003');
    await sessions.doneOrWaiting(retry, [holder.pid, completer]);
    await holder.tx.commitTransaction();
    // The completion had the row first and completed; the retry, granted it next, found it completed.
    expect(await completion).toBe(true);
    await retry;
    expect(await state(campaign, enrollment)).toEqual({
      campaign: { status: 'active', completed_at: null },
      enrollment: {
        status: 'waiting',
        current_step: 0,
        attempts: 1,
        next_action_at: new Date(api.clock.nowMs() + 30 * 60_000),
      },
    });
  });

  it('an out-of-office resume under way holds the completion off until it commits', async () => {
    const stamp = new Date(api.clock.nowMs() - 60_000);
    const { campaign, enrollment, lead: leadId } = await lastEnrollment('replied');
    await api.db.query('UPDATE campaign_enrollments SET replied_at = $2 WHERE id = $1', [enrollment, stamp]);
    const resume = await sessions.begin();
    const at = new Date(api.clock.nowMs() + 24 * 3_600_000);
    const [stopped] = await enrollmentsStoppedAt(resume.tx, tenantId, leadId, stamp);
    expect(await resumeEnrollment(resume.tx, tenantId, stopped, at, api.clock.now())).toBe(true);
    const completion = repo.completeIfDone(tenantId, campaign, api.clock.now());
    await sessions.doneOrWaiting(completion, [resume.pid]);
    await resume.tx.commitTransaction();
    expect(await completion).toBe(false);
    expect(await state(campaign, enrollment)).toEqual({
      campaign: { status: 'active', completed_at: null },
      enrollment: { status: 'waiting', current_step: 1, attempts: 0, next_action_at: at },
    });
  });

  it('an enrollment under way holds the completion off until it commits', async () => {
    const { campaign, enrollment } = await lastEnrollment('completed');
    const newcomer = await lead();
    const enroll = await sessions.begin();
    // As CampaignEnrollmentService.enroll does: the campaign's row, then the statement.
    await enroll.tx.query('SELECT 1 FROM campaigns WHERE id = $1 FOR NO KEY UPDATE', [campaign]);
    const counts = await enrollFrom(
      enroll.tx,
      { tenantId, campaignId: campaign, channel: 'sms', nextActionAt: api.clock.now() },
      idSource([newcomer]),
    );
    expect(counts.enrolled).toBe(1);
    const completion = repo.completeIfDone(tenantId, campaign, api.clock.now());
    await sessions.doneOrWaiting(completion, [enroll.pid]);
    await enroll.tx.commitTransaction();
    expect(await completion).toBe(false);
    expect((await state(campaign, enrollment)).campaign).toEqual({ status: 'active', completed_at: null });
    const rows = await api.db.query(
      'SELECT lead_id, status FROM campaign_enrollments WHERE campaign_id = $1',
      [campaign],
    );
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual({ lead_id: newcomer, status: 'pending' });
  });
});
