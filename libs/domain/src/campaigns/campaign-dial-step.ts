import type { CampaignEntity } from '@app/db';
import type { CampaignInput } from './campaign-input';
import type { NormalizedStep } from './campaign-step-input';

/**
 * Seed 001's fields that only a campaign that calls has (the dialer's settings). Seed 001 sends no steps: every
 * campaign there dials its leads and connects the answered calls to agents. The window, schedule and retry policy
 * are left out: message campaigns have them too.
 */
const DIALING_FIELDS = [
  'caller_id',
  'agent_group_id',
  'dialing_mode',
  'max_abandon_rate',
  'amd_enabled',
  'voicemail_message_url',
  'record_calls',
  'ring_timeout_seconds',
  'preview_timeout_seconds',
  'lines_per_agent',
  'wrap_up_seconds',
  'abandon_lockout_minutes',
  'safe_harbour_message',
  'amd_actions',
] as const satisfies readonly (keyof CampaignInput)[];

/** Seed 001's campaign as a step: call the lead, connect the answered call to an agent of the campaign's group. */
export const DIAL_STEP: Readonly<NormalizedStep> = Object.freeze({
  position: 0,
  type: 'CALL',
  content: 'Connect the answered call to an agent',
  subject: null,
  template_name: null,
  template_language: null,
  delay_minutes: null,
  options: { call_mode: 'connect_agent' },
});

/**
 * Whether a request that sends neither steps nor a template is seed 001's: it sets a dialing field (a value, not
 * null), or the campaign it changes has one stored (a number to call from, an agent group, a voicemail).
 */
export function dialsWithoutSteps(input: CampaignInput, current: CampaignEntity | null): boolean {
  if (input.steps !== undefined || input.template !== undefined) return false;
  if (DIALING_FIELDS.some((field) => input[field] !== undefined && input[field] !== null)) return true;
  return Boolean(current && (current.callerId || current.agentGroupId || current.voicemailMessageUrl));
}
