import { isDeepStrictEqual } from 'node:util';
import type { FieldIssue } from '../errors/app-error';
import { invalidInput } from './validation.pipe';

/**
 * The one alias table: the seeds' camelCase spellings of request fields, mapped to our snake_case names.
 * Applied to request bodies and query strings before validation (InputPipe), and to template variables.
 * A client written against a seed keeps working; responses are snake_case only.
 */
export const INPUT_ALIASES: Readonly<Record<string, string>> = {
  clinicName: 'tenant',
  tenantName: 'tenant_name',
  tenantId: 'tenant_id',
  firstName: 'first_name',
  lastName: 'last_name',
  refreshToken: 'refresh_token',
  defaultCountry: 'default_country',
  isActive: 'is_active',
  subjectLine: 'subject_line',
  followUpIntervalDays: 'follow_up_interval_days',
  leadIds: 'lead_ids',
  leadId: 'lead_id',
  campaignId: 'campaign_id',
  userMessage: 'user_message',
  phoneNumber: 'phone',
  phoneNumbers: 'phone_numbers',
  contactName: 'contact_name',
  agentId: 'agent_id',
  agentGroupId: 'agent_group_id',
  maxConcurrentCalls: 'max_concurrent_calls',
  workingHours: 'working_hours',
  userId: 'user_id',
  targetFilter: 'target_filter',
  fieldMapping: 'field_mapping',
  onDuplicate: 'on_duplicate',
  customFields: 'custom_fields',
  qualificationStatus: 'qualification_status',
  campaignName: 'campaign_name',
  scheduledTime: 'scheduled_time',
  apiToken: 'api_token',
  webhookUrl: 'webhook_url',
  sortBy: 'sort',
  sortOrder: 'order',
  scoreOverride: 'score_override',
  classificationOverride: 'classification_override',
  apiKey: 'api_key',
  baseUrl: 'base_url',
  apiStyle: 'api_style',
  maxTokens: 'max_tokens',
  patientName: 'patient_name',
  appointmentDate: 'appointment_date',
  appointmentTime: 'appointment_time',
  syncFrequency: 'sync_frequency',
  dataTypes: 'data_types',
};

/** Values under these keys are free-form (user-defined names) and are never renamed. */
const FREE_FORM_KEYS = new Set([
  'custom_fields',
  'settings',
  'metadata',
  'data',
  'credentials',
  'variables',
  'config',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  // Fastify's query objects have an empty null-prototype object as prototype: plain too.
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * The value with the seeds' spellings renamed to ours, at any depth (free-form values aside). A field sent in both
 * spellings is read once: with the same value (after renaming inside it) that is that value; with different values
 * neither wins, and the input is refused (400 VALIDATION_ERROR naming each such field by its path).
 */
export function applyInputAliases(value: unknown): unknown {
  const conflicts: FieldIssue[] = [];
  const renamed = rename(value, '', conflicts);
  if (conflicts.length) throw invalidInput(conflicts);
  return renamed;
}

function rename(value: unknown, path: string, conflicts: FieldIssue[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => rename(item, `${path}${i}.`, conflicts));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, val] of Object.entries(value)) {
    const canonical = INPUT_ALIASES[key] ?? key;
    const read = (v: unknown, sink: FieldIssue[]) =>
      FREE_FORM_KEYS.has(canonical) ? v : rename(v, `${path}${canonical}.`, sink);
    if (canonical !== key && Object.prototype.hasOwnProperty.call(value, canonical)) {
      // Compared as they would be read; what is wrong inside the canonical value is told when it is read.
      if (!isDeepStrictEqual(read(val, []), read(value[canonical], [])))
        conflicts.push({
          field: `${path}${canonical}`,
          reason: `and ${key} (its other spelling) have different values: send one`,
        });
      continue;
    }
    out[canonical] = read(val, conflicts);
  }
  return out;
}

/**
 * The seeds' (and the inbox clients they describe, such as Chatwoot's) spellings of values we name otherwise, per
 * vocabulary: read as ours in request bodies and query values before validation (`@Transform(inputValue(...))`);
 * responses keep our vocabulary. A value of neither spelling is left as sent, for validation to refuse.
 */
export const INPUT_VALUE_ALIASES = {
  /** Seeds 003 and 004 list an open conversation as `active`; Chatwoot's clients close one as `resolved`. */
  conversation_status: { active: 'open', resolved: 'closed' },
  /** Seed 001's lead status `calling` (the dialer has the lead) is the enrollment status `in_progress`. */
  enrollment_status: { calling: 'in_progress' },
  /** A call's status filter (seed 003's log status): no other spelling, read in any case. */
  call_log_status: {},
  /** A call's disposition: no other spelling, read in any case. */
  call_disposition: {},
  /** A call's answering-machine result (Twilio's `AnsweredBy`): no other spelling, read in any case. */
  call_answered_by: {},
  /** A call's direction: no other spelling, read in any case. */
  call_direction: {},
  /** A call's kind (dialer, broadcast, inbound, manual): no other spelling, read in any case. */
  call_kind: {},
  /** A do-not-contact entry's channel filter: no other spelling, read in any case. */
  dnc_channel: {},
  /** An import's status filter (lead and do-not-contact imports): no other spelling, read in any case. */
  import_status: {},
  /** A dashboard's or chart's period: no other spelling, read in any case. */
  report_period: {},
  /** A campaign export's format: no other spelling, read in any case. */
  export_format: {},
} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;

export type InputValueVocabulary = keyof typeof INPUT_VALUE_ALIASES;

/**
 * A class-transformer transform reading the vocabulary's aliases as our values. With `anyCase`, a text is read in
 * lower case first (seed 000 writes values in upper case: `NEW`, `CALLING`), as our values and the aliases are.
 */
export function inputValue(
  vocabulary: InputValueVocabulary,
  { anyCase = false }: { anyCase?: boolean } = {},
): (params: { value: unknown }) => unknown {
  const aliases: Readonly<Record<string, string>> = INPUT_VALUE_ALIASES[vocabulary];
  return ({ value }) => {
    if (typeof value !== 'string') return value;
    const read = anyCase ? value.toLowerCase() : value;
    return Object.prototype.hasOwnProperty.call(aliases, read) ? aliases[read] : read;
  };
}

/** The vocabulary's aliases in words, for the OpenAPI description of a field that takes them. */
export function inputValueAliasesDoc(vocabulary: InputValueVocabulary): string {
  const pairs = Object.entries(INPUT_VALUE_ALIASES[vocabulary]).map(
    ([alias, ours]) => `\`${alias}\` as ${ours}`,
  );
  return `Also takes ${pairs.join(', ')} (the spellings of the seeds and of the clients they describe); answers use ours.`;
}
