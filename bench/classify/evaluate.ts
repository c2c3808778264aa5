/** Runs a provider's classifyReply over labelled replies, one at a time, timing each call. */
import type { LlmPort } from '../../libs/providers/src/llm/llm.port';
import type { Prediction } from './metrics';
import type { LabelledReply } from './split';

export async function evaluate(
  llm: LlmPort,
  replies: LabelledReply[],
  options: { concurrency?: number } = {},
): Promise<Prediction[]> {
  const out: Prediction[] = new Array(replies.length);
  let next = 0;
  const worker = async () => {
    while (next < replies.length) {
      const i = next++;
      const reply = replies[i];
      const started = process.hrtime.bigint();
      try {
        const result = await llm.classifyReply({
          text: reply.text,
          subject: reply.subject ?? null,
          channel: reply.channel ?? null,
          received_at: reply.received_at,
          timezone: reply.timezone ?? null,
        });
        out[i] = { reply, output: result.output, error: null, ms: elapsedMs(started) };
      } catch (err) {
        out[i] = {
          reply,
          output: null,
          error: err instanceof Error ? err.message : String(err),
          ms: elapsedMs(started),
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return out;
}

const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
