/**
 * classify:dev — the tuning tool (issue 7, "Quality"): the local provider over the DEV half of the labelled
 * replies only (sha256(text) first byte even). Prints accuracy, macro-F1, per-label precision and recall, the
 * confusion matrix, opt-out recall and false opt-outs, return-date accuracy and every misclassified dev reply.
 * The test half is never loaded here.
 *   npm run classify:dev [-- --quiet]   (--quiet: no list of mistakes)
 */
import { LocalLlmProvider } from '../../libs/providers/src/local-llm';
import { evaluate } from './evaluate';
import { warmUp } from './warm-up';
import { score } from './metrics';
import { confusionLines, mistakeLines, perLabelLines, referralLines, summaryLines } from './report';
import { loadHalf } from './split';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { replies, skipped } = loadHalf('dev');
  if (skipped.length) say(`skipped ${skipped.length} invalid lines: ${skipped.slice(0, 10).join(', ')}`);
  if (!replies.length) throw new Error('no dev replies in bench/classify/data/*.jsonl');
  const local = new LocalLlmProvider();
  const warm = await warmUp(local);
  say(
    `warm-up: ${warm.calls} calls on the unit tests' own examples (first call ${warm.firstCallMs.toFixed(1)} ms)`,
  );
  const predictions = await evaluate(local, replies);
  const metrics = score(predictions);
  for (const line of [
    ...summaryLines('local provider, dev half', metrics),
    '',
    ...perLabelLines(metrics),
    '',
    ...confusionLines(metrics),
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
      figures: {
        items: metrics.items,
        accuracy: metrics.accuracy,
        macro_f1: metrics.macro_f1,
        opt_out_recall: metrics.opt_out_recall,
        false_opt_outs: metrics.false_opt_outs,
        return_date_accuracy: metrics.return_date_accuracy,
      },
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
