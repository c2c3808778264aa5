/** The few distributions the pacer needs: normal and log-normal CDFs, and a truncated Poisson. Pure. */

/** Φ(z), the standard normal CDF (Abramowitz & Stegun 7.1.26, error under 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** A positive duration described by its mean and sd, modelled as log-normal (a point mass when the sd is 0). */
export interface Duration {
  /** P(duration <= t). */
  cdf(t: number): number;
  mean: number;
}

/** sigma² = ln(1 + sd²/mean²), mu = ln(mean) − sigma²/2. */
export function logNormalDuration(mean: number, sd: number): Duration {
  const m = Math.max(0, mean);
  if (m === 0) return { mean: 0, cdf: (t) => (t >= 0 ? 1 : 0) };
  if (!(sd > 0)) return { mean: m, cdf: (t) => (t >= m ? 1 : 0) };
  const sigma2 = Math.log(1 + (sd * sd) / (m * m));
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(m) - sigma2 / 2;
  return { mean: m, cdf: (t) => (t <= 0 ? 0 : normalCdf((Math.log(t) - mu) / sigma)) };
}

/** The smallest whole second `t` (up to `limit`) with `cdf(t * 1000) >= p`. */
export function quantileSeconds(d: Duration, p: number, limit: number): number {
  for (let t = 0; t < limit; t++) if (d.cdf(t * 1000) >= p) return t;
  return limit;
}

/** P(X = 0..k) of a Poisson of mean `mean`, cut where the tail left is under `epsilon` (always at least k = 0). */
export function poissonPmf(mean: number, epsilon = 1e-7): number[] {
  if (!(mean > 0)) return [1];
  const pmf: number[] = [];
  let p = Math.exp(-mean);
  let total = 0;
  for (let k = 0; k < 200; k++) {
    pmf.push(p);
    total += p;
    if (1 - total < epsilon && k >= mean) break;
    p = (p * mean) / (k + 1);
  }
  return pmf;
}
