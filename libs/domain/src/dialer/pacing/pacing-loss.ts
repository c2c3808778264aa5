/**
 * Expected abandoned people over the pacer's horizon, by a dynamic programme, bin by bin, over (the idle agents,
 * the people the ringing calls have reached so far). Each bin: agents come free (the known ends of wrap-up, a
 * Poisson number of talking agents); then people are ready: each answered call awaiting its AMD result (and each
 * person already waiting) is one chance; the ringing calls, those in flight and the `n` it would place, reach at
 * most one person each, so the ones not heard from yet reach a Binomial number, at the bin's pooled hazard (exact
 * when the calls are alike). People beyond the idle agents are abandoned.
 */
import { poissonPmf } from './pacing-math';
import type { AgentSupply, Demand } from './pacing-forecast';

/** Probabilities under this are dropped (the decisions compare losses of the order of 1e-3). */
const NEGLIGIBLE = 1e-10;

export class AbandonmentForecast {
  private readonly bins: number;
  private readonly top: number;
  private readonly fixed: number[][];
  private readonly freed: (number[] | null)[];
  /** Expected people from the ringing calls in flight (and per new call) ready before each bin. */
  private readonly ringingBefore: number[];
  private readonly freshBefore: number[];
  /** The people the answered calls (and those waiting) can bring at most. */
  private readonly fixedPeople: number;

  constructor(
    private readonly supply: AgentSupply,
    private readonly demand: Demand,
    private readonly fresh: number[],
  ) {
    const talkers = supply.expected.reduce((a, b) => a + b, 0);
    const known = supply.known.reduce((a, b) => a + b, 0);
    this.top = supply.idle + known + Math.ceil(talkers + 4 * Math.sqrt(talkers) + 1);
    this.fixed = demand.bernoulli.map(bernoulliPmf);
    this.fixedPeople = demand.bernoulli.reduce((sum, ps) => sum + ps.length, 0);
    this.freed = supply.expected.map((mean) => (mean > 1e-6 ? poissonPmf(mean) : null));
    this.ringingBefore = cumulativeBefore(demand.ringing);
    this.freshBefore = cumulativeBefore(fresh);
    // Nothing after the last bin where anyone can be ready adds to the loss.
    let last = 0;
    for (let k = 0; k < fresh.length; k++) {
      if (fresh[k] > 1e-4 || demand.ringing[k] > 1e-4 || demand.bernoulli[k].length > 0) last = k + 1;
    }
    this.bins = last;
  }

  /**
   * Expected people abandoned over the horizon if `n` calls are placed now; once past `enough` (when given), the
   * loss so far (the rest can only add to it).
   */
  expected(n: number, enough = Number.POSITIVE_INFINITY): number {
    // Nobody can be abandoned when every call in flight and placed could reach someone and still find an agent idle.
    if (this.demand.ringingCalls + n + this.fixedPeople <= this.supply.idle) return 0;
    const top = this.top;
    const width = top + 1;
    const calls = this.demand.ringingCalls + n;
    let dist = new Float64Array((calls + 1) * width);
    let next = new Float64Array((calls + 1) * width);
    const scratch = new Float64Array(width);
    // The rows (people reached so far) and columns (idle agents) with any probability.
    let lowRow = 0;
    let highRow = 0;
    let lowIdle = Math.min(top, this.supply.idle);
    let highIdle = lowIdle;
    dist[lowIdle] = 1;
    let lost = 0;
    for (let k = 0; k < this.bins; k++) {
      const known = this.supply.known[k];
      const freed = this.freed[k];
      for (let m = lowRow; m <= highRow; m++) {
        if (known > 0) shiftRow(dist, m * width, top, known);
        if (freed) convolveRow(dist, m * width, top, freed, scratch);
      }
      if (known > 0) {
        lowIdle = Math.min(top, lowIdle + known);
        highIdle = Math.min(top, highIdle + known);
      }
      if (freed) highIdle = Math.min(top, highIdle + freed.length - 1);
      const pending = calls - this.ringingBefore[k] - n * this.freshBefore[k];
      const rate = this.demand.ringing[k] + n * this.fresh[k];
      const hazard = pending > 1e-12 ? Math.min(1, rate / pending) : 0;
      const fixed = this.fixed[k];
      const binomials = new Binomials(hazard);
      let nextLow = calls;
      let nextHigh = 0;
      let nextLowIdle = top;
      let nextHighIdle = 0;
      for (let m = lowRow; m <= highRow; m++) {
        const row = m * width;
        let binomial: number[] | null = null;
        for (let i = lowIdle; i <= highIdle; i++) {
          const p = dist[row + i];
          if (p < NEGLIGIBLE) continue;
          binomial ??= binomials.pmf(calls - m);
          for (let x = 0; x < binomial.length; x++) {
            const px = p * binomial[x];
            if (px < NEGLIGIBLE) continue;
            const to = (m + x) * width;
            if (m + x < nextLow) nextLow = m + x;
            if (m + x > nextHigh) nextHigh = m + x;
            for (let y = 0; y < fixed.length; y++) {
              const q = px * fixed[y];
              const people = x + y;
              const left = people > i ? 0 : i - people;
              if (people > i) lost += q * (people - i);
              next[to + left] += q;
              if (left < nextLowIdle) nextLowIdle = left;
              if (left > nextHighIdle) nextHighIdle = left;
            }
          }
        }
      }
      // Cleared for its next use as `next` (what was negligible is dropped).
      for (let m = lowRow; m <= highRow; m++) dist.fill(0, m * width, (m + 1) * width);
      [dist, next] = [next, dist];
      if (nextLow > nextHigh || lost > enough) break;
      lowRow = nextLow;
      highRow = nextHigh;
      lowIdle = nextLowIdle;
      highIdle = nextHighIdle;
    }
    return lost;
  }
}

