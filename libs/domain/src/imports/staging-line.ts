import { copyArray, copyJson, copyValue } from './copy-text';
import { importLeadId } from './import-lead-ids';
import type { StagedRow } from './staged-row';

/** The columns of import-batch.ts's staging table that COPY fills, in the order of stagingLine's values. */
export const STAGING_COLUMNS =
  'row, id, first_name, last_name, email, email_key, phone, phone_normalized, country, timezone, timezones, ' +
  'company, position, source, type, value, priority, status, tags, custom_fields, notes, errors, outcome';

/** One staged row as a COPY text line of import_batch; its lead's id is the row's (import-lead-ids.ts). */
export function stagingLine(row: StagedRow, idPrefix: string): string {
  const f = row.fields;
  const invalid = row.errors.length > 0;
  // Built in place, not joined from an array of its 23 values: it runs once for every row of every import.
  return (
    `${row.row}\t${importLeadId(idPrefix, row.row)}\t${copyValue(f.firstName)}\t${copyValue(f.lastName)}\t` +
    `${copyValue(f.email)}\t${copyValue(row.emailKey)}\t${copyValue(f.phone)}\t${copyValue(f.phoneNormalized)}\t` +
    `${copyValue(f.country)}\t${copyValue(f.timezone)}\t${copyArray(f.timezones)}\t${copyValue(f.company)}\t` +
    `${copyValue(f.position)}\t${copyValue(f.source)}\t${copyValue(f.type)}\t${copyValue(f.value)}\t` +
    `${copyValue(f.priority)}\t${copyValue(f.status)}\t${copyArray(f.tags)}\t${copyJson(f.customFields)}\t` +
    `${copyValue(f.notes)}\t${invalid ? `${copyJson(row.errors)}\tinvalid` : '\\N\t\\N'}\n`
  );
}
