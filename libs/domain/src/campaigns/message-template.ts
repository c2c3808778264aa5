import { INPUT_ALIASES } from '@app/common';

/**
 * `{{ field }}` or `{{ field | default text }}`; a field is a lead field, `custom_fields.<key>` or a custom field key,
 * which may hold spaces (an imported column's header as written: `{{Company Size}}`).
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_](?:[\w. -]*[\w.-])?)\s*(?:\|([^}]*))?\}\}/g;
/** Anything written as a placeholder. */
const BRACES = /\{\{[^{}]*\}\}/g;

/** Lead fields a template may name (seed 002's camelCase spellings map onto them through INPUT_ALIASES). */
export const LEAD_TEMPLATE_FIELDS = [
  'first_name',
  'last_name',
  'name',
  'email',
  'phone',
  'company',
  'position',
  'source',
  'type',
  'country',
  'value',
] as const;

const CUSTOM_PREFIXES = ['custom_fields.', 'custom.'];

/** What a template can be rendered from: the lead's columns and its custom fields. */
export interface TemplateLead {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  position?: string | null;
  source?: string | null;
  /** The lead's type, a short free-form label ("carrier"). */
  type?: string | null;
  country?: string | null;
  value?: number | string | null;
  custom_fields?: Record<string, unknown> | null;
}

export type TemplateField = { kind: 'lead'; name: string } | { kind: 'custom'; name: string };

/** The field a placeholder names: a lead field (aliases applied), else a custom field. */
export function resolveField(raw: string): TemplateField {
  const prefix = CUSTOM_PREFIXES.find((p) => raw.startsWith(p));
  if (prefix) return { kind: 'custom', name: raw.slice(prefix.length) };
  const name = INPUT_ALIASES[raw] ?? raw;
  if ((LEAD_TEMPLATE_FIELDS as readonly string[]).includes(name)) return { kind: 'lead', name };
  return { kind: 'custom', name: raw };
}

/** What a template writes as a placeholder that names no field (`{{}}`, `{{ 2nd line }}`): sent as written. */
export function malformedPlaceholders(text: string): string[] {
  return [...text.matchAll(BRACES)]
    .map((m) => m[0])
    .filter((written) => !new RegExp(`^${PLACEHOLDER.source}$`).test(written));
}

/**
 * Each `{{` a template opens and never closes (`Hi {{first_name`, `{{first_name}`): sent as written, never filled.
 * Answers the text from each such `{{` to the next space (at most 40 characters).
 */
export function unclosedPlaceholders(text: string): string[] {
  const rest = text.replace(BRACES, ' ');
  return [...rest.matchAll(/\{\{[^\s{]{0,38}/g)].map((m) => m[0]);
}

/**
 * The refusals of a template's placeholders that name no field or are never closed, for `field`: sent as written,
 * they would reach the lead as braces.
 */
export function placeholderIssues(field: string, text: string): { field: string; reason: string }[] {
  return [
    ...malformedPlaceholders(text).map((written) => ({
      field,
      reason: `has ${written}, which names no field (write {{field}} or {{field|default}}, e.g. {{first_name|there}})`,
    })),
    ...unclosedPlaceholders(text).map((written) => ({
      field,
      reason: `has ${written}, a placeholder never closed with }} (write {{field}} or {{field|default}}, e.g. {{first_name|there}})`,
    })),
  ];
}

/** Why a bare `{{name}}` is refused when no lead of the tenant has a custom field of that name. */
export function unknownFieldReason(name: string): string {
  return `names an unknown field {{${name}}}: neither a lead field (${LEAD_TEMPLATE_FIELDS.join(', ')}) nor a custom field of any lead (write {{custom_fields.${name}}} for a field leads will have)`;
}

/** What a template writes whatever the lead: its text with every placeholder (and its default) left out. */
export function fixedText(text: string): string {
  return text.replace(PLACEHOLDER, '');
}

/** Every field a template names, once each, in order of appearance. */
export function templateFields(text: string): TemplateField[] {
  const seen = new Map<string, TemplateField>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const field = resolveField(match[1]);
    seen.set(`${field.kind}:${field.name}`, field);
  }
  return [...seen.values()];
}

/**
 * The custom-field names of a template that must exist on some lead to be valid: `{{industry}}` names a custom
 * field the tenant's leads must have; `{{custom_fields.industry}}` says so explicitly and is always accepted.
 */
export function bareCustomFields(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const raw = match[1];
    if (CUSTOM_PREFIXES.some((p) => raw.startsWith(p))) continue;
    const field = resolveField(raw);
    if (field.kind === 'custom') names.add(field.name);
  }
  return [...names];
}

/**
 * A custom field as text: a list as its items joined ("a, b"); an object is no text a lead should read ("[object
 * Object]"), so it is empty and the placeholder's default applies.
 */
function customValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(customValue).filter(Boolean).join(', ');
  if (typeof value === 'object') return '';
  return String(value);
}

function fieldValue(lead: TemplateLead, field: TemplateField): string {
  if (field.kind === 'custom') return customValue(lead.custom_fields?.[field.name]);
  if (field.name === 'name') {
    return [lead.first_name, lead.last_name].filter((v) => v && v.trim()).join(' ');
  }
  const value = lead[field.name as keyof Omit<TemplateLead, 'custom_fields'>];
  return value === null || value === undefined ? '' : String(value);
}

/** The template with every placeholder filled from the lead; an empty value takes the placeholder's default. */
export function renderTemplate(text: string, lead: TemplateLead): string {
  return text.replace(PLACEHOLDER, (_, raw: string, fallback: string | undefined) => {
    const value = fieldValue(lead, resolveField(raw)).trim();
    return value || (fallback ?? '').trim();
  });
}
