import stored from './trained-reply-model.json';
import type { NaiveBayesModel } from './naive-bayes';
import { ReplyModel } from './reply-model';

let loaded: ReplyModel | null = null;

/**
 * The model trained on the dev half of the labelled replies (`npm run classify:train` writes trained-reply-model.json),
 * read once, synchronously, on first use.
 */
export function builtInReplyModel(): ReplyModel {
  return (loaded ??= new ReplyModel(stored as unknown as NaiveBayesModel));
}
