import { AppError, Clock, ErrorCode } from '@app/common';
import { LlmAnswerError, MessageTemplate, ProviderError } from '@app/providers';
import { JobPayloads } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { AiCampaignSteps, StaleTurnError } from '../ai-outreach/ai-campaign-steps.service';
import { CampaignLifecycleService } from '../campaigns/campaign-lifecycle.service';
import { stepChannel } from '../campaigns/campaign-steps';
import { renderTemplate } from '../campaigns/message-template';
import { ContactPolicyService, PolicyOptions, PolicyVerdict } from '../contact-policy/contact-policy.service';
import { DialerPacerService } from '../dialer/dialer-pacer.service';
import { OutboundMessagesService, PreparedSend, RowWrite } from '../messaging/outbound-messages.service';
import { stepMessageKey } from './campaign-back-pressure';
import { CampaignCompletions } from './campaign-completions';
import { EnrollmentsRepository, SendMove, StepContext, StepRow, StepTurn } from './enrollments.repository';
import { nextAction } from './step-plan';

/** Turns of one batch that run at once. */
const TURNS_AT_ONCE = 4;

/**
 * A plain step's message a turn has checked and rendered, with its enrollment's move (`move` for the batch's
 * statement, `write` the same move for its own statement; `move.at` null: the sequence completes), left for the
 * batch's statement (CampaignStepRunner.sendAll).
 */
