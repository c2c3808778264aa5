/** Values in PostgreSQL's COPY text format (tab-separated, `\N` for null, backslash escapes). */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/;
const ARRAY_SPECIAL = /[\\"]/;

export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  // Most values need no escape: they are returned as they are, with no replace to run.
  return SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : value;
}

/** A text[] literal: every element quoted, so commas, braces and quotes inside elements survive. */
export function copyArray(values: string[] | null | undefined): string {
  if (!values) return '\\N';
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    literal += `${i ? ',' : ''}"${ARRAY_SPECIAL.test(v) ? v.replace(/[\\"]/g, (c) => `\\${c}`) : v}"`;
  }
  return copyValue(`${literal}}`);
}

export function copyJson(value: unknown): string {
  return value === undefined || value === null ? '\\N' : copyValue(JSON.stringify(value));
}

export function copyLine(values: string[]): string {
  return `${values.join('\t')}\n`;
}
