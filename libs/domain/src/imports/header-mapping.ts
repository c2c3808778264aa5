import type { FieldIssue } from '@app/common';
import { LEAD_CSV_COLUMNS, LEAD_EXPORT_COLUMNS } from '../leads/lead-csv';

/** The lead fields an import can fill: the CSV columns, and a whole `name` to split. */
export const IMPORT_FIELDS = ['name', ...LEAD_CSV_COLUMNS] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * What a column becomes: a lead field, a custom field (the column's own name), the custom fields of our own
 * export's `custom_fields` column (a JSON object, each key its own), or nothing.
 */
export type ColumnTarget =
  /** `header`: the column's name, for a cell the field cannot take (absent from imports stored before it). */
  | { kind: 'field'; field: ImportField; header?: string }
  | { kind: 'custom'; key: string }
  | { kind: 'custom_json' }
  | { kind: 'ignore' };

/**
 * The columns our lead export adds around the editable ones. In a file that is one of our exports (it has the
 * export's own `id`, `phone_normalized`, `created_at` and `updated_at`), they are what the platform keeps, not
 * the person's fields: read back, they are left out, and `custom_fields` gives back each custom field.
 */
const EXPORT_ONLY: ReadonlySet<string> = new Set(
  LEAD_EXPORT_COLUMNS.filter((c) => !(LEAD_CSV_COLUMNS as readonly string[]).includes(c)),
);
const EXPORT_SIGNATURE = ['id', 'phone_normalized', 'created_at', 'updated_at'];

/** Header spellings recognised without a mapping, after normalizeHeader(). */
const HEADER_ALIASES: Readonly<Record<string, ImportField>> = {
  name: 'name',
  'full name': 'name',
  'contact name': 'name',
  'lead name': 'name',
  'display name': 'name',
  'first name': 'first_name',
  firstname: 'first_name',
  'given name': 'first_name',
  forename: 'first_name',
  'last name': 'last_name',
  lastname: 'last_name',
  surname: 'last_name',
  'family name': 'last_name',
  email: 'email',
  'e mail': 'email',
  'email address': 'email',
  'e mail address': 'email',
  mail: 'email',
  'work email': 'email',
  'business email': 'email',
  'contact email': 'email',
  'primary email': 'email',
  'personal email': 'email',
  'email 1': 'email',
  'e mail 1': 'email',
  // Google Contacts: "E-mail 1 - Value" (its "E-mail 1 - Type" / "Label" is a custom field).
  'email 1 value': 'email',
  'e mail 1 value': 'email',
  phone: 'phone',
  'phone number': 'phone',
  'phone no': 'phone',
  telephone: 'phone',
  'telephone number': 'phone',
  tel: 'phone',
  mobile: 'phone',
  'mobile phone': 'phone',
  'mobile number': 'phone',
  cell: 'phone',
  'cell phone': 'phone',
  cellphone: 'phone',
  whatsapp: 'phone',
  'whatsapp number': 'phone',
  'mobile phone number': 'phone',
  'mobile no': 'phone',
  'cell number': 'phone',
  'cell phone number': 'phone',
  'contact number': 'phone',
  'contact phone': 'phone',
  'primary phone': 'phone',
  'business phone': 'phone',
  'work phone': 'phone',
  'home phone': 'phone',
  'phone 1': 'phone',
  'phone 1 value': 'phone',
  country: 'country',
  'country code': 'country',
  'country region': 'country',
  timezone: 'timezone',
  'time zone': 'timezone',
  company: 'company',
  'company name': 'company',
  organization: 'company',
  organisation: 'company',
  account: 'company',
  business: 'company',
  'organization name': 'company',
  'organisation name': 'company',
  'organization 1 name': 'company',
  'company account': 'company',
  position: 'position',
  title: 'position',
  'job title': 'position',
  'organization title': 'position',
  'organization 1 title': 'position',
  role: 'position',
  source: 'source',
  'lead source': 'source',
  type: 'type',
  'lead type': 'type',
  value: 'value',
  'deal value': 'value',
  amount: 'value',
  priority: 'priority',
  status: 'status',
  'lead status': 'status',
  tags: 'tags',
  tag: 'tags',
  labels: 'tags',
  notes: 'notes',
  note: 'notes',
  comments: 'notes',
  comment: 'notes',
  description: 'notes',
};

/** "E-Mail Address " -> "e mail address": lower case, accents and punctuation folded to single spaces. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const IGNORE = new Set(['', 'ignore', 'skip']);

/**
 * Maps each header to its target. `mapping` (header as written in the file -> field, `custom_fields.<key>` or
 * `ignore`) wins over the aliases; a column that maps to nothing keeps its name as a custom field. A mapping to
 * a field that does not exist is an error listing the valid ones. A mapped column keeps its field even when a
 * column before it is recognised by an alias for it; when two columns land on the same field otherwise, the first
 * keeps it and the later one becomes a custom field.
 */
export function mapColumns(
  headers: string[],
  mapping: Record<string, string> = {},
): { columns: ColumnTarget[]; errors: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  const valid = `valid fields: ${IMPORT_FIELDS.join(', ')}, custom_fields.<name>, ignore`;
  const byHeader = new Map(Object.entries(mapping).map(([k, v]) => [k.trim(), v.trim()]));
  for (const [header, target] of byHeader) {
    if (!headers.some((h) => h.trim() === header)) {
      errors.push({ field: `field_mapping.${header}`, reason: 'names a column the file does not have' });
    } else if (
      !IGNORE.has(target.toLowerCase()) &&
      !target.startsWith('custom_fields.') &&
      !IMPORT_FIELDS.includes(target as ImportField)
    ) {
      errors.push({
        field: `field_mapping.${header}`,
        reason: `maps to unknown field "${target}" (${valid})`,
      });
    }
  }
  // The fields the mapping names are its columns' before any alias is read: a column recognised by its name
  // never takes a field from the one the user mapped to it.
  const taken = new Set<ImportField>(
    [...byHeader.values()].filter((t): t is ImportField => IMPORT_FIELDS.includes(t as ImportField)),
  );
  const mappedTo = new Set<ImportField>();
  const trimmed = new Set(headers.map((h) => h.trim()));
  const exported = EXPORT_SIGNATURE.every((h) => trimmed.has(h));
  const columns = headers.map((raw): ColumnTarget => {
    const header = raw.trim();
    const mapped = byHeader.get(header);
    if (mapped === undefined && exported && EXPORT_ONLY.has(header))
      return header === 'custom_fields' ? { kind: 'custom_json' } : { kind: 'ignore' };
    if (mapped !== undefined && IGNORE.has(mapped.toLowerCase())) return { kind: 'ignore' };
    if (mapped?.startsWith('custom_fields.'))
      return { kind: 'custom', key: mapped.slice('custom_fields.'.length) || header };
    if (mapped !== undefined && IMPORT_FIELDS.includes(mapped as ImportField)) {
      const field = mapped as ImportField;
      if (mappedTo.has(field)) return { kind: 'custom', key: header };
      mappedTo.add(field);
      return { kind: 'field', field, header };
    }
    const field = HEADER_ALIASES[normalizeHeader(header)];
    if (field && IMPORT_FIELDS.includes(field) && !taken.has(field)) {
      taken.add(field);
      return { kind: 'field', field, header };
    }
    return header ? { kind: 'custom', key: header } : { kind: 'ignore' };
  });
  return { columns, errors };
}
