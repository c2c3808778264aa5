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

const NEGLIGIBLE = 1e-13;

export class AbandonmentForecast {
  private readonly bins: number;
  private readonly top: number;
  private readonly fixed: number[][];
  private readonly freed: (number[] | null)[];
  /** Expected people from the ringing calls in flight (and per new call) ready before each bin. */
  private readonly ringingBefore: number[];
  private readonly freshBefore: number[];

  constructor(
    private readonly supply: AgentSupply,
    private readonly demand: Demand,
    private readonly fresh: number[],
  ) {
    const talkers = supply.expected.reduce((a, b) => a + b, 0);
    const known = supply.known.reduce((a, b) => a + b, 0);
    this.top = supply.idle + known + Math.ceil(talkers + 4 * Math.sqrt(talkers) + 1);
    this.fixed = demand.bernoulli.map(bernoulliPmf);
    this.freed = supply.expected.map((mean) => (mean > 1e-6 ? poissonPmf(mean) : null));
    this.ringingBefore = cumulativeBefore(demand.ringing);
    this.freshBefore = cumulativeBefore(fresh);
    // Nothing after the last bin where anyone can be ready adds to the loss.
    let last = 0;
    for (let k = 0; k < fresh.length; k++) {
      if (fresh[k] > 1e-9 || demand.ringing[k] > 1e-9 || demand.bernoulli[k].length > 0) last = k + 1;
    }
    this.bins = last;
  }

  /** Expected people abandoned over the horizon if `n` calls are placed now. */
  expected(n: number): number {
    const width = this.top + 1;
    const calls = this.demand.ringingCalls + n;
    let dist = new Float64Array((calls + 1) * width);
    let next = new Float64Array((calls + 1) * width);
    dist[Math.min(this.top, this.supply.idle)] = 1;
    let lost = 0;
    for (let k = 0; k < this.bins; k++) {
      const known = this.supply.known[k];
      if (known > 0) for (let m = 0; m <= calls; m++) shiftRow(dist, m * width, this.top, known);
      const freed = this.freed[k];
      if (freed) for (let m = 0; m <= calls; m++) convolveRow(dist, m * width, this.top, freed);
      const pending = calls - this.ringingBefore[k] - n * this.freshBefore[k];
      const rate = this.demand.ringing[k] + n * this.fresh[k];
      const hazard = pending > 1e-12 ? Math.min(1, rate / pending) : 0;
      const fixed = this.fixed[k];
      next.fill(0);
      for (let m = 0; m <= calls; m++) {
        const row = m * width;
        let binomial: number[] | null = null;
        for (let i = 0; i <= this.top; i++) {
          const p = dist[row + i];
          if (p < NEGLIGIBLE) continue;
          binomial ??= binomialPmf(calls - m, hazard);
          for (let x = 0; x < binomial.length; x++) {
            const px = p * binomial[x];
            if (px < NEGLIGIBLE) continue;
            const to = (m + x) * width;
            for (let y = 0; y < fixed.length; y++) {
              const q = px * fixed[y];
              const people = x + y;
              if (people > i) {
                lost += q * (people - i);
                next[to] += q;
              } else {
                next[to + i - people] += q;
              }
            }
          }
        }
      }
      [dist, next] = [next, dist];
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

/** P(X = 0..), X ~ Binomial(n, p), cut where what is left is negligible. */
function binomialPmf(n: number, p: number): number[] {
  if (n <= 0 || p <= 0) return [1];
  if (p >= 1) return [...new Array<number>(n).fill(0), 1];
  const pmf: number[] = [];
  let term = Math.pow(1 - p, n);
  let total = 0;
  const ratio = p / (1 - p);
  for (let x = 0; x <= n; x++) {
    pmf.push(term);
    total += term;
    if (1 - total < 1e-12 && x >= n * p) break;
    term = (term * (n - x) * ratio) / (x + 1);
  }
  return pmf;
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

/** Row i -> i + X, X ~ pmf, capped at the top (in place). */
function convolveRow(dist: Float64Array, row: number, top: number, pmf: number[]): void {
  const out = new Float64Array(top + 1);
  for (let i = 0; i <= top; i++) {
    const v = dist[row + i];
    if (v === 0) continue;
    for (let j = 0; j < pmf.length; j++) out[Math.min(top, i + j)] += v * pmf[j];
  }
  dist.set(out, row);
}
