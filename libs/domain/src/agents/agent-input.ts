import type { FieldIssue } from '@app/common';
import type { AgentEntity, AgentStatus, WorkingHours } from '@app/db';
import { normalizePhone } from '../leads/phone-normalizer';
import { minuteOfDay, WEEKDAY_NAMES } from './working-hours';

/** An agent as clients send it (seed 001's create body, PATCH's fields); null clears a field that may be empty. */
export interface AgentInput {
  name?: string;
  phone?: string | null;
  email?: string | null;
  agent_group_id?: string | null;
  max_concurrent_calls?: number;
  working_hours?: WorkingHours | null;
  timezone?: string | null;
  /** A user of the same tenant who signs in as this agent (one agent per user). */
  user_id?: string | null;
  is_active?: boolean;
}

export interface AgentFilter {
  status?: AgentStatus;
  agent_group_id?: string;
  is_active?: boolean;
}

export type AgentColumns = Partial<
  Pick<
    AgentEntity,
    | 'name'
    | 'phone'
    | 'email'
    | 'agentGroupId'
    | 'maxConcurrentCalls'
    | 'workingHours'
    | 'timezone'
    | 'userId'
    | 'isActive'
  >
>;

export const MAX_CONCURRENT_CALLS = 10;

const blank = (value: string | null | undefined) => !value || !value.trim();

/** "9:00" -> "09:00"; "24:00" stays. */
function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Working hours as stored: only the days sent, keys lower-case, times "HH:MM". An empty object would mean "never"
 * and lock the agent out: it is refused (null means always).
 */
export function normalizeWorkingHours(hours: WorkingHours | null, errors: FieldIssue[]): WorkingHours | null {
  if (hours === null) return null;
  const out: WorkingHours = {};
  for (const [day, range] of Object.entries(hours)) {
    if (range === undefined) continue;
    const field = `working_hours.${day}`;
    if (!(WEEKDAY_NAMES as readonly string[]).includes(day)) {
      errors.push({ field, reason: `is not a day (${WEEKDAY_NAMES.join(', ')})` });
      continue;
    }
    const start = minuteOfDay(range?.start);
    const end = minuteOfDay(range?.end);
    if (start === null || start >= 24 * 60)
      errors.push({ field: `${field}.start`, reason: 'must be a time HH:MM (00:00-23:59)' });
    if (end === null) errors.push({ field: `${field}.end`, reason: 'must be a time HH:MM (00:00-24:00)' });
    if (start !== null && end !== null && start < 24 * 60)
      out[day] = { start: clock(start), end: clock(end) };
  }
  if (!Object.keys(out).length && !errors.some((e) => e.field.startsWith('working_hours')))
    errors.push({ field: 'working_hours', reason: 'must name at least one day, or be null (always)' });
  return out;
}

/**
 * The columns a create or an update sets, and every field problem a DTO cannot see on its own field. `current` is
 * the agent being changed (null on create); `countries` are tried in order for a national phone number.
 */
export function prepareAgent(
  input: AgentInput,
  current: AgentEntity | null,
  countries: (string | null | undefined)[],
): { columns: AgentColumns; errors: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  const columns: AgentColumns = {};
  if (input.name !== undefined) {
    if (blank(input.name)) errors.push({ field: 'name', reason: 'must not be empty' });
    else columns.name = input.name.trim();
  }
  if (input.phone !== undefined) {
    if (blank(input.phone)) columns.phone = null;
    else {
      const parsed = normalizePhone(input.phone as string, ...countries);
      if (parsed.ok) columns.phone = parsed.phone.e164;
      else errors.push({ field: 'phone', reason: parsed.reason });
    }
  }
  if (input.email !== undefined)
    columns.email = blank(input.email) ? null : input.email!.trim().toLowerCase();
  if (input.agent_group_id !== undefined) columns.agentGroupId = input.agent_group_id?.toLowerCase() ?? null;
  if (input.user_id !== undefined) columns.userId = input.user_id?.toLowerCase() ?? null;
  if (input.max_concurrent_calls !== undefined) columns.maxConcurrentCalls = input.max_concurrent_calls;
  if (input.working_hours !== undefined)
    columns.workingHours = normalizeWorkingHours(input.working_hours, errors);
  if (input.timezone !== undefined) columns.timezone = blank(input.timezone) ? null : input.timezone!.trim();
  if (input.is_active !== undefined) columns.isActive = input.is_active;
  if (!current && columns.name === undefined && !input.user_id && !errors.some((e) => e.field === 'name'))
    errors.push({ field: 'name', reason: 'is required (or a user_id to take the name from)' });
  return { columns, errors };
}
