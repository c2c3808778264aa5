/**
 * The CPU a staging thread spends per row of the bench:import CSV (bench/import-csv.ts): the file's bytes, in the
 * 1 MB chunks an upload is stored in, read as CSV, cut into batches of 20,000 rows and staged (stagedBatches, as a
 * staging thread runs it), all in one process of each build, in alternating rounds (A, B, A, B, ...). Each round is a
 * fresh `node` running the build's compiled modules, so it includes their warm-up; its CPU is process.cpuUsage()
 * from the first chunk to the last batch. Prints each round (with a hash of its COPY text: the same for builds that stage alike) and the medians. Makes and removes its own CSV.
 * With `--thread 1` the rows are staged on a staging thread (stage-pool.ts, loaded on a small upload first), and each
 * batch is written to a stream as COPY's is (a string is encoded to UTF-8 on its way in): the round's CPU is then the
 * whole process's, and the main thread's part of it (its schedstat) is printed beside it.
 * `--a`/`--b` name a build (a copy of dist/) or a source tree (a folder with its tsconfig.json, e.g. `git archive dev`
 * unpacked with node_modules linked in: run through @swc-node/register, as the tests run).
 *   npx ts-node --swc -r tsconfig-paths/register bench/import-stage-cpu.ts [--rows 50000 --rounds 4 --a .ab/a --b .ab/b]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateImportCsv } from './import-csv';
import { abSides, numberArg } from './support';

const ROWS = numberArg('rows', 50_000);
const ROUNDS = numberArg('rounds', 4);
const THREAD = numberArg('thread', 0) > 0;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Run in each round's process: argv is [dist, csv path, here | thread]; prints µs per row and the rows staged. */
const PROBE = `
const { readFileSync } = require('node:fs');
const [dist, csv, where] = process.argv.slice(1);
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');
// A build (dist/) or a source tree (its TypeScript, through the -r hooks the round runs with).
const built = !existsSync(resolve(dist, 'tsconfig.json'));
const lib = (name) =>
  require(built ? resolve(dist, 'apps/worker/libs/domain/src/imports', name) : resolve(dist, 'libs/domain/src/imports', name.slice(0, -'.js'.length)));
const { stagedBatches } = lib('staged-batches.js');
const { mapColumns } = lib('header-mapping.js');
const file = readFileSync(csv);
const header = file.subarray(0, file.indexOf(10)).toString('utf8').replace(/^\\uFEFF/, '').trim().split(',');
const context = { columns: mapColumns(header).columns, countries: ['US', null], tags: [], idPrefix: '0190aaaa-bbbb-7ccc' };
async function* chunks() { for (let at = 0; at < file.length; at += 1 << 20) yield Buffer.from(file.subarray(at, at + (1 << 20))); }
const mainNs = () => Number(readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]);
(async () => {
  const hash = require('node:crypto').createHash('sha1');
  let rows = 0, bytes = 0;
  const spec = { context, encoding: 'utf-8', delimiter: ',', after: 0, limits: { rows: 20000, bytes: 16 << 20 } };
  if (where === 'thread') {
    const { StagePool } = lib('stage-pool.js');
    const { Writable } = require('node:stream');
    const pool = new StagePool(1);
    async function* head() { yield Buffer.from(file.subarray(0, file.indexOf(10, 5000) + 1)); }
    for await (const batch of pool.batches(head(), spec)) void batch;
    // As COPY's stream takes a batch: a string is encoded to a Buffer on its way in, a Buffer goes as it is.
    const sink = new Writable({ write(chunk, _encoding, done) { bytes += chunk.length; hash.update(chunk); done(); } });
    const from = process.cpuUsage();
    const mainFrom = mainNs();
    for await (const batch of pool.batches(chunks(), spec)) {
      rows += batch.rows;
      await new Promise((resolve) => sink.write(batch.lines, resolve));
    }
    const cpu = process.cpuUsage(from);
    const mainUs = (mainNs() - mainFrom) / 1000 / rows;
    await pool.close();
    process.stdout.write(JSON.stringify({ us: (cpu.user + cpu.system) / rows, mainUs, rows, bytes, sha1: hash.digest('hex') }));
    return;
  }
  const from = process.cpuUsage();
  for await (const batch of stagedBatches(chunks(), spec)) {
    rows += batch.rows;
    bytes += Buffer.byteLength(batch.lines);
    hash.update(batch.lines);
  }
  const cpu = process.cpuUsage(from);
  process.stdout.write(JSON.stringify({ us: (cpu.user + cpu.system) / rows, rows, bytes, sha1: hash.digest('hex') }));
})();
`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rlbench-stage-'));
  try {
    const generated = await generateImportCsv({
      rows: ROWS,
      dir,
      tenantId: '00000000-0000-0000-0000-000000000000',
    });
    const sides = abSides();
    const seen = new Map<string, number[]>(sides.map((s) => [s.name, []]));
    const seenMain = new Map<string, number[]>(sides.map((s) => [s.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const side of sides) {
        const source = existsSync(join(side.dist, 'tsconfig.json'));
        const hooks = source ? ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register'] : [];
        const out = execFileSync(
          process.execPath,
          [
            ...hooks,
            ...side.flags,
            '-e',
            PROBE,
            resolve(side.dist),
            generated.csvPath,
            THREAD ? 'thread' : 'here',
          ],
          { encoding: 'utf8', cwd: source ? resolve(side.dist) : undefined },
        );
        const { us, mainUs, rows, bytes, sha1 } = JSON.parse(out) as {
          us: number;
          mainUs?: number;
          rows: number;
          bytes: number;
          sha1: string;
        };
        seen.get(side.name)?.push(us);
        if (mainUs !== undefined) seenMain.get(side.name)?.push(mainUs);
        const main = mainUs === undefined ? '' : ` (main thread ${mainUs.toFixed(2)})`;
        say(
          `round ${round} ${side.name} (${side.dist}): ${us.toFixed(1)} us/row${main}, ${rows} rows, ${bytes} bytes of COPY text (sha1 ${sha1.slice(0, 12)})`,
        );
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const side of sides) {
      const main = seenMain.get(side.name) ?? [];
      say(
        `median ${side.name}: ${median(seen.get(side.name) ?? []).toFixed(1)} us/row${main.length ? ` (main thread ${median(main).toFixed(2)})` : ''}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`import-stage-cpu failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
