import type { SqlRunner } from '@app/db';
import { nextAction } from '../campaign-engine/step-plan';
import type { DialerCall } from './dialer-calls.repository';
import { DialCampaign, DialerPoolRepository } from './dialer-pool.repository';

/**
 * The CALL step is over for the call's lead: on to the next step, or the sequence ends. True when this ended the
 * sequence (the campaign may be complete); false when it goes on, or the enrollment had left this attempt.
 */
export async function finishCallStep(
  pool: DialerPoolRepository,
  runner: SqlRunner,
  call: DialerCall,
  campaign: DialCampaign,
  now: Date,
): Promise<boolean> {
  const enrollmentId = call.enrollment_id as string;
  const step = await pool.stepOf(call.tenant_id, enrollmentId, runner);
  if (step === null) return false;
  const next = nextAction(campaign.steps, step, campaign.follow_up_interval_days);
  const moved = await pool.stepDone(
    call.tenant_id,
    enrollmentId,
    step,
    call.attempt as number,
    next.done ? null : { position: next.position, at: new Date(now.getTime() + next.wait_ms) },
    now,
    runner,
  );
  return moved && next.done;
}
