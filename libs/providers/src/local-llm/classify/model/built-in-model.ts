import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NaiveBayesModel } from './naive-bayes';
import { ReplyModel } from './reply-model';

/**
 * The stored model's type. Naming the file here also keeps the compiler copying it beside this module's output,
 * which reads it at run time.
 */
type StoredModel = typeof import('./trained-reply-model.json');

let loaded: ReplyModel | null = null;

/**
 * The model trained on the dev half of the labelled replies (`npm run classify:train` writes trained-reply-model.json),
 * read once, synchronously, on first use: parsed it holds about 2 MB of heap, which a process that classifies no
 * reply (the API answering requests) should not carry through every collection.
 */
export function builtInReplyModel(): ReplyModel {
  return (loaded ??= new ReplyModel(storedModel()));
}

function storedModel(): NaiveBayesModel {
  const text = readFileSync(join(__dirname, 'trained-reply-model.json'), 'utf8');
  return JSON.parse(text) as StoredModel as unknown as NaiveBayesModel;
}
