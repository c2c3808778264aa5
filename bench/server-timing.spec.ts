import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../libs/testing/src/processes';
import { waitFor } from '../libs/testing/src/wait-for';

/** A plain node http server with bench/server-timing.cjs preloaded, as bench:api starts each side. */
const SERVER = `require('node:http').createServer((req, res) => res.end(req.url)).listen(Number(process.env.PORT), '127.0.0.1');`;

describe('bench/server-timing.cjs', () => {
  let server: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    server = spawn(process.execPath, ['-r', join(__dirname, 'server-timing.cjs'), '-e', SERVER], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port) },
      stdio: 'ignore',
    });
    url = `http://127.0.0.1:${port}`;
    await waitFor(
      () =>
        fetch(`${url}/up`).then(
          (r) => r.ok,
          () => false,
        ),
      20_000,
      'the server to listen',
    );
  });
  afterAll(() => server.kill());

  /** The probe's figures since its last read. */
  interface Timing {
    count: number;
    p50: number;
    p99: number;
    cpu_ms: number;
  }
  const timing = async () => (await (await fetch(`${url}/__server-timing`)).json()) as Timing;

  it('counts every request answered since the last read, never its own, and starts again after each read', async () => {
    await timing();
    for (let i = 0; i < 5; i++) expect(await (await fetch(`${url}/lead/${i}`)).text()).toBe(`/lead/${i}`);
    const first = await timing();
    expect(first).toEqual({
      count: 5,
      p50: expect.any(Number),
      p99: expect.any(Number),
      cpu_ms: expect.any(Number),
    });
    expect(first.p99).toBeGreaterThanOrEqual(first.p50);
    expect(first.p50).toBeGreaterThan(0);
    expect(await timing()).toMatchObject({ count: 0, p50: 0, p99: 0 });
  });
});
