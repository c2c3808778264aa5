/**
 * Warm-up before timing: V8 compiles a regular expression on its first use and optimises it after a few runs, and
 * chrono-node's parsers are large; a worker classifies for hours, so the figure that matters is the steady state.
 * The warm-up replies are the unit tests' own hand-written examples — never replies of the labelled set.
 */
import type { LlmPort } from '../../libs/providers/src/llm/llm.port';
import { REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-examples.fixture';
import { MULTILINGUAL_REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-multilingual.fixture';
import { REALISTIC_REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-realistic.fixture';

/** Classifies our own examples twice; answers how many calls and the first call's time (ms). */
export async function warmUp(llm: LlmPort): Promise<{ calls: number; firstCallMs: number }> {
  const texts = [...REPLY_EXAMPLES, ...MULTILINGUAL_REPLY_EXAMPLES, ...REALISTIC_REPLY_EXAMPLES].map(
    ([text]) => text,
  );
  let firstCallMs = 0;
  let calls = 0;
  for (let round = 0; round < 2; round++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      await llm.classifyReply({ text, received_at: '2026-11-30T09:00:00Z', timezone: 'Europe/Berlin' });
      if (calls++ === 0) firstCallMs = Number(process.hrtime.bigint() - started) / 1e6;
    }
  }
  return { calls, firstCallMs };
}
