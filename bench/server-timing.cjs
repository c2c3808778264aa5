/**
 * Preloaded (node -r) into each server bench:api times, so its p99 can be read on the server's side too: the time
 * from Node's 'request' event (the request's head parsed) to the answer's last byte handed to the socket ('finish'),
 * for every request, whatever framework answers it. What the client sees on top of it is the kernel's and the load
 * tool's: queueing before the server reads the request, and the client's own scheduling.
 * GET /__server-timing (answered here, never reaching the app) gives what was timed since the last such request, and
 * starts again: { count, p50, p99 } in ms, and cpu_ms, the process's CPU time (user + system) over the same span.
 * Allocates next to nothing per request: times kept in a preallocated Float64Array, one shared 'finish' listener.
 */
const http = require('node:http');
const { performance } = require('node:perf_hooks');

const CAPACITY = 1 << 20;
const times = new Float64Array(CAPACITY);
let count = 0;
let cpuFrom = process.cpuUsage();
const started = Symbol('server-timing-start');

function onFinish() {
  if (count < CAPACITY) times[count++] = performance.now() - this[started];
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function report(res) {
  const sorted = times.slice(0, count).sort();
  const cpu = process.cpuUsage(cpuFrom);
  const round = (ms) => Math.round(ms * 100) / 100;
  const body = JSON.stringify({
    count,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    cpu_ms: round((cpu.user + cpu.system) / 1000),
  });
  count = 0;
  cpuFrom = process.cpuUsage();
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
  if (event !== 'request') return emit.apply(this, arguments);
  if (req.url === '/__server-timing') {
    report(res);
    return true;
  }
  res[started] = performance.now();
  res.on('finish', onFinish);
  return emit.apply(this, arguments);
};
