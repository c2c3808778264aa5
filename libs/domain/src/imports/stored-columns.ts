import type { ColumnTarget } from './header-mapping';

/** What a stored value is, for the error that refuses it. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * An import's column mapping as its run reads it back (lead_imports.columns, a list written by the upload). One that
 * is not a list cannot be read by any version of the code: the run fails with this error, which the import keeps.
 */
export function storedColumns(columns: unknown): ColumnTarget[] {
  if (!Array.isArray(columns))
    throw new Error(`The import's stored column mapping is not a list (it is ${kindOf(columns)})`);
  return columns as ColumnTarget[];
}
