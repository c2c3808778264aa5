/**
 * bench:api-heap — what the API's heap holds once booted: starts a built tree (production flags), registers a
 * tenant, takes a heap snapshot after two full GCs, and prints the heap by V8 node type, the module sources kept
 * by package (V8 keeps every loaded module's source for lazy compilation), the largest other strings, and the
 * constructors with the most bytes. Use it to find what to stop loading or stop keeping; bench:api-boot gives
 * the A/B figures.
 *   npm run bench:api-heap [-- --dist dist --keep /tmp/api.heapsnapshot]
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  createBenchDatabase,
  registerBenchTenant,
  startProbedApi,
  textArg,
} from './support';

const DIST = textArg('dist', 'dist');
const KEEP = textArg('keep', '');
const say = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MB`;

/** Preloaded into the API: on SIGWINCH, two full GCs, then a heap snapshot at PROBE_OUT. */
const PROBE = `
process.on('SIGWINCH', () => {
  global.gc();
  global.gc();
  require('node:v8').writeHeapSnapshot(process.env.PROBE_OUT + '.part');
  require('node:fs').renameSync(process.env.PROBE_OUT + '.part', process.env.PROBE_OUT);
});
`;

interface Snapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

const top = (totals: Map<string, number>, n: number) => [...totals].sort((a, b) => b[1] - a[1]).slice(0, n);
const add = (totals: Map<string, number>, key: string, bytes: number) =>
  totals.set(key, (totals.get(key) ?? 0) + bytes);

/** The package a module file belongs to; our own code by app or lib folder. */
function packageOf(file: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  if (pkg) return pkg;
  const own = /\/(apps|libs)\/([^/]+)\/src\//.exec(file);
  return own ? `(${own[1]}/${own[2]})` : file.startsWith('node:') ? '(node)' : '(other)';
}

function summarise(snap: Snapshot): void {
  const { meta } = snap.snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const [type, name, selfSize, edgeCount] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
    meta.node_fields.indexOf(f),
  );
  const [edgeType, edgeName, edgeTo] = ['type', 'name_or_index', 'to_node'].map((f) =>
    meta.edge_fields.indexOf(f),
  );
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snap;
  const byType = new Map<string, number>();
  const byConstructor = new Map<string, number>();
  const sources = new Map<string, number>();
  const sourceNodes = new Set<number>();
  let total = 0;
  let edge = 0;
  for (let node = 0; node < nodes.length; node += nodeFields) {
    const kind = nodeTypes[nodes[node + type]];
    const bytes = nodes[node + selfSize];
    total += bytes;
    add(byType, kind, bytes);
    if (kind === 'object' || kind === 'closure' || kind === 'array')
      add(byConstructor, `${kind} ${strings[nodes[node + name]]}`, bytes);
    const count = nodes[node + edgeCount];
    // A script is a 'code' node named by its file, with an internal 'source' edge to its text.
    if (kind === 'code')
      for (let e = edge; e < edge + count * edgeFields; e += edgeFields) {
        if (edgeTypes[edges[e + edgeType]] !== 'internal' || strings[edges[e + edgeName]] !== 'source')
          continue;
        const source = edges[e + edgeTo];
        sourceNodes.add(source);
        add(sources, packageOf(strings[nodes[node + name]]), nodes[source + selfSize]);
      }
    edge += count * edgeFields;
  }
  const others: [number, string][] = [];
  for (let node = 0; node < nodes.length; node += nodeFields)
    if (
      nodeTypes[nodes[node + type]] === 'string' &&
      !sourceNodes.has(node) &&
      nodes[node + selfSize] > 16384
    )
      others.push([nodes[node + selfSize], strings[nodes[node + name]].slice(0, 80)]);
  const sourceBytes = [...sources.values()].reduce((sum, bytes) => sum + bytes, 0);
  say(`heap in the snapshot: ${mb(total)}`);
  say(
    `by node type: ${top(byType, 12)
      .map(([k, v]) => `${k} ${mb(v)}`)
      .join(', ')}`,
  );
  say(
    `module sources: ${mb(sourceBytes)}; by package: ${top(sources, 25)
      .map(([k, v]) => `${k} ${mb(v)}`)
      .join(', ')}`,
  );
  say(
    `largest other strings: ${others
      .sort((a, b) => b[0] - a[0])
      .slice(0, 10)
      .map(([b, s]) => `${mb(b)} ${JSON.stringify(s)}`)
      .join('; ')}`,
  );
  say(
    `constructors: ${top(byConstructor, 20)
      .map(([k, v]) => `${k || '(anonymous)'} ${mb(v)}`)
      .join(', ')}`,
  );
}

async function main(): Promise<void> {
  const run = benchRun();
  const { children, cleanup } = benchCleanup(run, say);
  const probe = join(tmpdir(), `api-heap-${run.runId}.cjs`);
  const out = join(tmpdir(), `api-heap-${run.runId}.heapsnapshot`);
  writeFileSync(probe, PROBE);
  try {
    await createBenchDatabase(run);
    const { api, url } = await startProbedApi({
      dist: DIST,
      probe,
      out,
      env: benchPlatformEnv(run),
      children,
    });
    await registerBenchTenant(url, run);
    process.kill(api.pid!, 'SIGWINCH');
    for (let i = 0; i < 600 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 200));
    summarise(JSON.parse(readFileSync(out, 'utf8')) as Snapshot);
    if (KEEP) renameSync(out, KEEP);
  } finally {
    await cleanup();
    rmSync(probe, { force: true });
    rmSync(out, { force: true });
  }
}

main().catch((err: unknown) => {
  say(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
