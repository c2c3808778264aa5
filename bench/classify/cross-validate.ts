/**
 * k-fold cross-validation of the local classifier over DEV replies (issue 7, "Quality"): each fold is classified
 * by the rules together with a model trained on the other k-1 folds only. The fold of a reply is a second byte of
 * the hash that picks its half: sha256(text)[1] mod k.
 */
import { createHash } from 'node:crypto';
import { ReplyModel } from '../../libs/providers/src/local-llm/classify/model/reply-model';
import { classifyReplyText } from '../../libs/providers/src/local-llm/classify/reply-classifier';
import type { Prediction } from './metrics';
import { trainOn } from './model-training';
import type { LabelledReply } from './split';

export function foldOf(text: string, k: number): number {
  return createHash('sha256').update(text, 'utf8').digest()[1] % k;
}

/** k-fold cross-validation: each fold classified by the rules with a model trained on the other k-1 folds. */
export async function crossValidate(replies: LabelledReply[], k: number): Promise<Prediction[]> {
  const folds = replies.map((r) => foldOf(r.text, k));
  const out: Prediction[] = new Array(replies.length);
  for (let fold = 0; fold < k; fold++) {
    const model = new ReplyModel(trainOn(replies.filter((_, i) => folds[i] !== fold)));
    const held = replies.map((r, i) => i).filter((i) => folds[i] === fold);
    (
      await classifyAll(
        held.map((i) => replies[i]),
        model,
      )
    ).forEach((p, j) => (out[held[j]] = p));
  }
  return out;
}

/** Each reply classified directly (no provider), by the rules with `model`, or by the rules alone when null. */
export async function classifyAll(replies: LabelledReply[], model: ReplyModel | null): Promise<Prediction[]> {
  const out: Prediction[] = [];
  for (const reply of replies) {
    const started = process.hrtime.bigint();
    const output = await classifyReplyText(
      {
        text: reply.text,
        subject: reply.subject ?? null,
        channel: reply.channel ?? null,
        received_at: reply.received_at,
        timezone: reply.timezone ?? null,
      },
      model,
    );
    out.push({ reply, output, error: null, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  }
  return out;
}
