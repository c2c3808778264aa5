import type { StepType } from '@app/db';
import type { PolicyChannel } from '../contact-policy/contact-policy.service';

/** What the rules below need of a step (an entity or a normalised input). */
export interface StepShape {
  position: number;
  type: StepType;
  options?: Record<string, unknown> | null;
}

/** The channel each sending step type uses; AI_MESSAGE names its own (`options.channel`, default email). */
const TYPE_CHANNELS: Partial<Record<StepType, PolicyChannel>> = {
  WHATSAPP: 'whatsapp',
  SMS: 'sms',
  EMAIL: 'email',
  CALL: 'voice',
};

/** The channels an AI_MESSAGE step may name in `options.channel`. */
export const AI_MESSAGE_CHANNELS = ['email', 'sms', 'whatsapp', 'telegram'] as const;

/** Why a start refuses steps: an AI_MESSAGE step naming a channel the AI cannot write on. */
export const UNSUPPORTED_STEPS_MESSAGE = `An AI_MESSAGE step's options.channel must be one of ${AI_MESSAGE_CHANNELS.join(', ')}`;

/** The channel a step sends on; null for DELAY. */
export function stepChannel(step: StepShape): PolicyChannel | null {
  if (step.type === 'DELAY') return null;
  if (step.type === 'AI_MESSAGE') {
    const channel = step.options?.channel;
    return typeof channel === 'string' && (AI_MESSAGE_CHANNELS as readonly string[]).includes(channel)
      ? (channel as PolicyChannel)
      : 'email';
  }
  return TYPE_CHANNELS[step.type] ?? null;
}

/** `stepChannel` in SQL, of the campaign_steps row aliased `s` (its type and options); NULL for DELAY. */
export function stepChannelSql(s: string): string {
  const byType = Object.entries(TYPE_CHANNELS)
    .map(([type, channel]) => `WHEN '${type}' THEN '${channel}'`)
    .join(' ');
  const ai = AI_MESSAGE_CHANNELS.map((channel) => `'${channel}'`).join(', ');
  return `CASE ${s}.type ${byType}
            WHEN 'AI_MESSAGE' THEN CASE WHEN ${s}.options->>'channel' IN (${ai}) THEN ${s}.options->>'channel'
                                        ELSE 'email' END
          END`;
}

/** "The first message step": the lowest position whose type is not DELAY. */
export function firstMessageStep<S extends StepShape>(steps: readonly S[]): S | null {
  return [...steps].sort((a, b) => a.position - b.position).find((s) => s.type !== 'DELAY') ?? null;
}

/** The channel enrollment checks the contact policy for: the first message step's; null without one. */
export function enrollmentChannel(steps: readonly StepShape[]): PolicyChannel | null {
  const first = firstMessageStep(steps);
  return first ? stepChannel(first) : null;
}

/**
 * The steps that keep a campaign from starting, by position: AI_MESSAGE steps whose `options.channel` is set but
 * not one the AI writes on (the API refuses those at save time; rows written otherwise are refused here).
 */
export function unsupportedSteps(
  steps: readonly StepShape[],
): { position: number; type: StepType; channel: unknown }[] {
  return [...steps]
    .sort((a, b) => a.position - b.position)
    .filter((s) => s.type === 'AI_MESSAGE' && !aiChannelValid(s.options?.channel))
    .map((s) => ({ position: s.position, type: s.type, channel: s.options?.channel }));
}

/** An AI_MESSAGE step's `options.channel`: absent (email) or one of AI_MESSAGE_CHANNELS. */
function aiChannelValid(channel: unknown): boolean {
  return (
    channel === undefined || channel === null || (AI_MESSAGE_CHANNELS as readonly unknown[]).includes(channel)
  );
}
