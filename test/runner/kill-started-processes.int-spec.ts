import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Whether a process with this pid is still there (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A test file whose set-up throws after starting an API or worker process leaves no process behind: the runner
 * kills what the kit started after the file (kill-started-processes.js), which the file's own afterAll could not.
 * Checked on a jest run of its own, of one such file, that has ended by the time the check runs.
 */
describe('processes a failed test file started (integration)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaky-suite-'));
  const pidFile = join(dir, 'pid');
  let pid: number | undefined;

  afterAll(() => {
    // On a runner that leaks it, the worker is still running: not past this file.
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  // A jest run of its own: on a loaded machine that alone took 80 s.
  it('are gone once the file has run, though its set-up threw before it held them', async () => {
    const run = spawn(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--config', 'test/runner/leaky-suite/jest.config.js'],
      { cwd: ROOT, env: { ...process.env, LEAKY_PID_FILE: pidFile }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    run.stdout.on('data', (c: Buffer) => (out += c.toString()));
    run.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    // The file did fail as meant: in its set-up, after starting the worker.
    expect(out).toContain('set-up failed after starting a worker');
    expect(code).toBe(1);
    pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  }, 180_000);
});
