import { NaiveBayesClassifier, trainNaiveBayes, type NaiveBayesModel } from './naive-bayes';

const LABELS = ['yes', 'no', 'maybe'] as const;
const DOCS = [
  { features: ['w:sure', 'w:great', 'w:great'], label: 'yes' },
  { features: ['w:sure', 'w:send'], label: 'yes' },
  { features: ['w:no', 'w:thanks'], label: 'no' },
  { features: ['w:no', 'w:never'], label: 'no' },
  { features: ['w:later', 'w:thanks'], label: 'maybe' },
  { features: ['w:once'], label: 'maybe' },
];

const top = (p: Record<string, number>) => Object.entries(p).sort((a, b) => b[1] - a[1])[0][0];

describe('trainNaiveBayes', () => {
  const model = trainNaiveBayes(DOCS, LABELS, { alpha: 0.5, minDocs: 1 });

  it('counts each feature once per document, by label, and keeps the labels in order', () => {
    expect(model).toMatchObject({
      kind: 'naive-bayes',
      version: 1,
      labels: ['yes', 'no', 'maybe'],
      alpha: 0.5,
    });
    expect(model.docs).toEqual([2, 2, 2]);
    const row = (f: string) => model.features.find(([name]) => name === f)?.slice(1);
    expect(row('w:great')).toEqual([1, 0, 0]);
    expect(row('w:sure')).toEqual([2, 0, 0]);
    expect(row('w:thanks')).toEqual([0, 1, 1]);
    expect(model.totals).toEqual([4, 4, 3]);
  });

  it('sorts the features and drops those seen in fewer documents than minDocs', () => {
    const pruned = trainNaiveBayes(DOCS, LABELS, { minDocs: 2 });
    expect(pruned.features.map(([f]) => f)).toEqual(['w:no', 'w:sure', 'w:thanks']);
    const names = model.features.map(([f]) => f);
    expect(names).toEqual([...names].sort());
  });

  it('refuses a document with an unknown label', () => {
    expect(() => trainNaiveBayes([{ features: ['w:x'], label: 'other' }], LABELS)).toThrow('unknown label');
  });
});

describe('NaiveBayesClassifier', () => {
  const model = trainNaiveBayes(DOCS, LABELS, { alpha: 0.5, minDocs: 1 });
  const nb = new NaiveBayesClassifier(model);

  it('answers probabilities over every label that sum to 1, the likeliest first', () => {
    const p = nb.predict(['w:sure', 'w:great']);
    expect(Object.keys(p)).toEqual(['yes', 'no', 'maybe']);
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(top(p)).toBe('yes');
    expect(top(nb.predict(['w:never', 'w:no']))).toBe('no');
    expect(top(nb.predict(['w:later', 'w:once']))).toBe('maybe');
  });

  it('ignores unknown features and repeated ones (the priors decide an empty text)', () => {
    expect(nb.predict(['w:zebra'])).toEqual(nb.predict([]));
    expect(nb.predict(['w:no', 'w:no', 'w:no'])).toEqual(nb.predict(['w:no']));
    const p = nb.predict([]);
    expect(p.yes).toBeCloseTo(1 / 3, 10);
  });

  it('is flattened by a temperature and sharpened by a feature weight', () => {
    const sharp = nb.predict(['w:sure']);
    const flat = nb.predict(['w:sure'], 5);
    expect(flat.yes).toBeLessThan(sharp.yes);
    expect(top(flat)).toBe('yes');
    const weighted = nb.predict(['w:sure'], 1, (f) => (f === 'w:sure' ? 3 : 1));
    expect(weighted.yes).toBeGreaterThan(sharp.yes);
  });

  it('reads the same model back from JSON and predicts the same, every time', () => {
    const copy = new NaiveBayesClassifier(JSON.parse(JSON.stringify(model)) as NaiveBayesModel);
    const features = ['w:thanks', 'w:later'];
    expect(copy.predict(features)).toEqual(nb.predict(features));
    expect(nb.predict(features)).toEqual(nb.predict(features));
  });

  it('refuses something that is not a naive Bayes model', () => {
    expect(
      () => new NaiveBayesClassifier({ ...model, kind: 'other' } as unknown as NaiveBayesModel),
    ).toThrow();
  });
});
