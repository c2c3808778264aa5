import type { FieldIssue } from '@app/common';
import type { AmdActions, CampaignEntity, CampaignStatus, DialingMode, RetryPolicy, StepType } from '@app/db';
import type { LeadFilter } from '../leads/leads.repository';
import { DIAL_STEP, dialsWithoutSteps } from './campaign-dial-step';
import {
  blank,
  CampaignStepInput,
  NormalizedStep,
  normalizeStep,
  stepVariables,
} from './campaign-step-input';
import { bareCustomFields, placeholderIssues } from './message-template';

/** `"ALL"` (every live lead of the tenant) or a lead filter (the query of `GET leads`). */
export type TargetFilter = 'ALL' | LeadFilter;

/** Seed 002's form: the channel its one step sends on (default email). */
export const TEMPLATE_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/** What the dialer does with an AMD answer other than human or a voicemail beep (issue 6 item 6). */
export const AMD_ACTIONS = ['agent', 'voicemail', 'hangup'] as const;
/** The AMD answers `amd_actions` configures. */
export const AMD_ACTION_ANSWERS = ['machine_start', 'fax', 'unknown'] as const;

/** The bounds of every sending window (DESIGN §7.2), in the lead's local time. */
export const WINDOW_OPENS = '08:00:00';
export const WINDOW_CLOSES = '21:00:00';

/** A campaign as clients send it: seed 000's steps form, seed 002's template form, seed 001's settings. */
export interface CampaignInput {
  name?: string;
  description?: string | null;
  /** PATCH / PUT only: a lifecycle transition (seed 002 updates the status through PATCH). */
  status?: CampaignStatus;
  schedule_start?: Date | null;
  schedule_end?: Date | null;
  timezone?: string | null;
  calling_hours_start?: string | null;
  calling_hours_end?: string | null;
  calling_days?: number[] | null;
  caller_id?: string | null;
  sender_id?: string | null;
  agent_group_id?: string | null;
  dialing_mode?: DialingMode;
  max_abandon_rate?: number;
  retry_policy?: RetryPolicy;
  amd_enabled?: boolean;
  voicemail_message_url?: string | null;
  record_calls?: boolean;
  /** The dialer's settings (issue 6): ring time, preview offer, lines, wrap-up, lockout, safe harbour, AMD. */
  ring_timeout_seconds?: number;
  preview_timeout_seconds?: number;
  lines_per_agent?: number;
  wrap_up_seconds?: number;
  abandon_lockout_minutes?: number;
  safe_harbour_message?: string | null;
  amd_actions?: AmdActions;
  subject_line?: string | null;
  follow_up_interval_days?: number | null;
  target_filter?: TargetFilter | null;
  stop_on_reply?: boolean;
  steps?: CampaignStepInput[];
  /** Seed 002: the one message, stored as one step of `channel`'s type. */
  template?: string | null;
  channel?: TemplateChannel;
  /** Create only (seed 002): leads enrolled with the campaign. */
  lead_ids?: string[];
}

export type CampaignColumns = Partial<
  Pick<
    CampaignEntity,
    | 'name'
    | 'description'
    | 'scheduleStart'
    | 'scheduleEnd'
    | 'timezone'
    | 'callingHoursStart'
    | 'callingHoursEnd'
    | 'callingDays'
    | 'callerId'
    | 'senderId'
    | 'agentGroupId'
    | 'dialingMode'
    | 'maxAbandonRate'
    | 'retryPolicy'
    | 'amdEnabled'
    | 'voicemailMessageUrl'
    | 'recordCalls'
    | 'ringTimeoutSeconds'
    | 'previewTimeoutSeconds'
    | 'linesPerAgent'
    | 'wrapUpSeconds'
    | 'abandonLockoutMinutes'
    | 'safeHarbourMessage'
    | 'amdActions'
    | 'subjectLine'
    | 'followUpIntervalDays'
    | 'targetFilter'
    | 'stopOnReply'
  >
>;

/** What a request changes: columns, the whole list of steps when sent, a transition, leads to enroll. */
export interface CampaignChanges {
  columns: CampaignColumns;
  steps?: NormalizedStep[];
  /** Seed 001 (no steps sent, dialing fields): the steps of a campaign the request leaves without any. */
  stepsIfNone?: NormalizedStep[];
  status?: CampaignStatus;
  leadIds?: string[];
}

