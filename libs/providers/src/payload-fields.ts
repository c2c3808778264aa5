/** Readers of a provider payload's untyped fields, for the webhook parsers. */

/** An object field (not a list); anything else is absent. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The objects of a list field; a field that is no list, and entries that are no objects, are left out. */
export function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter((v) => objectOf(v) !== undefined) as T[]) : [];
}
