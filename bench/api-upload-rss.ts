/**
 * bench:api-upload-rss — where the API's resident memory goes while it receives a large CSV import, A/B: for each of
 * two built trees, in alternating rounds, start the API alone (production flags, no worker: the import stays
 * queued), upload the bench:import CSV (1,000,000 rows by default) to POST /api/leads/import, and read
 *   - /proc/<pid>/status every 50 ms: VmRSS (and its anonymous and file-backed parts), and VmHWM reset just before
 *     the upload (clear_refs), so a peak between two samples still counts;
 *   - through a preloaded probe, process.memoryUsage() and V8's heap spaces every 50 ms (at the RSS peak, and the
 *     maximum of each), and the collections V8 ran during the upload (count and time, by kind);
 *   - the upload's wall time and the API's CPU for it (ms, and us per row).
 * The medians of each side are printed at the end.
 *   npm run bench:api-upload-rss -- --a .ab/a --b .ab/b
 *     [--rounds 3 --rows 1000000 --csv <path: generated there and kept if missing, else reused> --idle 60 --poll 60 --a-flags "..." --b-flags "..." --a-env "K=V" --b-env "K=V" --trace]
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { generateImportCsv } from './import-csv';
import {
  abSides,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  cpuMs,
  createBenchDatabase,
  median,
  numberArg,
  readProbe,
  registerBenchTenant,
  startProbedApi,
  textArg,
} from './support';
import { uploadCsv } from './upload-csv';

const ROUNDS = numberArg('rounds', 3);
const ROWS = numberArg('rows', 1_000_000);
const CSV = textArg('csv', '');
const TRACE = process.argv.includes('--trace');
/** After the upload, GET the import every 500 ms for this long (--poll seconds), as bench:import does. */
const POLL_MS = numberArg('poll', 0) * 1000;
const SIDES = abSides();
const SAMPLE_MS = 50;
/**
 * How long the API idles between its tenant's registration and the upload (--idle seconds): bench:import's idles
 * while it generates the CSV (about a minute), long enough for V8's memory reducer to shrink the heap.
 */
const IDLE_MS = numberArg('idle', 60) * 1000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => bytes / 1048576;

/**
 * Preloaded into the API: samples its memory every 50 ms; SIGWINCH writes the readings since the last one to
 * PROBE_OUT and starts a new window (not SIGUSR2: Nest's shutdown hooks take it).
 */
const PROBE = `
const fs = require('node:fs');
const v8 = require('node:v8');
const { PerformanceObserver, constants } = require('node:perf_hooks');
const KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
let peak = null, max = {}, gc = {};
const sample = () => {
  const m = process.memoryUsage();
  for (const k of Object.keys(m)) max[k] = Math.max(max[k] || 0, m[k]);
  if (!peak || m.rss > peak.rss) {
    const spaces = {};
    for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = s.space_size;
    peak = { ...m, spaces };
  }
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = KINDS[e.detail?.kind ?? e.kind] || 'other';
    const g = (gc[kind] ??= { n: 0, ms: 0 });
    g.n++; g.ms += e.duration;
  }
}).observe({ entryTypes: ['gc'] });
setInterval(sample, ${SAMPLE_MS}).unref();
process.on('SIGWINCH', () => {
  sample();
  fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ peak, max, gc }));
  peak = null; max = {}; gc = {};
});
`;

interface ProbeReading {
  peak: NodeJS.MemoryUsage & { spaces: Record<string, number> };
  max: NodeJS.MemoryUsage;
  gc: Record<string, { n: number; ms: number }>;
}

/** VmRSS, RssAnon, RssFile and VmHWM of a process, in bytes. */
function procStatus(pid: number): Record<'VmRSS' | 'RssAnon' | 'RssFile' | 'VmHWM', number> {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { VmRSS: kb('VmRSS'), RssAnon: kb('RssAnon'), RssFile: kb('RssFile'), VmHWM: kb('VmHWM') };
}

interface Round {
  boot: number;
  peak: number;
  hwm: number;
  anonAtPeak: number;
  fileAtPeak: number;
  after: number;
  seconds: number;
  cpuMs: number;
  probe: ProbeReading;
  /** The polling phase (--poll): its RSS peak (the whole run's, VmHWM included), CPU and polls. */
  polled: { peak: number; cpuMs: number; polls: number; probe: ProbeReading } | null;
}

/** `--a-env "K=V K=V"` / `--b-env`: environment variables of one side's API only (e.g. glibc's MALLOC_*). */
function sideEnv(side: string): Record<string, string> {
  const words = textArg(`${side.toLowerCase()}-env`, '').split(' ').filter(Boolean);
  return Object.fromEntries(words.map((word) => [word.split('=')[0], word.slice(word.indexOf('=') + 1)]));
}