/** A text that may name lead fields, and the request field it came from. */
export interface TemplateText {
  field: string;
  text: string;
}

/** Input field -> entity column, for the fields stored as sent. */
const COLUMNS: [keyof CampaignInput, keyof CampaignColumns][] = [
  ['description', 'description'],
  ['schedule_start', 'scheduleStart'],
  ['schedule_end', 'scheduleEnd'],
  ['timezone', 'timezone'],
  ['calling_days', 'callingDays'],
  ['caller_id', 'callerId'],
  ['sender_id', 'senderId'],
  ['agent_group_id', 'agentGroupId'],
  ['dialing_mode', 'dialingMode'],
  ['max_abandon_rate', 'maxAbandonRate'],
  ['retry_policy', 'retryPolicy'],
  ['amd_enabled', 'amdEnabled'],
  ['voicemail_message_url', 'voicemailMessageUrl'],
  ['record_calls', 'recordCalls'],
  ['ring_timeout_seconds', 'ringTimeoutSeconds'],
  ['preview_timeout_seconds', 'previewTimeoutSeconds'],
  ['lines_per_agent', 'linesPerAgent'],
  ['wrap_up_seconds', 'wrapUpSeconds'],
  ['abandon_lockout_minutes', 'abandonLockoutMinutes'],
  ['amd_actions', 'amdActions'],
  ['subject_line', 'subjectLine'],
  ['follow_up_interval_days', 'followUpIntervalDays'],
  ['target_filter', 'targetFilter'],
  ['stop_on_reply', 'stopOnReply'],
];

const TEMPLATE_STEP_TYPES: Record<TemplateChannel, StepType> = {
  email: 'EMAIL',
  sms: 'SMS',
  whatsapp: 'WHATSAPP',
};

/** 'HH:MM' or 'HH:MM:SS' as Postgres answers a time ('09:00:00'). */
export function clockTime(value: string): string {
  return value.length === 5 ? `${value}:00` : value;
}

/** A window bound must lie inside 08:00-21:00; the start before the end (each one the sent or the current one). */
function checkWindow(input: CampaignInput, current: CampaignEntity | null, errors: FieldIssue[]): void {
  const start =
    input.calling_hours_start !== undefined
      ? input.calling_hours_start
      : (current?.callingHoursStart ?? null);
  const end =
    input.calling_hours_end !== undefined ? input.calling_hours_end : (current?.callingHoursEnd ?? null);
  const startTime = start && clockTime(start);
  const endTime = end && clockTime(end);
  let inside = true;
  if (input.calling_hours_start && startTime && (startTime < WINDOW_OPENS || startTime >= WINDOW_CLOSES)) {
    errors.push({ field: 'calling_hours_start', reason: 'must be within 08:00-21:00 (DESIGN §7.2)' });
    inside = false;
  }
  if (input.calling_hours_end && endTime && (endTime <= WINDOW_OPENS || endTime > WINDOW_CLOSES)) {
    errors.push({ field: 'calling_hours_end', reason: 'must be within 08:00-21:00 (DESIGN §7.2)' });
    inside = false;
  }
  const changed = input.calling_hours_start !== undefined || input.calling_hours_end !== undefined;
  if (inside && changed && startTime && endTime && startTime >= endTime) {
    const field = input.calling_hours_end !== undefined ? 'calling_hours_end' : 'calling_hours_start';
    errors.push({ field, reason: 'must leave calling_hours_start before calling_hours_end' });
  }
}

function checkSchedule(input: CampaignInput, current: CampaignEntity | null, errors: FieldIssue[]): void {
  const start = input.schedule_start !== undefined ? input.schedule_start : (current?.scheduleStart ?? null);
  const end = input.schedule_end !== undefined ? input.schedule_end : (current?.scheduleEnd ?? null);
  const changed = input.schedule_start !== undefined || input.schedule_end !== undefined;
  if (changed && start && end && start.getTime() >= end.getTime()) {
    const field = input.schedule_end !== undefined ? 'schedule_end' : 'schedule_start';
    errors.push({ field, reason: 'must leave schedule_start before schedule_end' });
  }
}

/**
 * The rules between a change and the fields it leaves as they are (the window's start before its end, the
 * schedule's), against `current`: asked again of the campaign's locked row, since another change may have
 * committed since it was first read.
 */
