import { AppError, Clock, ErrorCode } from '@app/common';
import { LlmAnswerError, MessageTemplate, ProviderError } from '@app/providers';
import { JobPayloads, StepTurnRef } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { AiCampaignSteps, StaleTurnError } from '../ai-outreach/ai-campaign-steps.service';
import { CampaignLifecycleService } from '../campaigns/campaign-lifecycle.service';
import { stepChannel } from '../campaigns/campaign-steps';
import { renderTemplate } from '../campaigns/message-template';
import { ContactPolicyService, PolicyOptions, PolicyVerdict } from '../contact-policy/contact-policy.service';
import { DialerPacerService } from '../dialer/dialer-pacer.service';
import { OutboundMessagesService } from '../messaging/outbound-messages.service';
import { stepMessageKey } from './campaign-back-pressure';
import { CampaignCompletions } from './campaign-completions';
import { EnrollmentsRepository, StepContext, StepRow, StepTurn } from './enrollments.repository';
import { nextAction } from './step-plan';

/** Turns of one batch that run at once. */
const TURNS_AT_ONCE = 4;
/**
 * A turn that has failed this many times over at least STEP_FAILING_MS ends its enrollment `failed` (`step_error`):
 * three lives of its job (five tries each), each taken again by the scheduler's sweep ten minutes after, so an
 * outage of a few minutes ends nothing, and a step that fails for good is not taken again for ever.
 */
export const MAX_TURN_FAILURES = 15;
export const STEP_FAILING_MS = 60 * 60_000;

/**
 * The `campaigns.step` job's work (CampaignStepJob): a batch of one campaign's enrollments, each at its step. Each acts only on the turn it
 * was made for (status `queued`, this step, this attempt), asks the contact policy with the campaign's window, and
 * hands a CALL step's lead to the dialer's pool, or records its message under the key
 * `campaign:<enrollment>:<step>:<attempt>` in the same transaction as the enrollment's move to its next step or its
 * end (so a re-run finds the turn taken and never sends twice, DESIGN §7.6); the `outbound-messages` queue then
 * sends it. An AI_MESSAGE step's message is written by the AI first (AiCampaignSteps), sender `ai`.
 */