/** out[k] = the sum of xs before k. */
function cumulativeBefore(xs: number[]): number[] {
  const out = new Array<number>(xs.length).fill(0);
  for (let k = 1; k < xs.length; k++) out[k] = out[k - 1] + xs[k - 1];
  return out;
}

/** P(X = 0..), X ~ Binomial(n, p) for one p and any n, cut where what is left is negligible; kept per n. */
class Binomials {
  private readonly byN: number[][] = [];

  constructor(private readonly p: number) {}

  pmf(n: number): number[] {
    const p = this.p;
    if (n <= 0 || p <= 0) return [1];
    const known = this.byN[n];
    if (known) return known;
    const pmf: number[] = [];
    if (p >= 1) {
      for (let x = 0; x < n; x++) pmf.push(0);
      pmf.push(1);
    } else {
      let term = (1 - p) ** n;
      let total = 0;
      const ratio = p / (1 - p);
      for (let x = 0; x <= n; x++) {
        pmf.push(term);
        total += term;
        if (1 - total < NEGLIGIBLE && x >= n * p) break;
        term = (term * (n - x) * ratio) / (x + 1);
      }
    }
    this.byN[n] = pmf;
    return pmf;
  }
}

/** The distribution of the number of successes of independent Bernoulli trials. */
export function bernoulliPmf(ps: number[]): number[] {
  let pmf = [1];
  for (const p of ps) {
    const next = new Array<number>(pmf.length + 1).fill(0);
    for (let i = 0; i < pmf.length; i++) {
      next[i] += pmf[i] * (1 - p);
      next[i + 1] += pmf[i] * p;
    }
    pmf = next;
  }
  return pmf;
}

/** Row i -> i + by, capped at the top (in place). */
function shiftRow(dist: Float64Array, row: number, top: number, by: number): void {
  for (let i = top; i >= 0; i--) {
    const v = dist[row + i];
    if (v === 0) continue;
    dist[row + i] = 0;
    dist[row + Math.min(top, i + by)] += v;
  }
}

/** Row i -> i + X, X ~ pmf, capped at the top (in place, through `scratch`). */
function convolveRow(
  dist: Float64Array,
  row: number,
  top: number,
  pmf: number[],
  scratch: Float64Array,
): void {
  let any = false;
  scratch.fill(0);
  for (let i = 0; i <= top; i++) {
    const v = dist[row + i];
    if (v === 0) continue;
    any = true;
    for (let j = 0; j < pmf.length; j++) scratch[Math.min(top, i + j)] += v * pmf[j];
  }
  if (any) dist.set(scratch, row);
}
