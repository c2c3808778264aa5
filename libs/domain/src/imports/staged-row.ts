// The staging thread loads this file (stage.thread.ts): the lib files it needs are named, not @app/common's and
// @app/db's indexes, which load Nest, TypeORM and class-validator (stage-thread-modules.spec.ts).
import { charCount } from '../../../common/src/http/char-count';
import { LEAD_TYPE_MAX } from '../../../db/src/entities/lead-values';
import type { LeadFields } from '../leads/lead-input';
import { MAX_LEAD_TAGS, normalizeTags, prepareLead } from '../leads/lead-input';
import type { ColumnTarget } from './header-mapping';
import { isEmailAddress } from './email-address';
import { rowToLeadInput } from './row-input';

/** One problem of one data row, as `GET leads/imports/:id` reports it. */
export interface RowError {
  field: string;
  value: string | null;
  error: string;
}

/** A data row after parsing and normalising: the lead columns it fills, or why it is invalid. */
export interface StagedRow {
  row: number;
  fields: LeadFields;
  /** The lower-cased email: the identity it claims. */
  emailKey: string | null;
  errors: RowError[];
}

export interface StageContext {
  columns: ColumnTarget[];
  /** Phone parsing fallbacks after the row's own country: the import's default, then the tenant's. */
  countries: (string | null)[];
  /** Added to every row's own tags. */
  tags: string[];
  /** What the ids of the import's new leads share (importLeadIdPrefix). */
  idPrefix: string;
}

const MAX_VALUE_SHOWN = 200;

/**
 * Column limits of the leads table, in code points as `varchar(n)` counts them (an emoji beyond the BMP is one): a
 * longer cell is a row error, never a failed batch.
 */
const LENGTHS: [keyof LeadFields, string, number][] = [
  ['firstName', 'first_name', 100],
  ['lastName', 'last_name', 100],
  ['email', 'email', 320],
  ['phone', 'phone', 64],
  ['company', 'company', 200],
  ['position', 'position', 200],
  ['source', 'source', 100],
  ['type', 'type', LEAD_TYPE_MAX],
];

const shown = (value: string | undefined | null): string | null =>
  value === undefined || value === null
    ? null
    : value.length > MAX_VALUE_SHOWN
      ? `${value.slice(0, MAX_VALUE_SHOWN)}…`
      : value;

/** The cell a field came from, for the error report. */
function cellOf(field: string, record: string[], columns: ColumnTarget[]): string | null {
  const index = columns.findIndex((c) =>
    c.kind === 'field'
      ? c.field === field || (field === 'first_name' && c.field === 'name')
      : c.kind === 'custom' && `custom_fields.${c.key}` === field,
  );
  return index < 0 ? null : shown(record[index]);
}

function hasNul(record: string[]): boolean {
  for (let i = 0; i < record.length; i++) if (record[i].includes('\u0000')) return true;
  return false;
}

/**
 * Checks one data row in the order the import promises: cell problems, then a present but invalid phone or
 * email, then no way to reach the person at all. The do-not-contact and duplicate checks happen in the database.
 */
export function stageRecord(record: string[], row: number, ctx: StageContext): StagedRow {
  const errors: RowError[] = [];
  const fail = (field: string, error: string, value: string | null = cellOf(field, record, ctx.columns)) =>
    errors.push({ field, value, error });

  if (hasNul(record)) {
    fail('row', 'contains a NUL character', null);
    return { row, fields: {}, emailKey: null, errors };
  }
  let extra = 0;
  for (let i = ctx.columns.length; i < record.length; i++) if (record[i].trim() !== '') extra++;
  if (extra > 0) {
    fail('row', `has ${record.length} fields; the header has ${ctx.columns.length}`, null);
    return { row, fields: {}, emailKey: null, errors };
  }

  const { input, errors: cellErrors } = rowToLeadInput(record, ctx.columns);
  for (const issue of cellErrors) fail(issue.field, issue.reason);
  const { fields, errors: leadErrors } = prepareLead(input, ctx.countries);
  for (const issue of leadErrors) fail(issue.field, issue.reason);

  for (const [key, field, max] of LENGTHS) {
    const value = fields[key];
    // A string holds at most as many code points as UTF-16 units: only a longer one is counted.
    if (typeof value === 'string' && value.length > max && charCount(value) > max)
      fail(field, `is longer than ${max} characters`);
  }
  if (fields.email && !isEmailAddress(fields.email)) fail('email', 'is not an email address');
  if (!fields.phoneNormalized && !fields.email && !errors.some((e) => e.field === 'phone')) {
    fail('phone', 'a phone or an email is required', null);
  }
  if (ctx.tags.length)
    fields.tags = normalizeTags([...(fields.tags ?? []), ...ctx.tags]).slice(0, MAX_LEAD_TAGS);
  return { row, fields, emailKey: fields.email ? fields.email.toLowerCase() : null, errors };
}
