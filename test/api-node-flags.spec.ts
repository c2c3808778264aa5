import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_FLAGS } from '../bench/support';

const ROOT = join(__dirname, '..');
const API_ENTRY = 'dist/apps/api/apps/api/src/main.js';
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The V8 flags of a command that starts the API, without the heap cap (the Docker image sets it in NODE_OPTIONS). */
function flagsOf(command: string[]): string[] {
  expect(command).toContain(API_ENTRY);
  return command.filter((word) => word.startsWith('--') && !word.startsWith('--max-old-space-size'));
}

/**
 * The new space's size (MB) in a node process started with `flags`, before it has allocated anything, or with
 * `grown`, once 600,000 small objects it keeps have survived scavenges (V8 grows the young generation for them).
 */
function youngGenerationMb(flags: string[], grown = false): number {
  const keep = grown
    ? "const keep = []; for (let i = 0; i < 600000; i++) keep.push({ i, l: [i], s: 'x' + i });"
    : '';
  const script =
    keep +
    "const s = require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');" +
    'process.stdout.write(String(s.space_size / 1048576));';
  // Without the test run's NODE_OPTIONS: its preloaded compiler would have grown the young generation already.
  const env = { PATH: process.env.PATH ?? '' };
  const args = ['--max-old-space-size=256', ...flags, '-e', script];
  return Number(execFileSync(process.execPath, args, { env }).toString());
}

describe("the API's V8 flags", () => {
  const startScript = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts[
    'start:api'
  ];

  it('are the same in npm run start:api, the Dockerfile, docker-compose.yml and the benchmarks', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1] ?? '[]';
    // The api service's command: a flow sequence of quoted words.
    const compose = /\n {2}api:\n[^]*?command:\s*\[([^\]]*)\]/.exec(read('docker-compose.yml'))?.[1] ?? '';
    const composeCommand = compose.split(',').map((word) => word.trim().replace(/^'|'$/g, ''));
    const flags = flagsOf(startScript.split(' '));
    expect(flagsOf(JSON.parse(cmd) as string[])).toEqual(flags);
    expect(flagsOf(composeCommand)).toEqual(flags);
    expect(API_FLAGS).toEqual(flags);
  });

  it('give it 8 MB semi-spaces from the start and as the floor V8 shrinks them to when idle (1 MB without)', () => {
    expect(youngGenerationMb([])).toBeLessThan(8);
    expect(youngGenerationMb(flagsOf(startScript.split(' ')))).toBe(8);
  });

  it('keep them at 8 MB under objects that survive, where the floor alone lets V8 double them', () => {
    const flags = flagsOf(startScript.split(' '));
    const floorOnly = flags.filter((flag) => !flag.startsWith('--max-semi-space-size'));
    const capped = youngGenerationMb(flags, true);
    expect(capped).toBeLessThanOrEqual(2 * 8); // both semi-spaces once grown to their ceiling
    expect(youngGenerationMb(floorOnly, true)).toBeGreaterThan(capped);
  });
});
