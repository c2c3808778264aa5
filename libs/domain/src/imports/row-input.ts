import type { FieldIssue } from '@app/common';
import type { LeadPriority, LeadStatus } from '@app/db';
// The staging thread loads this file (stage.thread.ts): the lib files it needs are named, not @app/common's and
// @app/db's indexes, which load Nest, TypeORM and class-validator (stage-thread-modules.spec.ts).
import { canonicalTimeZone } from '../../../common/src/http/time-zone-name';
import { LEAD_PRIORITIES, LEAD_STATUSES } from '../../../db/src/entities/lead-values';
import { unguardCell } from '../leads/lead-csv';
import { MAX_LEAD_TAGS, type LeadInput } from '../leads/lead-input';
import { countryCode } from './country-names';
import type { ColumnTarget } from './header-mapping';

const MAX_CELL = 10_000;

/**
 * Digits grouped in threes by `separator` after a first group of one to three digits that does not start with 0:
 * "5,000", "1,234,567", "1.234.567". A lone separator followed by exactly three digits is read so too: "1,234" is
 * 1234, not 1.234 (nor "1.234" 1.234). An amount is kept to the cent (numeric(14,2)), so the decimal reading would
 * drop a digit anyway, and amounts with three decimals are rare where "$5,000" and "10.000" are common. Anything else
 * ("12,5", "0,125", "1234,567") keeps its separator as the decimal one.
 */
const THOUSANDS = { ',': /^-?[1-9]\d{0,2}(,\d{3})+$/, '.': /^-?[1-9]\d{0,2}(\.\d{3})+$/ };

function parseValue(cell: string): number | undefined {
  const cleaned = cell.replace(/[\s$€£¥]/g, '');
  let normalized: string;
  if (cleaned.includes(',') && cleaned.includes('.')) {
    // "1,234.50" or "1.234,50": the last separator is the decimal one when two kinds appear.
    normalized =
      cleaned.lastIndexOf(',') > cleaned.lastIndexOf('.')
        ? cleaned.replace(/\./g, '').replace(',', '.')
        : cleaned.replace(/,/g, '');
  } else {
    const separator = cleaned.includes(',') ? ',' : '.';
    normalized = THOUSANDS[separator].test(cleaned)
      ? cleaned.split(separator).join('')
      : cleaned.replace(',', '.');
  }
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return undefined;
  const value = Number(normalized);
  return Number.isFinite(value) && value >= 0 && value <= 999_999_999_999
    ? Math.round(value * 100) / 100
    : undefined;
}

/**
 * Our export's `custom_fields` cell (a JSON object) as the custom fields it holds, each as it was (a number stays a
 * number); a cell that is no JSON object is kept whole under `custom_fields`, nothing lost.
 */
function exportedCustomFields(cell: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return { custom_fields: cell };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { custom_fields: cell };
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter(([, v]) => v !== null && v !== ''),
  );
}

/**
 * One CSV row as the lead input the API takes: empty cells are left out, tags split on , ; or |, status and
 * priority are matched case-insensitively (a value of neither is kept as a custom field, the lead getting the
 * default), unmapped columns become custom fields. Cell problems are reported per field (the row is then invalid);
 * the phone is parsed later, with the import's countries.
 */
export function rowToLeadInput(
  values: string[],
  columns: ColumnTarget[],
): { input: LeadInput; errors: FieldIssue[] } {
  const input: LeadInput = {};
  const custom: Record<string, unknown> = {};
  const errors: FieldIssue[] = [];
  columns.forEach((column, i) => {
    const cell = unguardCell((values[i] ?? '').trim());
    if (!cell || column.kind === 'ignore') return;
    if (column.kind === 'custom_json') {
      if (cell.length > MAX_CELL)
        errors.push({ field: 'custom_fields', reason: `is longer than ${MAX_CELL} characters` });
      else Object.assign(custom, exportedCustomFields(cell));
      return;
    }
    if (cell.length > MAX_CELL) {
      // Named here, for its error only: for a custom column it is a new string.
      const name = column.kind === 'field' ? column.field : `custom_fields.${column.key}`;
      errors.push({ field: name, reason: `is longer than ${MAX_CELL} characters` });
      return;
    }
    if (column.kind === 'custom') {
      custom[column.key] = cell;
      return;
    }
    switch (column.field) {
      case 'value': {
        const value = parseValue(cell);
        if (value === undefined) errors.push({ field: 'value', reason: 'is not an amount' });
        else input.value = value;
        break;
      }
      // Another CRM's status or priority ("Open - Not Contacted") does not make the row invalid (issue 3): the lead
      // gets the default, and the cell is kept as a custom field under its column's name, as an unmapped column is.
      case 'priority':
        if ((LEAD_PRIORITIES as readonly string[]).includes(cell.toLowerCase()))
          input.priority = cell.toLowerCase() as LeadPriority;
        else custom[column.header || column.field] = cell;
        break;
      case 'status':
        if ((LEAD_STATUSES as readonly string[]).includes(cell.toLowerCase()))
          input.status = cell.toLowerCase() as LeadStatus;
        else custom[column.header || column.field] = cell;
        break;
      case 'country': {
        const code = countryCode(cell);
        if (code) input.country = code;
        else
          errors.push({
            field: 'country',
            reason: 'is not an ISO 3166-1 alpha-2 country code nor the English name of a country',
          });
        break;
      }
      case 'timezone': {
        const zone = canonicalTimeZone(cell);
        if (zone) input.timezone = zone;
        else errors.push({ field: 'timezone', reason: 'is not an IANA time zone' });
        break;
      }
      case 'tags':
        input.tags = cell
          .split(/[,;|]/)
          .map((t) => t.trim())
          .filter((t) => t.length > 0 && t.length <= 50)
          .slice(0, MAX_LEAD_TAGS);
        break;
      default:
        input[column.field] = cell;
    }
  });
  if (Object.keys(custom).length) input.custom_fields = custom;
  return { input, errors };
}