@Injectable()
export class CampaignStepRunner {
  private readonly logger = new Logger(CampaignStepRunner.name);

  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly policy: ContactPolicyService,
    private readonly outbound: OutboundMessagesService,
    private readonly clock: Clock,
    private readonly progress: CampaignProgress,
    private readonly dialer: DialerPacerService,
    private readonly ai: AiCampaignSteps,
    private readonly lifecycle: CampaignLifecycleService,
    private readonly completions: CampaignCompletions,
  ) {}

  /** Runs the batch; `made` gets the key of every message it made. */
  async run(payload: JobPayloads['campaigns.step'], made = new Set<string>()): Promise<void> {
    const moved = new Set<string>();
    let failure: unknown;
    // The batch's enrollments are read in one statement; each turn is then decided and written on its own, a few at
    // once, so that a batch is not the sum of its turns' round trips (nor of its AI writes).
    const contexts = await this.enrollments.loadMany(
      payload.tenant_id,
      payload.turns.map((turn) => turn.enrollment_id),
      this.clock.now(),
    );
    let next = 0;
    const lane = async () => {
      while (next < payload.turns.length) {
        const turn = payload.turns[next++];
        try {
          const campaignId = await this.step(payload.tenant_id, turn, contexts.get(turn.enrollment_id), made);
          if (campaignId) moved.add(campaignId);
        } catch (err) {
          // The others still run; the batch fails at the end and runs again, skipping the turns already done. A
          // turn that keeps failing ends its enrollment instead.
          const ended = await this.keepsFailing(payload.tenant_id, turn, err);
          if (ended) moved.add(ended);
          else failure ??= err;
        }
      }
    };
    await Promise.all(Array.from({ length: TURNS_AT_ONCE }, lane));
    // At most once a second per campaign across processes (the progress service throttles in Redis).
    for (const campaignId of moved) await this.progress.notify(payload.tenant_id, campaignId);
    if (failure) throw failure;
  }

  /**
   * Runs the step on its enrollment as the batch read it (`ctx`, undefined when it is gone); answers the campaign
   * when the enrollment moved. The read may be a moment old: every write below applies only to this turn, so a turn
   * another process took meanwhile is left alone (and its message, in a rolled-back transaction, never made).
   */
  private async step(
    tenantId: string,
    ref: StepTurnRef,
    read: StepContext | undefined,
    made: Set<string>,
  ): Promise<string | undefined> {
    const turn: StepTurn = { tenantId, id: ref.enrollment_id, step: ref.step, attempt: ref.attempt };
    const now = this.clock.now();
    // An AI write takes seconds and a model call: its turn is read again first, so that a pause or a takeover since
    // the batch's read costs no call.
    const writes = read?.steps.find((s) => s.position === turn.step)?.type === 'AI_MESSAGE';
    const ctx = writes ? await this.enrollments.load(tenantId, turn.id, now) : read;
    if (
      !ctx ||
      ctx.status !== 'queued' ||
      ctx.current_step !== turn.step ||
      ctx.attempts + 1 !== turn.attempt
    )
      return undefined;
    // Past its schedule_end the campaign sends nothing more: the turn waits, and the tick stops it with the rest.
    if (ctx.campaign_status !== 'active' || ctx.ai_paused || ctx.schedule_ended) {
      await this.enrollments.release(turn, now);
      return ctx.campaign_id;
    }
    const step = ctx.steps.find((s) => s.position === turn.step);
    if (!step || step.type === 'DELAY') {
      await this.moveOn(turn, ctx, turn.step - 1, false, now);
      return ctx.campaign_id;
    }
    if (step.type === 'CALL') {
      // The lead joins the dialer's pool; the pacer checks the policy and the window at the moment of dialing.
      if (await this.enrollments.toDialer(turn, now)) await this.dialer.wake(turn.tenantId, ctx.campaign_id);
      return ctx.campaign_id;
    }
    const channel = stepChannel(step);
    if (!channel || channel === 'voice') {
      await this.end(turn, ctx, 'failed', 'unsupported_step', turn.step, false, now);
      return ctx.campaign_id;
    }
    const options: PolicyOptions = {
      template: Boolean(step.template_name),
      window: {
        hours: { start: ctx.calling_hours_start, end: ctx.calling_hours_end, days: ctx.calling_days },
        zone: ctx.campaign_timezone ?? ctx.tenant_timezone,
      },
    };
    // The policy's read came with the step's (load); asked on its own only if that one was of another channel.
    const { verdict } =
      ctx.policy && ctx.policy_channel === channel
        ? this.policy.evaluateRow(ctx.policy, channel, options)
        : await this.policy.evaluate(turn.tenantId, ctx.lead_id, channel, options);
    if (!verdict.allowed) {
      await this.refused(turn, ctx, verdict, now);
      return ctx.campaign_id;
    }
    const next = nextAction(ctx.steps, turn.step, ctx.follow_up_interval_days);
    const ai = step.type === 'AI_MESSAGE';
    try {
      // Written before the send's statement: a provider failure fails the job, which runs the turn again.
      const content = ai
        ? await this.ai.content(turn, ctx, step, channel)
        : { ...this.content(ctx, step), sender: 'system' as const };
      const message = {
        lead_id: ctx.lead_id,
        channel,
        ...content,
        campaign_id: ctx.campaign_id,
        step_id: step.id,
        idempotency_key: stepMessageKey(ref),
        policy_checked: true,
      };
      // The enrollment moves on with the message row: a crash leaves both or neither, and a turn lost meanwhile
      // (released by a cede or the stale sweep, to be claimed again) leaves no message.
      const move = next.done
        ? this.enrollments.finishWrite(turn, 'completed', null, ctx.steps.length, true, now)
        : this.enrollments.advanceWrite(
            turn,
            next.position,
            new Date(now.getTime() + next.wait_ms),
            true,
            now,
          );
      if (ai) {
        // The AI's turn is checked again under the enrollment's lock (a takeover while it wrote): a transaction.
        await this.outbound.send(turn.tenantId, {
          ...message,
          within: async (tx) => {
            await this.ai.guard(tx, turn);
            if (!(await this.enrollments.apply(turn.tenantId, move, tx))) throw new StaleTurnError('lost');
          },
        });
      } else if (!(await this.outbound.sendMoving(turn.tenantId, message, move))) {
        // The message, its conversation and the move are one statement: a lost turn wrote nothing.
        return ctx.campaign_id;
      }
      made.add(message.idempotency_key);
    } catch (err) {
      // Taken over while the AI wrote: nothing sent, the turn waits for a cede; a lost turn (of any step) is another
      // job's.
      if (err instanceof StaleTurnError) {
        if (err.reason === 'overridden') await this.enrollments.release(turn, now);
        return ctx.campaign_id;
      }
      // The lead opted out (or was put on the list) between the check and the send.
      if (err instanceof AppError && err.code === ErrorCode.POLICY_VIOLATION) {
        const rule = (err.details as { rule?: string } | undefined)?.rule ?? 'do_not_contact';
        await this.end(turn, ctx, 'dnc', rule, turn.step, false, now);
        return ctx.campaign_id;
      }
      // The tenant's LLM refuses every write (its key, quota or model): the campaign pauses with the reason and
      // this lead waits at its step, to be written once a person fixes the settings and resumes.
      const fault = ai ? accountFault(err) : undefined;
      if (fault) {
        this.logger.warn(
          { err, tenant_id: turn.tenantId, campaign_id: ctx.campaign_id, enrollment_id: turn.id },
          'Campaign paused: its AI provider refuses to write',
        );
        await this.lifecycle.pauseForFault(turn.tenantId, ctx.campaign_id, fault);
        await this.enrollments.release(turn, now);
        return ctx.campaign_id;
      }
      // What can never go to this lead (the step renders to nothing for it, the model refuses what it would write
      // for it) ends the enrollment failed: run again, the turn would come back forever.
      const reason = permanentFailure(err);
      if (reason) {
        this.logger.warn(
          { err, tenant_id: turn.tenantId, enrollment_id: turn.id, step: turn.step, reason },
          'Campaign step cannot be sent to this lead',
        );
        await this.end(turn, ctx, 'failed', reason, turn.step, false, now);
        return ctx.campaign_id;
      }
      throw err;
    }
    if (next.done) await this.completions.completeIfDone(turn.tenantId, ctx.campaign_id, now);
    return ctx.campaign_id;
  }

  private content(ctx: StepContext, step: StepRow) {
    const lead = ctx.lead;
    const body = step.content ? renderTemplate(step.content, lead) : undefined;
    const subjectText = step.subject ?? ctx.subject_line;
    const subject = step.type === 'EMAIL' && subjectText ? renderTemplate(subjectText, lead) : undefined;
    let template: MessageTemplate | undefined;
    if (step.template_name) {
      const variables = Object.fromEntries(
        Object.entries((step.options.variables as Record<string, string> | undefined) ?? {}).map(([k, v]) => [
          k,
          renderTemplate(String(v), lead),
        ]),
      );
      template = { name: step.template_name, language: step.template_language ?? 'en', variables };
    }
    const list = (value: unknown) => (Array.isArray(value) && value.length ? value.map(String) : undefined);
    return {
      body,
      subject,
      template,
      media_urls: list(step.options.media_urls),
      campaign_file_ids: list(step.options.attachment_ids),
    };
  }

  private async refused(
    turn: StepTurn,
    ctx: StepContext,
    verdict: Exclude<PolicyVerdict, { allowed: true }>,
    now: Date,
  ) {
    if (verdict.rule === 'outside_window') {
      // A send outside the window waits for its next opening instead of failing (issue 5 item 4).
      if (verdict.next_open_at) await this.enrollments.hold(turn, verdict.next_open_at, now);
      else await this.end(turn, ctx, 'failed', 'no_common_window', turn.step, false, now);
      return;
    }
    const status = verdict.rule === 'whatsapp_window' ? 'failed' : 'dnc';
    await this.end(turn, ctx, status, verdict.rule, turn.step, false, now);
  }

  /** Past a DELAY without sending: on to the next acting step, or the end. */
  private async moveOn(turn: StepTurn, ctx: StepContext, done: number, sent: boolean, now: Date) {
    const next = nextAction(ctx.steps, done, ctx.follow_up_interval_days);
    if (next.done) {
      await this.end(turn, ctx, 'completed', null, ctx.steps.length, sent, now);
      return;
    }
    await this.enrollments.advance(turn, next.position, new Date(now.getTime() + next.wait_ms), sent, now);
  }

  /**
   * Counts the turn's failed run; answers the campaign when the turn has failed MAX_TURN_FAILURES times over
   * STEP_FAILING_MS and its enrollment was ended `failed` for it. A failure to count is logged: the job's retry and
   * the scheduler's sweep still take the turn again.
   */
  private async keepsFailing(tenantId: string, ref: StepTurnRef, err: unknown): Promise<string | undefined> {
    const turn: StepTurn = { tenantId, id: ref.enrollment_id, step: ref.step, attempt: ref.attempt };
    const ids = { tenant_id: tenantId, enrollment_id: turn.id, step: turn.step, attempt: turn.attempt };
    try {
      const now = this.clock.now();
      const failed = await this.enrollments.countTurnFailure(turn, now);
      if (!failed) return undefined;
      const giveUp =
        failed.count >= MAX_TURN_FAILURES && now.getTime() - failed.since.getTime() >= STEP_FAILING_MS;
      if (!giveUp) return undefined;
      if (!(await this.enrollments.finish(turn, 'failed', 'step_error', turn.step, false, now)))
        return undefined;
      this.logger.error(
        { err, ...ids, failures: failed.count, since: failed.since },
        'Campaign step keeps failing: its enrollment ended failed',
      );
      await this.completions.completeIfDone(turn.tenantId, failed.campaign_id, now);
      return failed.campaign_id;
    } catch (countErr) {
      this.logger.warn({ err: countErr, ...ids }, 'Could not count a failed campaign step');
      return undefined;
    }
  }

  /** The enrollment ends; the campaign completes by itself with its last one. */
  private async end(
    turn: StepTurn,
    ctx: StepContext,
    status: 'completed' | 'dnc' | 'failed',
    reason: string | null,
    after: number,
    sent: boolean,
    now: Date,
  ) {
    if (await this.enrollments.finish(turn, status, reason, after, sent, now))
      await this.completions.completeIfDone(turn.tenantId, ctx.campaign_id, now);
  }
}

/**
 * Why the tenant's LLM will refuse every write until a person acts (a key refused, no credit left, a model that does
 * not exist), as the campaign's pause reason; undefined for a failure of this write alone.
 */
function accountFault(err: unknown): string | undefined {
  if (!(err instanceof ProviderError) || err instanceof LlmAnswerError || err.retryable) return undefined;
  const account =
    err.kind === 'auth' ||
    err.httpStatus === 404 ||
    err.providerCode === 'insufficient_quota' ||
    err.providerCode === 'model_not_found';
  return account
    ? `the AI provider refused to write the AI_MESSAGE step (${err.message}); fix the LLM settings, then resume`
    : undefined;
}

function permanentFailure(err: unknown): string | undefined {
  if (err instanceof AppError && err.code === ErrorCode.VALIDATION_ERROR) return 'invalid_message';
  // The model answered, twice, with nothing that may go (empty, a placeholder left in).
  if (err instanceof LlmAnswerError && !err.retryable) return 'ai_unsendable';
  if (err instanceof ProviderError && !err.retryable) return 'ai_unavailable';
  return undefined;
}
