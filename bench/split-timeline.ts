/**
 * A split batch's timeline (import-batch.ts BatchSplit) from the wall times of each connection's statements, for
 * bench/import-merge-cpu.ts --split: when each phase of each half ends, on average over the batches, and how much of
 * a batch's time both backends, one, or none had a statement in flight.
 */

/** A statement's wall time on one connection: from its call until its result (a COPY's stream finished). */
export interface Span {
  label: string;
  from: number;
  to: number;
}

/** A phase ends where the first statement starting with `at` starts (`from`) or ends (`to`). */
type Mark = [name: string, at: string, end: 'from' | 'to'];

const OWN_MARKS: Mark[] = [
  ['staged', 'ANALYZE', 'from'],
  ['locked', "UPDATE import_batch b SET outcome = 'dnc'", 'from'],
  ['looked up', 'UPDATE import_batch b SET outcome = CASE WHEN f.dnc', 'from'],
  ['decided', 'WITH tenant AS', 'from'],
  ['written', "SELECT set_config('session_replication_role', 'origin'", 'to'],
  ['committed', 'COMMIT', 'to'],
];

const SECOND_MARKS: Mark[] = [
  ['staged', 'COPY', 'to'],
  ['locked', "UPDATE import_batch b SET outcome = 'dnc'", 'from'],
  ['looked up', 'SELECT coalesce(array_agg(row)', 'to'],
  ['told', "UPDATE import_batch b SET outcome = 'decided'", 'from'],
  ['written', "SELECT set_config('session_replication_role', 'origin'", 'to'],
  ['committed', 'COMMIT', 'to'],
];

/** Each transaction's statements, BEGIN to COMMIT. */
function transactions(spans: Span[]): Span[][] {
  const out: Span[][] = [];
  let open = false;
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    if (span.label === 'BEGIN') {
      open = true;
      out.push([]);
    }
    if (open) out[out.length - 1].push(span);
    if (span.label === 'COMMIT') open = false;
  }
  return out.filter((tx) => tx[tx.length - 1].label === 'COMMIT');
}

/** The time covered by a set of spans (overlaps counted once), as sorted disjoint intervals. */
function union(spans: Span[]): [number, number][] {
  const out: [number, number][] = [];
  for (const { from, to } of [...spans].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

const length = (intervals: [number, number][]) => intervals.reduce((sum, [a, b]) => sum + b - a, 0);

function intersection(a: [number, number][], b: [number, number][]): number {
  let sum = 0;
  for (const [a0, a1] of a) for (const [b0, b1] of b) sum += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  return sum;
}

function marks(tx: Span[], list: Mark[], start: number): number[] {
  return list.map(([, at, end]) => {
    const span = tx.find((s) => s.label.startsWith(at));
    return span ? span[end] - start : NaN;
  });
}

/** Lines that describe the split batches' timelines (the own connection's batches that had a second half). */
export function splitTimeline(own: Span[], second: Span[]): string[] {
  const owns = transactions(own);
  const seconds = transactions(second);
  // The batches too small to split ran on the own connection alone: pair the last ones with the second's.
  const paired = owns.slice(owns.length - seconds.length);
  if (!seconds.length) return [];
  const sums = { own: OWN_MARKS.map(() => 0), second: SECOND_MARKS.map(() => 0), both: 0, one: 0, none: 0 };
  paired.forEach((tx, i) => {
    const start = tx[0].from;
    const window = tx[tx.length - 1].to - start;
    marks(tx, OWN_MARKS, start).forEach((ms, j) => (sums.own[j] += ms));
    marks(seconds[i], SECOND_MARKS, start).forEach((ms, j) => (sums.second[j] += ms));
    const a = union(tx);
    const b = union(seconds[i]);
    const both = intersection(a, b);
    const any = length(a) + length(b) - both;
    sums.both += both;
    sums.one += any - both;
    sums.none += window - any;
  });
  const n = paired.length;
  const phases = (list: Mark[], ms: number[]) =>
    list.map(([name], j) => `${name} ${(ms[j] / n).toFixed(1)}`).join(', ');
  const total = sums.both + sums.one + sums.none;
  const share = (ms: number) => `${((ms / total) * 100).toFixed(1)} %`;
  return [
    `split batches' timelines (${n}, ms from the batch's BEGIN, means; wall times):`,
    `  own connection:    ${phases(OWN_MARKS, sums.own)}`,
    `  second connection: ${phases(SECOND_MARKS, sums.second)}`,
    `  a statement in flight on both connections ${share(sums.both)}, on one ${share(sums.one)}, ` +
      `on none ${share(sums.none)} of the batches' time`,
  ];
}