async function main(): Promise<void> {
  const run = benchRun();
  const { children, cleanup } = benchCleanup(run, say);
  const probe = join(tmpdir(), `api-upload-rss-${run.runId}.cjs`);
  writeFileSync(probe, PROBE);
  const written = new Set([probe]);
  const dir = CSV ? '' : await mkdtemp(join(tmpdir(), 'api-upload-rss-'));
  const env = benchPlatformEnv(run, { NODE_OPTIONS: '--max-old-space-size=256' });
  const stop = async (api: ChildProcess) => {
    if (api.exitCode !== null) return;
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  };
  try {
    await createBenchDatabase(run);
    let csvPath = CSV;
    if (!csvPath || !existsSync(csvPath)) {
      const into = dir || (await mkdtemp(join(tmpdir(), 'api-upload-rss-')));
      const generated = await generateImportCsv({ rows: ROWS, dir: into, tenantId: randomUUID() });
      if (CSV) {
        renameSync(generated.csvPath, CSV);
        rmSync(into, { recursive: true, force: true });
      } else csvPath = generated.csvPath;
      say(
        `generated ${ROWS.toLocaleString()} rows (${mb(generated.csvBytes).toFixed(1)} MB) into ${csvPath}`,
      );
    }
    const rows = ROWS;
    const db = new Client({ connectionString: run.databaseUrl });
    await db.connect();
    let token = '';
    const results = new Map<string, Round[]>();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? [...SIDES].reverse() : SIDES;
        for (const side of order) {
          const out = join(tmpdir(), `api-upload-rss-${run.runId}-${side.name}.json`);
          written.add(out);
          const { api, url } = await startProbedApi({
            dist: side.dist,
            probe,
            out,
            env: { ...env, ...sideEnv(side.name) },
            children,
            flags: side.flags,
          });
          const pid = api.pid!;
          if (!token) token = (await registerBenchTenant(url, run)).token;
          else await fetch(`${url}/api/health`); // the same first request as the first round's API had
          await new Promise((r) => setTimeout(r, IDLE_MS));
          const bootStatus = procStatus(pid);
          const boot = bootStatus.VmRSS;
          writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM from here
          const idle = (await readProbe<ProbeReading>(api, out, 50)).peak; // the probe's window starts here
          let peak = procStatus(pid);
          const trace: number[] = [];
          const sampler = setInterval(() => {
            const now = procStatus(pid);
            trace.push(now.VmRSS);
            if (now.VmRSS > peak.VmRSS) peak = now;
          }, SAMPLE_MS);
          const cpu0 = cpuMs(pid) ?? 0;
          const started = performance.now();
          const answer = await uploadCsv(`${url}/api/leads/import`, token, csvPath);
          const seconds = (performance.now() - started) / 1000;
          const cpu = (cpuMs(pid) ?? 0) - cpu0;
          clearInterval(sampler);
          if (answer.status !== 202) throw new Error(`upload answered ${answer.status}: ${answer.body}`);
          const end = procStatus(pid);
          const reading = await readProbe<ProbeReading>(api, out, 50);
          // The import phase as bench:import's API lives it: the import has its row errors (2% of the rows, as the
          // generator plants) and is polled every 500 ms.
          let polled: { peak: number; cpuMs: number; polls: number; probe: ProbeReading } | null = null;
          if (POLL_MS) {
            const importId = (JSON.parse(answer.body) as { data: { import_id: string } }).data.import_id;
            await db.query(
              `INSERT INTO lead_import_errors (tenant_id, import_id, row, field, value, error)
               SELECT tenant_id, id, g * 50, 'phone', '+1 415 555', 'is not a valid phone number'
                 FROM lead_imports, generate_series(1, $2::int) g WHERE id = $1`,
              [importId, Math.round(rows / 50)],
            );
            let pollPeak = procStatus(pid).VmRSS;
            const pollCpu0 = cpuMs(pid) ?? 0;
            let polls = 0;
            for (const until = performance.now() + POLL_MS; performance.now() < until; polls++) {
              const res = await fetch(`${url}/api/leads/imports/${importId}`, {
                headers: { authorization: `Bearer ${token}` },
              });
              if (!res.ok) throw new Error(`GET the import answered ${res.status}`);
              await res.arrayBuffer();
              for (let i = 0; i < 10; i++) {
                await new Promise((r) => setTimeout(r, SAMPLE_MS));
                pollPeak = Math.max(pollPeak, procStatus(pid).VmRSS);
              }
            }
            polled = {
              peak: Math.max(pollPeak, procStatus(pid).VmHWM),
              cpuMs: (cpuMs(pid) ?? 0) - pollCpu0,
              polls,
              probe: await readProbe<ProbeReading>(api, out, 50),
            };
          }
          await new Promise((r) => setTimeout(r, 1000));
          const result: Round = {
            boot,
            peak: Math.max(peak.VmRSS, end.VmRSS),
            hwm: end.VmHWM,
            anonAtPeak: peak.RssAnon,
            fileAtPeak: peak.RssFile,
            after: procStatus(pid).VmRSS,
            seconds,
            cpuMs: cpu,
            probe: reading,
            polled,
          };
          await stop(api);
          // The next upload finds the same database: the stored chunks go.
          await db.query('TRUNCATE lead_import_chunks');
          results.set(side.name, [...(results.get(side.name) ?? []), result]);
          const p = reading.peak;
          say(
            `  before: anon ${mb(bootStatus.RssAnon).toFixed(1)} file ${mb(bootStatus.RssFile).toFixed(1)}; heapTotal ` +
              `${mb(idle.heapTotal).toFixed(1)} heapUsed ${mb(idle.heapUsed).toFixed(1)} external ${mb(idle.external).toFixed(1)} ` +
              `arrayBuffers ${mb(idle.arrayBuffers).toFixed(1)}; new_space ${mb(idle.spaces.new_space).toFixed(1)} ` +
              `old_space ${mb(idle.spaces.old_space).toFixed(1)}`,
          );
          if (TRACE)
            say(
              `  RSS every ${SAMPLE_MS * 5} ms: ${trace
                .filter((_, i) => i % 5 === 0)
                .map((b) => mb(b).toFixed(0))
                .join(' ')}`,
            );
          say(
            `round ${round} ${side.name} (${side.dist} ${side.flags.join(' ')} ${textArg(`${side.name.toLowerCase()}-env`, '')}): RSS boot ${mb(boot).toFixed(1)} ` +
              `peak ${mb(result.peak).toFixed(1)} (HWM ${mb(result.hwm).toFixed(1)}; anon ${mb(result.anonAtPeak).toFixed(1)} ` +
              `file ${mb(result.fileAtPeak).toFixed(1)}) after ${mb(result.after).toFixed(1)} MB; upload ${seconds.toFixed(2)} s, ` +
              `CPU ${cpu} ms (${((cpu * 1000) / rows).toFixed(2)} us/row)`,
          );
          if (polled) {
            const q = polled.probe;
            say(
              `  polling ${polled.polls} times: peak ${mb(polled.peak).toFixed(1)} MB, CPU ${polled.cpuMs} ms ` +
                `(${(polled.cpuMs / polled.polls).toFixed(1)} ms/poll); heapTotal max ${mb(q.max.heapTotal).toFixed(1)} ` +
                `heapUsed max ${mb(q.max.heapUsed).toFixed(1)}; at its peak new_space ${mb(q.peak.spaces.new_space).toFixed(1)} ` +
                `old_space ${mb(q.peak.spaces.old_space).toFixed(1)}; GC ` +
                Object.entries(q.gc)
                  .map(([kind, g]) => `${kind} ${g.n} (${g.ms.toFixed(0)} ms)`)
                  .join(', '),
            );
          }
          say(
            `  at the probe's RSS peak ${mb(p.rss).toFixed(1)}: heapTotal ${mb(p.heapTotal).toFixed(1)} heapUsed ` +
              `${mb(p.heapUsed).toFixed(1)} external ${mb(p.external).toFixed(1)} arrayBuffers ${mb(p.arrayBuffers).toFixed(1)}; ` +
              `spaces ${Object.entries(p.spaces)
                .filter(([, size]) => size > 512 * 1024)
                .map(([name, size]) => `${name} ${mb(size).toFixed(1)}`)
                .join(', ')}`,
          );
          say(
            `  maxima: heapTotal ${mb(reading.max.heapTotal).toFixed(1)} heapUsed ${mb(reading.max.heapUsed).toFixed(1)} ` +
              `external ${mb(reading.max.external).toFixed(1)} arrayBuffers ${mb(reading.max.arrayBuffers).toFixed(1)}; GC ` +
              Object.entries(reading.gc)
                .map(([kind, g]) => `${kind} ${g.n} (${g.ms.toFixed(0)} ms)`)
                .join(', '),
          );
        }
      }
    } finally {
      await db.end();
    }
    for (const side of SIDES) {
      const rs = results.get(side.name) ?? [];
      const m = (f: (r: Round) => number) => median(rs.map(f));
      say(
        `${side.name} medians of ${rs.length}: RSS boot ${mb(m((r) => r.boot)).toFixed(1)} peak ` +
          `${mb(m((r) => Math.max(r.peak, r.hwm))).toFixed(1)} (max ${mb(Math.max(...rs.map((r) => Math.max(r.peak, r.hwm)))).toFixed(1)}) ` +
          `MB; upload ${m((r) => r.seconds).toFixed(2)} s; CPU ${m((r) => r.cpuMs)} ms ` +
          `(${((m((r) => r.cpuMs) * 1000) / rows).toFixed(2)} us/row); arrayBuffers max ${mb(m((r) => r.probe.max.arrayBuffers)).toFixed(1)} MB` +
          (POLL_MS
            ? `; with the polls: peak ${mb(m((r) => r.polled?.peak ?? 0)).toFixed(1)} (max ${mb(Math.max(...rs.map((r) => r.polled?.peak ?? 0))).toFixed(1)}) MB, ` +
              `${m((r) => (r.polled ? r.polled.cpuMs / r.polled.polls : 0)).toFixed(1)} ms CPU/poll`
            : ''),
      );
    }
  } finally {
    await cleanup();
    for (const file of written) rmSync(file, { force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  say(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
