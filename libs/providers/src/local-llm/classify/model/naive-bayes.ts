/**
 * A small multinomial naive Bayes over binary feature sets (each feature counts once per document), with additive
 * smoothing. Trained at build time (`npm run classify:train`), stored as compact JSON, read synchronously.
 * Deterministic: training sorts features, prediction sums in a fixed order.
 */

/** The stored model: per feature, how many training documents of each label contained it. */
export interface NaiveBayesModel {
  kind: 'naive-bayes';
  version: 1;
  labels: string[];
  alpha: number;
  /** Training documents per label. */
  docs: number[];
  /** Feature occurrences per label (the multinomial's denominators, before smoothing). */
  totals: number[];
  /** [feature, count for labels[0], count for labels[1], …], sorted by feature. */
  features: Array<[string, ...number[]]>;
}

export interface TrainingDocument {
  features: string[];
  label: string;
}

export interface TrainOptions {
  alpha?: number;
  /** A feature is kept when at least this many documents contain it. */
  minDocs?: number;
}

export function trainNaiveBayes(
  documents: TrainingDocument[],
  labels: readonly string[],
  options: TrainOptions = {},
): NaiveBayesModel {
  const alpha = options.alpha ?? 0.5;
  const minDocs = options.minDocs ?? 2;
  const index = new Map(labels.map((l, i) => [l, i]));
  const docs = labels.map(() => 0);
  const counts = new Map<string, number[]>();
  for (const doc of documents) {
    const li = index.get(doc.label);
    if (li === undefined) throw new Error(`unknown label ${doc.label}`);
    docs[li]++;
    for (const f of new Set(doc.features)) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = labels.map(() => 0)));
      row[li]++;
    }
  }
  const features: NaiveBayesModel['features'] = [...counts.entries()]
    .filter(([, row]) => row.reduce((a, b) => a + b, 0) >= minDocs)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([f, row]) => [f, ...row]);
  const totals = labels.map((_, li) => features.reduce((sum, row) => sum + (row[li + 1] as number), 0));
  return { kind: 'naive-bayes', version: 1, labels: [...labels], alpha, docs, totals, features };
}

/** A model ready to score: log-likelihoods per feature and label, computed once. */
export class NaiveBayesClassifier {
  readonly labels: string[];
  private readonly logPrior: number[];
  private readonly logLikelihood = new Map<string, Float64Array>();

  constructor(model: NaiveBayesModel) {
    if (model.kind !== 'naive-bayes' || model.version !== 1) throw new Error('not a naive Bayes model v1');
    const n = model.labels.length;
    const vocabulary = model.features.length;
    const allDocs = model.docs.reduce((a, b) => a + b, 0);
    this.labels = model.labels;
    this.logPrior = model.docs.map((d) => Math.log((d + 1) / (allDocs + n)));
    const denominators = model.totals.map((t) => Math.log(t + model.alpha * vocabulary));
    for (const [feature, ...row] of model.features) {
      const ll = new Float64Array(n);
      for (let li = 0; li < n; li++) ll[li] = Math.log(row[li] + model.alpha) - denominators[li];
      this.logLikelihood.set(feature, ll);
    }
  }

  /**
   * Posterior probabilities by label (summing to 1); features unknown to the model are ignored. A `temperature`
   * above 1 flattens them (naive Bayes counts correlated features as independent evidence, so its raw posteriors
   * are overconfident).
   */
  predict(
    features: string[],
    temperature = 1,
    weightOf?: (feature: string) => number,
  ): Record<string, number> {
    const scores = Float64Array.from(this.logPrior);
    for (const f of new Set(features)) {
      const ll = this.logLikelihood.get(f);
      if (!ll) continue;
      const w = weightOf ? weightOf(f) : 1;
      for (let li = 0; li < scores.length; li++) scores[li] += w * ll[li];
    }
    const max = Math.max(...scores);
    const exp = Array.from(scores, (s) => Math.exp((s - max) / temperature));
    const sum = exp.reduce((a, b) => a + b, 0);
    return Object.fromEntries(this.labels.map((l, li) => [l, exp[li] / sum]));
  }
}
