/** The columns of the lead CSV: the export writes them, the template shows them, the import reads them. */
export const LEAD_CSV_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'country',
  'timezone',
  'company',
  'position',
  'source',
  'type',
  'value',
  'priority',
  'status',
  'tags',
  'notes',
] as const;

/** Read-only columns the export adds around the editable ones. */
export const LEAD_EXPORT_COLUMNS = [
  'id',
  ...LEAD_CSV_COLUMNS,
  'phone_normalized',
  'score',
  'classification',
  'qualification_status',
  'custom_fields',
  'owner_id',
  'do_not_call',
  'opted_out_channels',
  'created_at',
  'updated_at',
] as const;

export const LEAD_TEMPLATE_EXAMPLE: Record<(typeof LEAD_CSV_COLUMNS)[number], string> = {
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@example.com',
  phone: '+1 415 555 2671',
  country: 'US',
  timezone: '',
  company: 'Tech Startup',
  position: 'CTO',
  source: 'referral',
  type: 'carrier',
  value: '10000',
  priority: 'normal',
  status: 'new',
  tags: 'vip, q4',
  notes: 'Any other column becomes a custom field',
};

/** Numbers are written as they are; every other cell is guarded against spreadsheet formulas. */
const NUMBERS = new Set(['value', 'score']);
/** Phone columns legitimately start with "+" (and only so: a phone as written may start with "=" or "@"). */
const PHONES = new Set(['phone', 'phone_normalized']);
const FORMULA = /^[=+\-@\t\r]/;
const PHONE_FORMULA = /^[=\-@\t\r]/;

/**
 * A cell as it goes into a CSV: arrays joined with ", ", objects as JSON, dates in ISO-8601, and text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed with an apostrophe (OWASP CSV injection).
 */
export function csvCell(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  const text = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  if (NUMBERS.has(column)) return text;
  return (PHONES.has(column) ? PHONE_FORMULA : FORMULA).test(text) ? `'${text}` : text;
}

/**
 * A cell of a file being imported with the export's formula guard taken off (`'-john@example.com` is
 * `-john@example.com`), so that what an export wrote reads back as it was.
 */
export function unguardCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
