import { copyArray, copyJson, copyLine, copyValue } from './copy-text';
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
  return copyLine([
    String(row.row),
    importLeadId(idPrefix, row.row),
    copyValue(f.firstName),
    copyValue(f.lastName),
    copyValue(f.email),
    copyValue(row.emailKey),
    copyValue(f.phone),
    copyValue(f.phoneNormalized),
    copyValue(f.country),
    copyValue(f.timezone),
    copyArray(f.timezones),
    copyValue(f.company),
    copyValue(f.position),
    copyValue(f.source),
    copyValue(f.type),
    copyValue(f.value),
    copyValue(f.priority),
    copyValue(f.status),
    copyArray(f.tags),
    copyJson(f.customFields),
    copyValue(f.notes),
    invalid ? copyJson(row.errors) : '\\N',
    invalid ? 'invalid' : '\\N',
  ]);
}
