/**
 * classify:train — trains the local classifier's fallback model on the DEV half of every labelled file
 * (bench/classify/data/*.jsonl, sha256(text) first byte even) plus the unit tests' hand-written examples, and
 * writes it to libs/providers/src/local-llm/classify/model/trained-reply-model.json (committed; the provider reads
 * it synchronously).
 * The test half is never loaded.
 *   npm run classify:train
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAND_WRITTEN_EXAMPLES, trainOn } from './model-training';
import { loadHalf } from './split';

const OUT = join(__dirname, '../../libs/providers/src/local-llm/classify/model/trained-reply-model.json');

function main(): void {
  const { replies, skipped } = loadHalf('dev');
  if (skipped.length) throw new Error(`invalid lines: ${skipped.join(', ')}`);
  if (!replies.length) throw new Error('no dev replies in bench/classify/data/*.jsonl');
  const model = trainOn(replies, HAND_WRITTEN_EXAMPLES);
  const { features, ...head } = model;
  // One feature per line: a readable diff when the data or the features change.
  const json = `${JSON.stringify(head).slice(0, -1)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(OUT, json);
  process.stdout.write(
    `trained on ${replies.length} dev replies and ${HAND_WRITTEN_EXAMPLES.length} hand-written examples: ` +
      `${features.length} features, ${(json.length / 1024).toFixed(0)} KB → ${OUT}\n`,
  );
}

main();
