/**
 * classify:dev — the tuning tool (issue 7, "Quality"): the local provider over the DEV half of the labelled
 * replies only (sha256(text) first byte even). Prints accuracy, macro-F1, per-label precision and recall, the
 * confusion matrix, opt-out recall and false opt-outs, return-date accuracy and every misclassified dev reply.
 * The test half is never loaded here.
 * The built-in model was trained on this same half (npm run classify:train), so these figures are a fit, not an
 * estimate: `--cv` gives the estimate to optimise — k-fold cross-validation over the dev half, each fold classified
 * by the rules with a model trained on the other folds only.
 * `--cv-by source` gives a harder one (grouped-cv.ts): each original source held out whole, the model trained on
 * the other sources without the paraphrase probes; it adds the model-alone figures on the same replies.
 *   npm run classify:dev [-- --quiet] [-- --file replies-extra] [-- --cv [k]] [-- --cv-by source] [-- --no-model]
 *     --quiet: no list of mistakes; --file: only that data file's dev half ("extra" is enough);
 *     --cv: k-fold cross-validation (k = 5 unless given; with --file the model still trains on every file's dev folds);
 *     --cv-by source: grouped cross-validation over the original sources (with --file, only that source's figures);
 *     --no-model: the rules alone, without the trained fallback (for comparison)
 */
import { LocalLlmProvider } from '../../libs/providers/src/local-llm';
import { classifyAll, crossValidate } from './cross-validate';
import { evaluate } from './evaluate';
import { crossValidateBySource } from './grouped-cv';
import { warmUp } from './warm-up';
import { score, type Metrics, type Prediction } from './metrics';
import {
  confusionLines,
  mistakeLines,
  perLabelLines,
  perSourceLines,
  referralLines,
  summaryLines,
} from './report';
import { loadHalf, sourceName } from './split';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The value after `--name` on the command line, or null. */
function option(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  return value && !value.startsWith('--') ? value : null;
}

const cvFolds = (): number | null =>
  process.argv.includes('--cv') ? Math.max(2, Number(option('cv') ?? 5) || 5) : null;

const headline = (m: Metrics) => ({
  accuracy: m.accuracy,
  macro_f1: m.macro_f1,
  opt_out_recall: m.opt_out_recall,
  false_opt_outs: m.false_opt_outs,
});

async function main(): Promise<void> {
  const file = option('file');
  const k = cvFolds();
  const bySource = option('cv-by') === 'source';
  if (process.argv.includes('--cv-by') && !bySource) throw new Error('--cv-by takes "source"');
  const { replies, skipped } = loadHalf('dev');
  if (skipped.length) say(`skipped ${skipped.length} invalid lines: ${skipped.slice(0, 10).join(', ')}`);
  if (!replies.length) throw new Error('no dev replies in bench/classify/data/*.jsonl');
  const local = new LocalLlmProvider();
  const warm = await warmUp(local);
  say(
    `warm-up: ${warm.calls} calls on the unit tests' own examples (first call ${warm.firstCallMs.toFixed(1)} ms)`,
  );
  const wanted = file ? sourceName(file) : null;
  const rulesOnly = process.argv.includes('--no-model');
  const mine = replies.filter((r) => !wanted || r.source === wanted);
  const grouped = bySource && !rulesOnly ? await crossValidateBySource(replies) : null;
  const all = rulesOnly
    ? await classifyAll(mine, null)
    : grouped
      ? grouped.predictions
      : k
        ? await crossValidate(replies, k)
        : await evaluate(local, mine);
  const predictions = all.filter((p) => !wanted || p.reply.source === wanted);
  if (!predictions.length) throw new Error(`no dev replies in ${file}`);
  const metrics = score(predictions);
  const how = rulesOnly
    ? ', rules alone'
    : grouped
      ? ', each original source held out (grouped cross-validation)'
      : k
        ? `, ${k}-fold cross-validation`
        : '';
  const mineOnly = (list: Prediction[]) => list.filter((p) => !wanted || p.reply.source === wanted);
  const alone = grouped ? score(mineOnly(grouped.modelAlone)) : null;
  const silent = grouped ? score(mineOnly(grouped.rulesSilent)) : null;
  const name = `local provider, dev half${wanted ? ` of ${wanted}` : ''}${how}`;
  for (const line of [
    ...summaryLines(name, metrics),
    ...perSourceLines(predictions),
    '',
    ...perLabelLines(metrics),
    '',
    ...confusionLines(metrics),
    ...(alone && silent
      ? [
          '',
          ...summaryLines('the fold models alone, same replies', alone).slice(0, 2),
          ...summaryLines('as if no rule had fired (the fold model given no rule signal)', silent).slice(
            0,
            2,
          ),
          ...perLabelLines(silent),
        ]
      : []),
  ])
    say(line);
  if (!process.argv.includes('--quiet')) {
    const mistakes = mistakeLines(predictions);
    say('');
    say(`mistakes (${mistakes.length}):`);
    mistakes.forEach(say);
    const referrals = referralLines(predictions);
    say('');
    say(`referrals not matching exactly (${referrals.length}):`);
    referrals.forEach(say);
  }
  say(
    JSON.stringify({
      bench: 'classify-dev',
      file: wanted,
      cv_folds: rulesOnly ? null : k,
      cv_by: grouped ? 'source' : null,
      rules_only: rulesOnly,
      figures: {
        items: metrics.items,
        accuracy: metrics.accuracy,
        macro_f1: metrics.macro_f1,
        opt_out_recall: metrics.opt_out_recall,
        false_opt_outs: metrics.false_opt_outs,
        return_date_accuracy: metrics.return_date_accuracy,
      },
      model_alone: alone && headline(alone),
      rules_silent: silent && headline(silent),
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
