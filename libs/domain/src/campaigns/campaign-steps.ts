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

/** The step types that send on a channel (AI_MESSAGE aside, which names its channel in its options). */
export function channelStepTypes(channel: string): StepType[] {
  return (Object.keys(TYPE_CHANNELS) as StepType[]).filter((type) => TYPE_CHANNELS[type] === channel);
}

/** The channels an AI_MESSAGE step may name in `options.channel`. */
export const AI_MESSAGE_CHANNELS = ['email', 'sms', 'whatsapp', 'telegram'] as const;

/** Step types the engine cannot run yet: refused at start (the AI issue brings them). */
export const UNSUPPORTED_STEP_TYPES: readonly StepType[] = ['AI_MESSAGE'];

export const UNSUPPORTED_STEPS_MESSAGE = 'AI_MESSAGE steps run once the AI issue lands';

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

/** "The first message step": the lowest position whose type is not DELAY. */
export function firstMessageStep<S extends StepShape>(steps: readonly S[]): S | null {
  return [...steps].sort((a, b) => a.position - b.position).find((s) => s.type !== 'DELAY') ?? null;
}

/** The channel enrollment checks the contact policy for: the first message step's; null without one. */
export function enrollmentChannel(steps: readonly StepShape[]): PolicyChannel | null {
  const first = firstMessageStep(steps);
  return first ? stepChannel(first) : null;
}

/** The steps that keep a campaign from starting, by position. */
export function unsupportedSteps(steps: readonly StepShape[]): { position: number; type: StepType }[] {
  return [...steps]
    .sort((a, b) => a.position - b.position)
    .filter((s) => UNSUPPORTED_STEP_TYPES.includes(s.type))
    .map((s) => ({ position: s.position, type: s.type }));
}
