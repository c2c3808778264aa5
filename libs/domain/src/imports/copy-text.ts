/** Values in PostgreSQL's COPY text format (tab-separated, `\N` for null, backslash escapes). */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return typeof value === 'number' ? String(value) : value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);
}

/** A text[] literal: every element quoted, so commas, braces and quotes inside elements survive. */
export function copyArray(values: string[] | null | undefined): string {
  if (!values) return '\\N';
  return copyValue(`{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

export function copyJson(value: unknown): string {
  return value === undefined || value === null ? '\\N' : copyValue(JSON.stringify(value));
}

export function copyLine(values: string[]): string {
  return `${values.join('\t')}\n`;
}
