/** How deep a request body or query may nest: far beyond any of ours, far below what recursion survives. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Whether `value` nests objects or arrays deeper than `max` levels (walked without recursion). Only objects are
 * stacked, each beside its depth: a flat form (a provider's webhook) costs no allocation per field.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const objects: object[] = [value];
  const depths: number[] = [0];
  while (objects.length) {
    const v = objects.pop()!;
    const depth = depths.pop()!;
    if (depth >= max) return true;
    const children: unknown[] = Array.isArray(v) ? v : Object.values(v);
    for (const child of children) {
      if (child === null || typeof child !== 'object') continue;
      objects.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}