export function acrossFields(input: CampaignInput, current: CampaignEntity | null): FieldIssue[] {
  const errors: FieldIssue[] = [];
  checkWindow(input, current, errors);
  checkSchedule(input, current, errors);
  return errors;
}

/**
 * One shape for both seed forms and seed 001's settings: the columns a request sets, its steps (seed 002's
 * `template` as one step), its transition and its leads, and every rule a DTO cannot check on its own field.
 * `current` is the campaign being changed (null on create).
 */
export function normalizeCampaign(
  input: CampaignInput,
  current: CampaignEntity | null,
): { changes: CampaignChanges; errors: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  const columns: CampaignColumns = {};
  if (input.name !== undefined || !current) {
    if (blank(input.name)) errors.push({ field: 'name', reason: 'is required' });
    else columns.name = input.name!.trim();
  }
  for (const [field, column] of COLUMNS) {
    if (input[field] !== undefined) (columns as Record<string, unknown>)[column] = input[field];
  }
  if (input.calling_hours_start !== undefined)
    columns.callingHoursStart = input.calling_hours_start && clockTime(input.calling_hours_start);
  if (input.calling_hours_end !== undefined)
    columns.callingHoursEnd = input.calling_hours_end && clockTime(input.calling_hours_end);
  if (columns.callingDays) columns.callingDays = [...columns.callingDays].sort((a, b) => a - b);
  if (input.description !== undefined) columns.description = input.description?.trim() || null;
  if (input.safe_harbour_message !== undefined)
    columns.safeHarbourMessage = input.safe_harbour_message?.trim() || null;
  errors.push(...acrossFields(input, current));

  const changes: CampaignChanges = { columns };
  if (input.steps !== undefined && input.template !== undefined) {
    errors.push({ field: 'template', reason: 'cannot be sent with steps (send the message as a step)' });
  } else if (input.steps !== undefined) {
    changes.steps = input.steps.map((step, position) => normalizeStep(step, position, errors));
  } else if (input.template !== undefined) {
    if (blank(input.template)) {
      errors.push({ field: 'template', reason: 'must not be empty' });
    } else {
      // No subject of its own: the campaign's subject_line is the email's, so a later change of it applies.
      changes.steps = [
        {
          position: 0,
          type: TEMPLATE_STEP_TYPES[input.channel ?? 'email'],
          content: input.template!,
          subject: null,
          template_name: null,
          template_language: null,
          delay_minutes: null,
          options: {},
        },
      ];
    }
  }
  if (dialsWithoutSteps(input, current))
    changes.stepsIfNone = [{ ...DIAL_STEP, options: { ...DIAL_STEP.options } }];
  if (input.channel !== undefined && input.template === undefined) {
    errors.push({ field: 'channel', reason: 'is read only with template (seed 002 form)' });
  }
  if (input.status !== undefined) changes.status = input.status;
  if (input.lead_ids !== undefined)
    changes.leadIds = [...new Set(input.lead_ids.map((id) => id.toLowerCase()))];
  for (const { field, text } of templateTexts(changes, input)) errors.push(...placeholderIssues(field, text));
  return { changes, errors };
}

/** The texts of a change that may name lead fields: step contents and subjects, the subject line. */
export function templateTexts(changes: CampaignChanges, input: CampaignInput): TemplateText[] {
  const texts: TemplateText[] = [];
  const fromTemplate = input.template !== undefined && input.steps === undefined;
  for (const step of changes.steps ?? []) {
    if (step.type === 'DELAY') continue;
    const at = fromTemplate ? null : `steps.${step.position}`;
    if (step.content) texts.push({ field: at ? `${at}.content` : 'template', text: step.content });
    if (step.subject && at) texts.push({ field: `${at}.subject`, text: step.subject });
    texts.push(...stepVariables(step));
  }
  if (changes.columns.subjectLine) texts.push({ field: 'subject_line', text: changes.columns.subjectLine });
  return texts;
}

/** Each bare custom-field name of the texts, with the fields that name it. */
export function bareNamesOf(texts: TemplateText[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const { field, text } of texts) {
    for (const name of bareCustomFields(text)) {
      const fields = names.get(name) ?? [];
      if (!fields.includes(field)) fields.push(field);
      names.set(name, fields);
    }
  }
  return names;
}