interface StepSend {
  ctx: StepContext;
  send: PreparedSend;
  move: SendMove;
  write: RowWrite;
}
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
    const tenantId = payload.tenant_id;
    const moved = new Set<string>();
    let failure: unknown;
    const failed = async (turn: StepTurn, err: unknown) => {
      // The others still run; the batch fails at the end and runs again, skipping the turns already done. A turn
      // that keeps failing ends its enrollment instead.
      const ended = await this.keepsFailing(tenantId, turn, err);
      if (ended) moved.add(ended);
      else failure ??= err;
    };
    // The batch's enrollments are read in one statement; each turn is then decided on its own, a few at once, so
    // that a batch is not the sum of its turns' round trips (nor of its AI writes); the plain steps' messages are
    // then written together (sendAll).
    const contexts = await this.enrollments.loadMany(
      tenantId,
      payload.turns.map((turn) => turn.enrollment_id),
      this.clock.now(),
    );
    const sends: StepSend[] = [];
    await lanes(payload.turns, async (ref) => {
      const turn: StepTurn = { tenantId, id: ref.enrollment_id, step: ref.step, attempt: ref.attempt };
      try {
        const campaignId = await this.step(turn, contexts.get(turn.id), made, sends);
        if (campaignId) moved.add(campaignId);
      } catch (err) {
        await failed(turn, err);
      }
    });
    await this.sendAll(tenantId, sends, made, failed);
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
    turn: StepTurn,
    read: StepContext | undefined,
    made: Set<string>,
    sends: StepSend[],
  ): Promise<string | undefined> {
    const { tenantId } = turn;
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
    // Its wait counts from when the step before it went, not from when that step was made (a send that waited its
    // turn at the sender): too early, the turn waits for it.
    const due = sendTimedDue(ctx, turn.step);
    if (due && due.getTime() > now.getTime()) {
      await this.enrollments.defer(turn, due, now);
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
        idempotency_key: stepMessageKey({ enrollment_id: turn.id, step: turn.step, attempt: turn.attempt }),
        policy_checked: true,
      };
      // The enrollment moves on with the message row: a crash leaves both or neither, and a turn lost meanwhile
      // (released by a cede or the stale sweep, to be claimed again) leaves no message.
      const at = next.done ? null : new Date(now.getTime() + next.wait_ms);
      const position = next.done ? ctx.steps.length : next.position;
      const move = at
        ? this.enrollments.advanceWrite(turn, position, at, true, now)
        : this.enrollments.finishWrite(turn, 'completed', null, position, true, now);
      if (!ai) {
        // Checked now; written with the batch's other plain steps' messages (sendAll).
        const send = await this.outbound.prepareMoving(tenantId, message);
        sends.push({ ctx, send, move: { turn, position, at }, write: move });
        return ctx.campaign_id;
      }
      // The AI's turn is checked again under the enrollment's lock (a takeover while it wrote): a transaction.
      await this.outbound.send(tenantId, {
        ...message,
        within: async (tx) => {
          await this.ai.guard(tx, turn);
          if (!(await this.enrollments.apply(tenantId, move, tx))) throw new StaleTurnError('lost');
        },
      });
      made.add(message.idempotency_key);
    } catch (err) {
      return this.notSent(turn, ctx, ai, err, now);
    }
    if (next.done) await this.completions.completeIfDone(tenantId, ctx.campaign_id, now);
    return ctx.campaign_id;
  }

  /**
   * Writes the plain steps' messages the turns left (`sends`): two or more in one statement with their
   * conversations and their enrollments' moves (sendMovingMany), each still at most once (DESIGN §7.6: the statement
   * commits each turn's message with its move, or neither). What the statement does not take goes on its own, as a
   * turn always went: a turn whose enrollment another transaction holds (it waits for it there), one whose lead has
   * another send in the batch, and every one when the statement fails (one bad turn must not fail the others; each
   * is counted on its own, keepsFailing).
   */
  private async sendAll(
    tenantId: string,
    sends: StepSend[],
    made: Set<string>,
    failed: (turn: StepTurn, err: unknown) => Promise<void>,
  ): Promise<void> {
    const sent: StepSend[] = [];
    const together: StepSend[] = [];
    const alone: StepSend[] = [];
    const leads = new Set<string>();
    for (const s of sends) {
      const lead = `${s.send.input.lead_id}\n${s.send.input.channel}`;
      (leads.has(lead) ? alone : together).push(s);
      leads.add(lead);
    }
    if (together.length > 1) {
      const moves = this.enrollments.movesWrite(
        together.map((s) => s.move),
        this.clock.now(),
      );
      const outcomes = await this.outbound
        .sendMovingMany(
          tenantId,
          together.map((s) => s.send),
          moves,
        )
        .catch((err: unknown) => {
          this.logger.warn(
            { err, tenant_id: tenantId, turns: together.length },
            "A step job's messages failed together: each goes on its own",
          );
          return together.map(() => ({ held: true }) as const);
        });
      together.forEach((s, i) => {
        const outcome = outcomes[i];
        if ('held' in outcome) alone.push(s);
        else if ('message' in outcome) sent.push(s);
      });
    } else alone.push(...together);
    await lanes(alone, async (s) => {
      try {
        if (await this.outbound.sendMoving(tenantId, s.send.input, s.write)) sent.push(s);
      } catch (err) {
        await this.notSent(s.move.turn, s.ctx, false, err, this.clock.now()).catch((e: unknown) =>
          failed(s.move.turn, e),
        );
      }
    });
    for (const s of sent) made.add(s.send.key);
    const completed = new Set(sent.filter((s) => s.move.at === null).map((s) => s.ctx.campaign_id));
    for (const campaignId of completed)
      await this.completions.completeIfDone(tenantId, campaignId, this.clock.now());
  }

  /**
   * A turn whose message did not go (`err`): its enrollment ends or waits as the reason asks, answering its campaign;
   * a failure no check recognises is thrown again (the job runs the turn again).
   */
  private async notSent(
    turn: StepTurn,
    ctx: StepContext,
    ai: boolean,
    err: unknown,
    now: Date,
  ): Promise<string> {
    // Taken over while the AI wrote: nothing sent, the turn waits for a cede; a lost turn (of any step) is another
    // job's.
    if (err instanceof StaleTurnError) {
      if (err.reason === 'overridden') await this.enrollments.release(turn, now);
      return ctx.campaign_id;
    }
    // The lead opted out (or was put on the list) between the check and the send.
    if (err instanceof AppError && err.code === ErrorCode.POLICY_VIOLATION) {
      const rule = (err.details as { rule?: string } | undefined)?.rule ?? 'do_not_contact';
      if (rule === 'no_address') await this.skip(turn, ctx, now);
      else await this.end(turn, ctx, refusedStatus(rule), rule, turn.step, false, now);
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
    if (verdict.rule === 'no_address') await this.skip(turn, ctx, now);
    else await this.end(turn, ctx, refusedStatus(verdict.rule), verdict.rule, turn.step, false, now);
  }

  /**
   * A step on a channel the lead has no address for (an SMS step for a lead with only an email) is passed over, as
   * a sequence tool skips a step its prospect lacks the details for: the lead goes on to the next step after that
   * step's wait. A sequence that ends having sent the lead nothing ends `failed` with `no_address`, not completed.
   */
  private async skip(turn: StepTurn, ctx: StepContext, now: Date) {
    const next = nextAction(ctx.steps, turn.step, ctx.follow_up_interval_days);
    if (!next.done) {
      await this.enrollments.advance(turn, next.position, new Date(now.getTime() + next.wait_ms), false, now);
      return;
    }
    if (ctx.has_sent) await this.end(turn, ctx, 'completed', null, ctx.steps.length, false, now);
    else await this.end(turn, ctx, 'failed', 'no_address', turn.step, false, now);
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
  private async keepsFailing(tenantId: string, turn: StepTurn, err: unknown): Promise<string | undefined> {
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
    status: 'completed' | 'dnc' | 'failed' | 'stopped',
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
 * How a refusal of the contact policy ends an enrollment: `dnc` for the lead's opt-out or a do-not-contact entry
 * (DESIGN §7.1: it stops the lead's sequences), `stopped` for a lead archived meanwhile, `failed` for what the
 * campaign could not do (a free-form WhatsApp message outside the 24-hour window).
 */
function refusedStatus(rule: string): 'dnc' | 'stopped' | 'failed' {
  if (rule === 'archived') return 'stopped';
  if (rule === 'whatsapp_window') return 'failed';
  return 'dnc';
}

/**
 * When the step at `position` is due by the send of the step before it: that send's time plus the wait the plan puts
 * between the two (DELAY steps, follow_up_interval_days). Null when the last message that went is not of the step
 * right before (a retry of the same step, a CALL between) or the plan puts no wait there.
 */
export function sendTimedDue(ctx: StepContext, position: number): Date | null {
  const sent = ctx.steps.find((s) => s.id === ctx.sent_step_id);
  if (!sent || !ctx.sent_at) return null;
  const next = nextAction(ctx.steps, sent.position, ctx.follow_up_interval_days);
  if (next.done || next.position !== position || next.wait_ms <= 0) return null;
  return new Date(new Date(ctx.sent_at).getTime() + next.wait_ms);
}

/** Runs `work` on each item, TURNS_AT_ONCE at once. */
async function lanes<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: TURNS_AT_ONCE }, lane));
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
