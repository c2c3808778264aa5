import type { StagedBatch } from './staged-batches';

/**
 * The batches of `here` until `ready()` says after one of them that the thread can take over, then those of
 * `there(after)`, which goes on after the last row `here` gave; all of `here` if that never comes. `here` is stopped
 * when the thread takes over.
 */
export async function* handOver(
  here: AsyncIterable<StagedBatch>,
  after: number,
  ready: () => boolean,
  there: (after: number) => AsyncIterable<StagedBatch>,
): AsyncGenerator<StagedBatch> {
  let last = after;
  if (!ready()) {
    let handed = false;
    for await (const batch of here) {
      yield batch;
      last = batch.lastRow;
      if (ready()) {
        handed = true;
        break;
      }
    }
    if (!handed) return;
  }
  yield* there(last);
}
