/**
 * bench:classify — reply classification quality (issue 7, "Quality"): the local provider over the TEST half of the
 * labelled replies (bench/classify/data/*.jsonl, sha256(text) first byte odd; the half never used for tuning).
 * Prints accuracy, macro-F1, per-label precision/recall, the confusion matrix, opt-out recall and the number of
 * false opt-outs, return-date accuracy (out-of-office replies whose return date matches, null included),
 * per-language and per-file (replies-en / -multi / -extra) figures and the time per reply (steady state, after warming up on the unit tests' own examples).
 * The test replies themselves are never printed. With OPENAI_API_KEY set, the OpenAI adapter (AppConfig.llm.openai, or OPENAI_*
 * variables) classifies the same replies for comparison.
 * Goals (issue 7): macro-F1 >= 0.85, opt-out recall 1.0, no false opt-out — on the local provider.
 * No database or Redis.
 *   npm run bench:classify
 */
import { loadConfig } from '../libs/config/src';
import { LocalLlmProvider, OpenAiLlmAdapter } from '../libs/providers/src';
import type { LlmPort } from '../libs/providers/src/llm/llm.port';
import { evaluate } from './classify/evaluate';
import { score, type Metrics } from './classify/metrics';
import { confusionLines, perLabelLines, perSourceLines, summaryLines } from './classify/report';
import { loadHalf, type LabelledReply } from './classify/split';
import { warmUp } from './classify/warm-up';

const say = (line: string) => process.stdout.write(`${line}\n`);

function openAiFromEnv(): OpenAiLlmAdapter | null {
  if (!process.env.OPENAI_API_KEY) return null;
  let settings: { apiKey: string; baseUrl: string; model: string; apiStyle: 'chat' | 'responses' };
  let timeoutMs = Number(process.env.LLM_TIMEOUT_MS ?? 30_000);
  let maxRetries = Number(process.env.LLM_MAX_RETRIES ?? 2);
  try {
    const config = loadConfig();
    if (!config.llm.openai) return null;
    settings = config.llm.openai;
    timeoutMs = config.llm.timeoutMs;
    maxRetries = config.llm.maxRetries;
  } catch {
    // The bench needs no database: when the rest of the configuration is absent, read the OpenAI variables alone.
    settings = {
      apiKey: process.env.OPENAI_API_KEY,
      baseUrl: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
      apiStyle: process.env.OPENAI_API_STYLE === 'responses' ? 'responses' : 'chat',
    };
  }
  return new OpenAiLlmAdapter({ ...settings, timeoutMs, maxRetries, temperature: 0 });
}

async function run(
  name: string,
  llm: LlmPort,
  replies: LabelledReply[],
  concurrency: number,
): Promise<Metrics> {
  const predictions = await evaluate(llm, replies, { concurrency });
  const metrics = score(predictions);
  for (const line of [
    ...summaryLines(name, metrics),
    ...perSourceLines(predictions),
    '',
    ...perLabelLines(metrics),
    '',
    ...confusionLines(metrics),
    '',
  ])
    say(line);
  return metrics;
}

async function main(): Promise<void> {
  const { replies, skipped } = loadHalf('test');
  if (skipped.length) say(`skipped ${skipped.length} invalid lines`);
  if (!replies.length) throw new Error('no test replies in bench/classify/data/*.jsonl');
  const local = new LocalLlmProvider();
  const warm = await warmUp(local);
  say(
    `test half: ${replies.length} replies; warm-up: ${warm.calls} calls on the unit tests' own examples ` +
      `(first call ${warm.firstCallMs.toFixed(1)} ms), then the times below are the steady state`,
  );
  say('');
  const localMetrics = await run(`local provider (${local.model})`, local, replies, 1);

  const openai = openAiFromEnv();
  let openaiMetrics: Metrics | null = null;
  if (openai) {
    openaiMetrics = await run(`OpenAI (${openai.model})`, openai, replies, 4);
    say(
      `comparison: macro-F1 local ${localMetrics.macro_f1.toFixed(3)} vs OpenAI ${openaiMetrics.macro_f1.toFixed(3)}; ` +
        `opt-out recall ${localMetrics.opt_out_recall} vs ${openaiMetrics.opt_out_recall}; ` +
        `false opt-outs ${localMetrics.false_opt_outs} vs ${openaiMetrics.false_opt_outs}`,
    );
  } else {
    say('OpenAI comparison skipped: OPENAI_API_KEY is not set.');
  }

  const goals = [
    {
      name: 'macro_f1',
      value: localMetrics.macro_f1,
      target: 0.85,
      op: '>=',
      met: localMetrics.macro_f1 >= 0.85,
    },
    {
      name: 'opt_out_recall',
      value: localMetrics.opt_out_recall,
      target: 1.0,
      op: '>=',
      met: localMetrics.opt_out_recall >= 1,
    },
    {
      name: 'false_opt_outs',
      value: localMetrics.false_opt_outs,
      target: 0,
      op: '<=',
      met: localMetrics.false_opt_outs <= 0,
    },
  ];
  const figures = {
    items: localMetrics.items,
    accuracy: localMetrics.accuracy,
    macro_f1: localMetrics.macro_f1,
    opt_out_recall: localMetrics.opt_out_recall,
    opt_outs: localMetrics.opt_outs,
    false_opt_outs: localMetrics.false_opt_outs,
    return_date_accuracy: localMetrics.return_date_accuracy,
    return_date_items: localMetrics.return_date_items,
    per_language: localMetrics.per_language,
    ms_per_reply_mean: localMetrics.ms_mean,
    ms_per_reply_p95: localMetrics.ms_p95,
    openai: openaiMetrics
      ? {
          accuracy: openaiMetrics.accuracy,
          macro_f1: openaiMetrics.macro_f1,
          opt_out_recall: openaiMetrics.opt_out_recall,
          false_opt_outs: openaiMetrics.false_opt_outs,
          return_date_accuracy: openaiMetrics.return_date_accuracy,
          errors: openaiMetrics.errors,
          ms_per_reply_mean: openaiMetrics.ms_mean,
        }
      : null,
  };
  say(JSON.stringify({ bench: 'classify', goals, figures }));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
