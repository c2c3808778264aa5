import { handOver } from './hand-over';
import type { StagedBatch } from './staged-batches';

/** Batches of 10 rows after row `after`, up to row `last`, each marked with who staged it. */
async function* tens(who: string, after: number, last: number, made: string[]): AsyncGenerator<StagedBatch> {
  for (let end = after + 10; end <= last; end += 10) {
    made.push(`${who}:${end}`);
    yield { lines: Buffer.from(who), rows: 10, lastRow: end };
  }
}

async function run(readyAfter: number, after = 0, last = 60) {
  const made: string[] = [];
  let staged = 0;
  const out: StagedBatch[] = [];
  const batches = handOver(
    tens('here', after, last, made),
    after,
    () => staged >= readyAfter,
    (from) => tens('there', from, last, made),
  );
  for await (const batch of batches) {
    staged++;
    out.push(batch);
  }
  return { got: out.map((b) => `${b.lines}:${b.lastRow}`), made };
}

describe('handOver', () => {
  it('stages here until the thread is ready, then the thread goes on after the last row staged here', async () => {
    const { got, made } = await run(2);
    expect(got).toEqual(['here:10', 'here:20', 'there:30', 'there:40', 'there:50', 'there:60']);
    // Here stopped when the thread took over: no batch was staged twice.
    expect(made).toEqual(got);
  });

  it('goes to the thread at once when it is ready, from the row the import resumes after', async () => {
    expect((await run(0, 30)).got).toEqual(['there:40', 'there:50', 'there:60']);
  });

  it('stages everything here when the thread is never ready', async () => {
    expect((await run(Infinity)).got).toEqual([
      'here:10',
      'here:20',
      'here:30',
      'here:40',
      'here:50',
      'here:60',
    ]);
  });
});
