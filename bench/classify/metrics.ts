/** Scores of a classifier over labelled replies: accuracy, macro-F1, per label, confusion, opt-outs, dates. */
import {
  REPLY_LABELS,
  type ReplyClassification,
  type ReplyLabel,
} from '../../libs/providers/src/llm/llm-tasks';
import type { LabelledReply } from './split';

export interface Prediction {
  reply: LabelledReply;
  output: ReplyClassification | null;
  /** The provider's error, when the call failed (counted as wrong). */
  error: string | null;
  ms: number;
}

export interface LabelScore {
  label: ReplyLabel;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Metrics {
  items: number;
  accuracy: number;
  macro_f1: number;
  per_label: LabelScore[];
  /** confusion[gold][predicted] */
  confusion: Record<ReplyLabel, Record<ReplyLabel | 'error', number>>;
  opt_out_recall: number;
  opt_outs: number;
  missed_opt_outs: number;
  false_opt_outs: number;
  return_date_accuracy: number | null;
  return_date_items: number;
  referral_accuracy: number | null;
  referral_items: number;
  per_language: Record<string, { items: number; accuracy: number }>;
  errors: number;
  ms_mean: number;
  ms_p95: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const round = (n: number) => Math.round(n * 1000) / 1000;

export function score(predictions: Prediction[]): Metrics {
  const confusion = Object.fromEntries(
    REPLY_LABELS.map((g) => [g, Object.fromEntries([...REPLY_LABELS, 'error'].map((p) => [p, 0]))]),
  ) as Metrics['confusion'];
  let correct = 0;
  const languages: Record<string, { items: number; correct: number }> = {};
  for (const p of predictions) {
    const predicted = p.output?.label ?? 'error';
    confusion[p.reply.label][predicted]++;
    const ok = predicted === p.reply.label;
    if (ok) correct++;
    const lang = (languages[p.reply.lang] ??= { items: 0, correct: 0 });
    lang.items++;
    if (ok) lang.correct++;
  }
  const labels = REPLY_LABELS.filter(
    (l) => predictions.some((p) => p.reply.label === l) || predictions.some((p) => p.output?.label === l),
  );
  const perLabel = labels.map((label): LabelScore => {
    const support = predictions.filter((p) => p.reply.label === label).length;
    const predicted = predictions.filter((p) => p.output?.label === label).length;
    const tp = predictions.filter((p) => p.reply.label === label && p.output?.label === label).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, support, predicted, precision: round(precision), recall: round(recall), f1: round(f1) };
  });
  const optOuts = predictions.filter((p) => p.reply.label === 'unsubscribe');
  const caught = optOuts.filter((p) => p.output?.label === 'unsubscribe').length;
  const falseOptOuts = predictions.filter(
    (p) => p.reply.label !== 'unsubscribe' && p.output?.label === 'unsubscribe',
  );
  const dated = predictions.filter((p) => p.reply.label === 'out_of_office');
  const datesRight = dated.filter((p) => (p.output?.return_date ?? null) === p.reply.return_date).length;
  const referred = predictions.filter((p) => p.reply.label === 'wrong_person' && p.reply.referral);
  const referralsRight = referred.filter((p) =>
    sameReferral(p.reply.referral, p.output?.referral ?? null),
  ).length;
  const times = predictions.map((p) => p.ms).sort((a, b) => a - b);
  return {
    items: predictions.length,
    accuracy: round(ratio(correct, predictions.length)),
    macro_f1: round(
      ratio(
        perLabel.reduce((s, l) => s + l.f1, 0),
        perLabel.length,
      ),
    ),
    per_label: perLabel,
    confusion,
    opt_out_recall: round(optOuts.length ? ratio(caught, optOuts.length) : 1),
    opt_outs: optOuts.length,
    missed_opt_outs: optOuts.length - caught,
    false_opt_outs: falseOptOuts.length,
    return_date_accuracy: dated.length ? round(ratio(datesRight, dated.length)) : null,
    return_date_items: dated.length,
    referral_accuracy: referred.length ? round(ratio(referralsRight, referred.length)) : null,
    referral_items: referred.length,
    per_language: Object.fromEntries(
      Object.entries(languages)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([lang, v]) => [lang, { items: v.items, accuracy: round(ratio(v.correct, v.items)) }]),
    ),
    errors: predictions.filter((p) => p.error).length,
    ms_mean: round(
      ratio(
        times.reduce((a, b) => a + b, 0),
        times.length,
      ),
    ),
    ms_p95: round(times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0),
  };
}

/** A referral matches when every field the gold names is found (case-insensitive; phones by their digits). */
function sameReferral(gold: LabelledReply['referral'], got: ReplyClassification['referral']): boolean {
  if (!gold) return got === null;
  if (!got) return false;
  const norm = (s: string | null) => (s ?? '').trim().toLowerCase();
  const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');
  if (gold.email && norm(gold.email) !== norm(got.email)) return false;
  if (gold.phone && digits(gold.phone) !== digits(got.phone)) return false;
  if (gold.name && !norm(gold.name).includes(norm(got.name)) && !norm(got.name).includes(norm(gold.name)))
    return false;
  if (gold.name && !got.name) return false;
  return true;
}
