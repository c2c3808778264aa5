import { FieldIssue, invalidInput } from '@app/common';

/**
 * A report's window as a query sends it: `date_from`/`date_to`, or `from`/`to` (the AI report's first spelling), in
 * any mix. Every report route takes both.
 */
export interface ReportBounds {
  date_from?: string;
  date_to?: string;
  from?: string;
  to?: string;
}

/** Each bound as sent in either spelling, with the name a problem is told by; both spellings differing: 400. */
export function spelledBounds(q: ReportBounds): {
  bounds: { from?: string; to?: string };
  fields: { from: string; to: string };
} {
  const conflicts: FieldIssue[] = [];
  const read = (ours: 'date_from' | 'date_to', other: 'from' | 'to') => {
    if (q[ours] !== undefined && q[other] !== undefined && q[ours] !== q[other])
      conflicts.push({
        field: ours,
        reason: `and ${other} (its other spelling) have different values: send one`,
      });
    return q[ours] !== undefined || q[other] === undefined
      ? { value: q[ours], field: ours }
      : { value: q[other], field: other };
  };
  const from = read('date_from', 'from');
  const to = read('date_to', 'to');
  if (conflicts.length) throw invalidInput(conflicts);
  return { bounds: { from: from.value, to: to.value }, fields: { from: from.field, to: to.field } };
}
