import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './processes';
import { processCpuMs, waitForStart } from './process-start';
import { waitFor } from './wait-for';

/**
 * A started process is waited for as long as it has not spent its CPU budget: on a loaded machine a start waits
 * for a core far longer than it computes. Each child is a bare node (no TypeScript hooks) that listens on `port`
 * after `script` has run.
 */
describe('waiting for a process to start (integration)', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  async function child(script: string): Promise<{ child: ChildProcess; url: string }> {
    const port = await freePort();
    const listen = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    const started = spawn(process.execPath, ['-e', script.replace('LISTEN', listen)], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: 'ignore',
    });
    children.push(started);
    return { child: started, url: `http://127.0.0.1:${port}/` };
  }

  it('reads the CPU time a process has used while it runs, and nothing once it has exited', async () => {
    const { child: spinning } = await child('for (;;);');
    const pid = spinning.pid as number;
    await waitFor(() => (processCpuMs(pid) ?? 0) >= 200, 20_000, 'the spinning child to use 200 ms of CPU');
    const exited = new Promise((resolve) => spinning.once('exit', resolve));
    spinning.kill('SIGKILL');
    await exited;
    expect(processCpuMs(pid)).toBeUndefined();
  });

  it('waits past its wall time for a start that has not spent its CPU', async () => {
    // Asleep for 1.5 s before it listens: far more wall time than its CPU budget, hardly any CPU.
    const { child: sleepy, url } = await child('setTimeout(() => LISTEN, 1500)');
    const from = Date.now();
    await waitForStart('sleepy', sleepy, url, () => '', { cpuMs: 1000, wallMs: 20_000 });
    expect(Date.now() - from).toBeGreaterThanOrEqual(1400);
  });

  it('gives up on a start that spends its CPU without answering', async () => {
    const { child: busy, url } = await child('for (;;);');
    await expect(
      waitForStart('busy', busy, url, () => 'its output', { cpuMs: 300, wallMs: 20_000 }),
    ).rejects.toThrow(/^busy used \d+ ms of CPU without answering http:\/\/127\.0\.0\.1:\d+\/:\nits output/);
    expect(processCpuMs(busy.pid as number)).toBeGreaterThan(300);
  });

  it('gives up on a start that exits', async () => {
    const { child: quitting, url } = await child('process.exit(3)');
    await expect(
      waitForStart('quitting', quitting, url, () => 'bye', { cpuMs: 10_000, wallMs: 20_000 }),
    ).rejects.toThrow('quitting exited with 3:\nbye');
  });

  it('gives up after its wall time on a start that neither answers nor computes', async () => {
    const { child: stuck, url } = await child('setInterval(() => undefined, 1000)');
    await expect(waitForStart('stuck', stuck, url, () => '', { cpuMs: 10_000, wallMs: 500 })).rejects.toThrow(
      /^Timed out after 500 ms waiting for stuck process to answer/,
    );
  });
});
