import type { FieldIssue } from '@app/common';
import type { LeadEntity, LeadPriority, LeadStatus } from '@app/db';
import type { ReplyLabel } from '@app/providers';
import { getCountry } from 'countries-and-timezones';
import { normalizePhone } from './phone-normalizer';

/** A lead as a client sends it (snake_case; every field optional, null clears where allowed). */
export interface LeadInput {
  name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  country?: string | null;
  timezone?: string | null;
  company?: string | null;
  position?: string | null;
  source?: string | null;
  /** What kind of lead (carrier, shipper, broker...): free-form, trimmed; blank or null clears it. */
  type?: string | null;
  value?: number | null;
  priority?: LeadPriority;
  status?: LeadStatus;
  score?: number;
  /** One of the classifier's labels (the API refuses anything else), or null. */
  classification?: ReplyLabel | null;
  qualification_status?: string | null;
  /**
   * Pins the score against the classifier (true) or hands it back (false). A PATCH or PUT that sends `score`
   * pins it unless this says false (see LeadsService.update).
   */
  score_override?: boolean;
  /** The same for `classification`. */
  classification_override?: boolean;
  tags?: string[];
  custom_fields?: Record<string, unknown>;
  notes?: string | null;
  owner_id?: string | null;
}

export type LeadFields = Partial<
  Pick<
    LeadEntity,
    | 'firstName'
    | 'lastName'
    | 'email'
    | 'phone'
    | 'phoneNormalized'
    | 'country'
    | 'timezone'
    | 'timezones'
    | 'company'
    | 'position'
    | 'source'
    | 'type'
    | 'value'
    | 'priority'
    | 'status'
    | 'score'
    | 'classification'
    | 'qualificationStatus'
    | 'scoreOverridden'
    | 'classificationOverridden'
    | 'tags'
    | 'customFields'
    | 'notes'
    | 'ownerId'
  >
>;

export interface PreparedLead {
  fields: LeadFields;
  errors: FieldIssue[];
}

const text = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/** Seed 004's `name`: its first word is the first name, the rest the last name. */
export function splitName(name: string): [string, string | null] {
  const [first, ...rest] = name.trim().split(/\s+/);
  return [first, rest.join(' ') || null];
}

/** The most tags a lead has: the API refuses more; an import keeps the first (the lead's own, then the file's). */
export const MAX_LEAD_TAGS = 50;

/** Trimmed, without empties, and one of each tag whatever its case (VIP and vip are one tag): the first spelling. */
export function normalizeTags(tags: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const tag of tags.map((t) => t.trim())) {
    if (tag && !byKey.has(tag.toLowerCase())) byKey.set(tag.toLowerCase(), tag);
  }
  return [...byKey.values()];
}

/** Text fields taken trimmed (blank is null), as input key and lead column: built once, not on every lead. */
const TEXT_FIELDS = [
  ['company', 'company'],
  ['position', 'position'],
  ['source', 'source'],
  ['type', 'type'],
  ['classification', 'classification'],
  ['qualification_status', 'qualificationStatus'],
  ['notes', 'notes'],
] as const;

/**
 * Turns client input into lead columns: trims text, splits `name`, lower-cases nothing the user typed but keeps
 * email as given (identities hold the lower-cased form), parses the phone into E.164 and derives the country and
 * candidate zones. Only the fields present in `input` are set. `countries` are the phone parsing fallbacks;
 * `current` is the lead a change is made to.
 */
export function prepareLead(
  input: LeadInput,
  countries: (string | null | undefined)[],
  current?: { phoneNormalized: string | null; country: string | null },
): PreparedLead {
  const fields: LeadFields = {};
  const errors: FieldIssue[] = [];
  if (input.name !== undefined && input.first_name === undefined && input.last_name === undefined) {
    const [first, last] = input.name?.trim() ? splitName(input.name) : [null, null];
    fields.firstName = first;
    fields.lastName = last;
  }
  if (input.first_name !== undefined) fields.firstName = text(input.first_name);
  if (input.last_name !== undefined) fields.lastName = text(input.last_name);
  if (input.email !== undefined) fields.email = text(input.email);
  if (input.country !== undefined) fields.country = input.country?.toUpperCase() ?? null;
  if (input.timezone !== undefined) fields.timezone = input.timezone;
  if (input.phone !== undefined) {
    fields.phone = text(input.phone);
    fields.phoneNormalized = null;
    if (fields.phone) {
      const parsed = normalizePhone(fields.phone, input.country, ...countries);
      if (parsed.ok) {
        fields.phoneNormalized = parsed.phone.e164;
        fields.timezones = parsed.phone.timezones;
        if (!input.country) fields.country = parsed.phone.country;
      } else {
        errors.push({ field: 'phone', reason: parsed.reason });
      }
    }
  }
  // The zones are the phone's when there is one (a lead's country may be where they live, the number elsewhere):
  // the country gives them only to a lead left without a phone.
  const phone = fields.phoneNormalized !== undefined ? fields.phoneNormalized : current?.phoneNormalized;
  if (
    fields.timezones === undefined &&
    !phone &&
    (fields.country !== undefined || input.phone !== undefined)
  ) {
    const country = fields.country !== undefined ? fields.country : (current?.country ?? null);
    fields.timezones = country ? (getCountry(country)?.timezones ?? []) : [];
  }
  for (const [key, column] of TEXT_FIELDS) {
    if (input[key] !== undefined) fields[column] = text(input[key]);
  }
  if (input.value !== undefined) fields.value = input.value;
  if (input.priority !== undefined) fields.priority = input.priority;
  if (input.status !== undefined) fields.status = input.status;
  if (input.score !== undefined) fields.score = input.score;
  if (input.score_override !== undefined) fields.scoreOverridden = input.score_override;
  if (input.classification_override !== undefined)
    fields.classificationOverridden = input.classification_override;
  if (input.tags !== undefined) fields.tags = normalizeTags(input.tags);
  if (input.custom_fields !== undefined) fields.customFields = input.custom_fields;
  if (input.owner_id !== undefined) fields.ownerId = input.owner_id;
  return { fields, errors };
}
