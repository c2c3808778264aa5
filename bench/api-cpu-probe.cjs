/**
 * Preloaded into each process bench:api-cpu drives (node -r): counts the Postgres statements and Redis commands the
 * process sends, its GC pauses by kind, and (PROBE_HEAP_DIR set) samples what it allocates, garbage included. On
 * SIGWINCH (ignored by Nest's shutdown hooks, unlike SIGUSR2) it writes what it counted since the last signal to
 * PROBE_OUT, and the allocation profile to PROBE_HEAP_DIR/<pid>-<n>.heapprofile, then starts again.
 */
const fs = require('node:fs');
const inspector = require('node:inspector');
const { PerformanceObserver, monitorEventLoopDelay } = require('node:perf_hooks');

const counts = { pg_queries: 0, redis_commands: 0 };
/** Counts the calls of `method` on the prototype of the process's own copy of `pkg`, if it loads one. */
function countCalls(pkg, proto, method, key) {
  try {
    const exported = require(require.resolve(pkg, { paths: [process.cwd()] }));
    const target = proto(exported).prototype;
    const original = target[method];
    target[method] = function (...args) {
      counts[key]++;
      return original.apply(this, args);
    };
  } catch {
    // The process does not use it.
  }
}
countCalls('pg', (m) => m.Client, 'query', 'pg_queries');
countCalls('ioredis', (m) => m.default ?? m, 'sendCommand', 'redis_commands');

// perf_hooks.constants.NODE_PERFORMANCE_GC_*: V8's scavenge (1) and minor mark-sweep (2) are minor, 4 the full
// mark-compact, 8 a step of incremental marking, 16 the weak callbacks.
const GC_KINDS = { 1: 'minor', 2: 'minor', 4: 'major', 8: 'incremental', 16: 'weak' };
let gc = {};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = GC_KINDS[entry.detail?.kind] ?? String(entry.detail?.kind);
    const g = (gc[kind] ??= { n: 0, ms: 0, max: 0 });
    g.n++;
    g.ms += entry.duration;
    g.max = Math.max(g.max, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

const session = process.env.PROBE_HEAP_DIR ? new inspector.Session() : null;
session?.connect();
let profiles = 0;
let sampling = false;
function startSampling() {
  session.post(
    'HeapProfiler.startSampling',
    {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    },
    () => (sampling = true),
  );
}

process.on('SIGWINCH', () => {
  fs.writeFileSync(
    process.env.PROBE_OUT,
    JSON.stringify({
      ...counts,
      gc,
      loop_delay_p99_ms: loopDelay.percentile(99) / 1e6,
      loop_delay_max_ms: loopDelay.max / 1e6,
      heap_used_mb: process.memoryUsage().heapUsed / 1048576,
    }),
  );
  counts.pg_queries = 0;
  counts.redis_commands = 0;
  gc = {};
  loopDelay.reset();
  if (!session) return;
  if (!sampling) return startSampling();
  session.post('HeapProfiler.stopSampling', (err, result) => {
    if (!err)
      fs.writeFileSync(
        `${process.env.PROBE_HEAP_DIR}/${process.pid}-${profiles++}.heapprofile`,
        JSON.stringify(result.profile),
      );
    startSampling();
  });
});
