import { createHmac } from 'node:crypto';
import type { MessagingChannel } from '../messaging.port';

/**
 * What the simulator is told to do (libs/config: SIMULATOR_SEED, _DELAY_MS, _FAILURE_RATE, _REPLY_RATE,
 * _RATE_LIMIT_PER_SECOND).
 */
export interface SimulatorSettings {
  seed: string;
  /** Delay before each status callback, and before the reply after them. */
  delayMs: number;
  /** Chance (0-1) that a send ends `undelivered` or `failed` (SMS and WhatsApp). */
  failureRate: number;
  /** Chance (0-1) that the lead answers a send that was not lost. */
  replyRate: number;
  /** Sends per second per sender the simulated provider accepts (0 or absent: no limit). */
  rateLimitPerSecond?: number;
}

export type SimulatedStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

export const REPLY_SCENARIOS = ['interested', 'question', 'not_now', 'stop', 'out_of_office'] as const;
export type ReplyScenario = (typeof REPLY_SCENARIOS)[number];

/** What a lead of each scenario says; one variant is picked by the seed. */
const REPLIES: Record<ReplyScenario, readonly string[]> = {
  interested: ["Yes, I'm interested! Tell me more.", 'Sounds great, can we talk tomorrow?'],
  question: ['How much does it cost?', 'Which days do you have available?'],
  not_now: ['Not right now, maybe next month.', 'Thanks, but the timing is not good for me.'],
  stop: ['STOP'],
  out_of_office: ["I'm out of the office until Monday with limited access to messages."],
};

/**
 * Real Twilio error codes of a lost message: 30003 unreachable handset, 30005 unknown handset, 30006 landline or
 * unreachable carrier, 30007 filtered by the carrier (each `undelivered` after `sent`); 21610 the recipient
 * replied STOP to this sender (`failed`, never sent).
 */
export const SIMULATED_ERRORS: readonly { code: string; status: 'failed' | 'undelivered' }[] = [
  { code: '30003', status: 'undelivered' },
  { code: '30005', status: 'undelivered' },
  { code: '30006', status: 'undelivered' },
  { code: '30007', status: 'undelivered' },
  { code: '21610', status: 'failed' },
];

export type SimulatorEvent =
  | { kind: 'status'; status: SimulatedStatus; error_code?: string }
  | { kind: 'reply'; scenario: ReplyScenario; body: string };

/** A number in [0, 1) that follows from the seed, our message id and what it decides, and from nothing else. */
export function seededUnit(seed: string, messageId: string, purpose: string): number {
  const digest = createHmac('sha256', seed).update(`${messageId}:${purpose}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** `n` hex characters that follow from the seed and a name. */
export function seededHex(seed: string, name: string, n = 32): string {
  return createHmac('sha256', seed).update(name).digest('hex').slice(0, n);
}

/** The provider id of a send: `SM` + 32 hex on SMS and WhatsApp (a Twilio Message SID), per channel otherwise. */
export function simulatedProviderId(seed: string, channel: MessagingChannel, messageId: string): string {
  const hex = seededHex(seed, `send:${messageId}`);
  if (channel === 'telegram') return `${Number.parseInt(hex.slice(0, 8), 16) % 1_000_000_000}`;
  if (channel === 'email') return `<${hex}@simulator.reachline.test>`;
  return `SM${hex}`;
}

function pick<T>(items: readonly T[], unit: number): T {
  return items[Math.min(items.length - 1, Math.floor(unit * items.length))];
}

/**
 * Every callback a send will cause, in order (DESIGN §2): on SMS and WhatsApp Twilio's statuses, queued, sent,
 * delivered (then read on WhatsApp), or a loss with a real error code; then, unless lost, maybe one reply from the
 * lead. Telegram and email have no delivery callbacks, only the reply. The same seed and message id always give
 * the same plan.
 */
export function simulatorPlan(
  settings: Pick<SimulatorSettings, 'seed' | 'failureRate' | 'replyRate'>,
  channel: MessagingChannel,
  messageId: string,
): SimulatorEvent[] {
  const unit = (purpose: string) => seededUnit(settings.seed, messageId, purpose);
  const events: SimulatorEvent[] = [];
  let lost = false;
  if (channel === 'sms' || channel === 'whatsapp') {
    if (unit('fail') < settings.failureRate) {
      lost = true;
      const error = pick(SIMULATED_ERRORS, unit('error'));
      events.push({ kind: 'status', status: 'queued' });
      if (error.status === 'undelivered') events.push({ kind: 'status', status: 'sent' });
      events.push({ kind: 'status', status: error.status, error_code: error.code });
    } else {
      events.push(
        { kind: 'status', status: 'queued' },
        { kind: 'status', status: 'sent' },
        { kind: 'status', status: 'delivered' },
      );
      if (channel === 'whatsapp') events.push({ kind: 'status', status: 'read' });
    }
  }
  if (!lost && unit('reply') < settings.replyRate) {
    const scenario = pick(REPLY_SCENARIOS, unit('scenario'));
    events.push({ kind: 'reply', scenario, body: pick(REPLIES[scenario], unit('variant')) });
  }
  return events;
}
