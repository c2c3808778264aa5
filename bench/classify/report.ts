/** Plain-text tables of the classification metrics, shared by classify:dev and bench:classify. */
import { REPLY_LABELS } from '../../libs/providers/src/llm/llm-tasks';
import { score, type Metrics, type Prediction } from './metrics';

const SHORT: Record<string, string> = {
  interested: 'int',
  meeting_request: 'meet',
  question: 'ques',
  not_now: 'later',
  not_interested: 'notint',
  out_of_office: 'ooo',
  wrong_person: 'wrong',
  unsubscribe: 'unsub',
  neutral: 'neut',
  error: 'err',
};

const pct = (n: number | null) => (n === null ? 'n/a' : `${(n * 100).toFixed(1)} %`);

export function summaryLines(name: string, m: Metrics): string[] {
  return [
    `${name}: ${m.items} replies, accuracy ${pct(m.accuracy)}, macro-F1 ${m.macro_f1.toFixed(3)}`,
    `  opt-outs: recall ${pct(m.opt_out_recall)} (${m.opt_outs - m.missed_opt_outs}/${m.opt_outs}), false opt-outs ${m.false_opt_outs}`,
    `  return dates: ${pct(m.return_date_accuracy)} of ${m.return_date_items} out-of-office replies; referrals: ${pct(m.referral_accuracy)} of ${m.referral_items}`,
    `  per language: ${Object.entries(m.per_language)
      .map(([lang, v]) => `${lang} ${pct(v.accuracy)} (${v.items})`)
      .join(', ')}`,
    `  time per reply: mean ${m.ms_mean.toFixed(3)} ms, p95 ${m.ms_p95.toFixed(3)} ms${m.errors ? `, ${m.errors} errors` : ''}`,
  ];
}

export function perLabelLines(m: Metrics): string[] {
  return [
    '  label            support  pred  precision  recall    F1',
    ...m.per_label.map(
      (l) =>
        `  ${l.label.padEnd(16)} ${String(l.support).padStart(7)} ${String(l.predicted).padStart(5)} ${l.precision.toFixed(3).padStart(10)} ${l.recall.toFixed(3).padStart(7)} ${l.f1.toFixed(3).padStart(5)}`,
    ),
  ];
}

export function confusionLines(m: Metrics): string[] {
  const columns = [...REPLY_LABELS, 'error'] as const;
  const used = columns.filter((c) => c !== 'error' || REPLY_LABELS.some((g) => m.confusion[g].error > 0));
  const header = `  gold \\ predicted ${used.map((c) => SHORT[c].padStart(7)).join('')}`;
  const rows = REPLY_LABELS.filter((g) => used.some((c) => m.confusion[g][c] > 0)).map(
    (g) => `  ${g.padEnd(16)} ${used.map((c) => String(m.confusion[g][c] || '.').padStart(7)).join('')}`,
  );
  return [header, ...rows];
}

/** The wrong answers, one line each (dev only). */
export function mistakeLines(predictions: Prediction[]): string[] {
  return predictions
    .filter(
      (p) =>
        p.output?.label !== p.reply.label ||
        (p.reply.label === 'out_of_office' && (p.output?.return_date ?? null) !== p.reply.return_date),
    )
    .map((p) => {
      const got = p.output
        ? `${p.output.label}${p.output.return_date ? ` ${p.output.return_date}` : ''}`
        : `error ${p.error}`;
      const want = `${p.reply.label}${p.reply.return_date ? ` ${p.reply.return_date}` : ''}`;
      const text = p.reply.text.replace(/\s+/g, ' ').slice(0, 160);
      return `  ${p.reply.id} [${p.reply.lang}] want ${want}, got ${got} — ${p.output?.reason ?? ''}\n      "${text}"`;
    });
}

/** Wrong-person replies whose referral was not found as labelled (dev only). */
export function referralLines(predictions: Prediction[]): string[] {
  return predictions
    .filter((p) => p.reply.label === 'wrong_person' && p.reply.referral)
    .filter((p) => JSON.stringify(p.reply.referral) !== JSON.stringify(p.output?.referral ?? null))
    .map(
      (p) =>
        `  ${p.reply.id} want ${JSON.stringify(p.reply.referral)}, got ${JSON.stringify(p.output?.referral ?? null)}\n      "${p.reply.text.replace(/\s+/g, ' ').slice(0, 200)}"`,
    );
}

/** One line per source file (replies-en / -multi / -extra): items, accuracy, macro-F1 and the opt-out figures. */
export function perSourceLines(predictions: Prediction[]): string[] {
  const sources = [...new Set(predictions.map((p) => p.reply.source))].sort();
  return [
    '  per file:',
    ...sources.map((source) => {
      const m = score(predictions.filter((p) => p.reply.source === source));
      return (
        `    ${source.padEnd(15)} ${String(m.items).padStart(4)} replies, accuracy ${pct(m.accuracy)}, ` +
        `macro-F1 ${m.macro_f1.toFixed(3)}, opt-outs ${m.opt_outs - m.missed_opt_outs}/${m.opt_outs}, ` +
        `false opt-outs ${m.false_opt_outs}`
      );
    }),
  ];
}
