import { PLATFORM_JOBS } from '@app/queues';
import {
  AppProcess,
  createTenant,
  isolatedDatabase,
  IsolatedDatabase,
  PROCESS_START_MS,
  runEntry,
  startProcess,
  startProcesses,
  testEnv,
  TestTenant,
} from '@app/testing';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import WebSocket from 'ws';

/**
 * The platform as operators run it: two API processes and a worker process sharing one Postgres and one Redis.
 * A job processed by the worker raises an event that clients of either API receive, and no other tenant does.
 */
describe('live events across processes (e2e)', () => {
  let database: IsolatedDatabase;
  let env: Record<string, string>;
  let apiA: AppProcess;
  let apiB: AppProcess;
  let worker: AppProcess;
  let tenant1: TestTenant;
  let tenant2: TestTenant;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // The worker's sweeps read every tenant's rows: on the shared test database they would take up other files'
    // (a message another file left queued under an old platform clock would be sent, and logged, by this worker).
    database = await isolatedDatabase();
    env = testEnv({ LOG_LEVEL: 'debug', DATABASE_URL: database.url });
    [apiA, apiB, worker] = await startProcesses([
      startProcess('api', env),
      startProcess('api', env),
      startProcess('worker', env),
    ]);
    tenant1 = await createTenant(request(apiA.url));
    tenant2 = await createTenant(request(apiB.url));
  }, PROCESS_START_MS + 120_000);

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all([apiA, apiB, worker].filter(Boolean).map((p) => p.stop()));
    await database?.drop();
  });

  function connect(
    url: string,
    auth: Record<string, string>,
    query?: Record<string, string>,
    extraHeaders?: Record<string, string>,
  ): Promise<Socket> {
    const socket = io(url, {
      auth,
      query,
      extraHeaders,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => reject(err));
    });
  }

  function collect(socket: Socket, event: string): unknown[] {
    const seen: unknown[] = [];
    socket.on(event, (payload: unknown) => seen.push(payload));
    return seen;
  }

  const until = async (check: () => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('takes the token from an Authorization: Bearer header too (a client that sends it as for REST)', async () => {
    const socket = await connect(apiA.url, {}, undefined, { Authorization: `Bearer ${tenant1.admin.token}` });
    expect(socket.connected).toBe(true);
    await expect(
      connect(apiA.url, {}, undefined, { Authorization: 'Basic dXNlcjpwYXNz' }),
    ).rejects.toMatchObject({ message: 'The handshake needs a token' });
  });

  it('refuses a handshake without a token, with a bad one, or with a revoked API key', async () => {
    await expect(connect(apiA.url, {})).rejects.toMatchObject({
      message: 'The handshake needs a token',
      data: { code: 'AUTHENTICATION_REQUIRED' },
    });
    await expect(connect(apiA.url, { token: 'not-a-token' })).rejects.toMatchObject({
      data: { code: 'AUTHENTICATION_REQUIRED' },
    });
    const key = await request(apiA.url)
      .post('/api/api-keys')
      .set(tenant1.admin.headers)
      .send({ name: 'socket', role: 'agent' });
    await request(apiA.url)
      .delete(`/api/api-keys/${key.body.data.id}`)
      .set(tenant1.admin.headers)
      .expect(200);
    await expect(connect(apiB.url, { api_key: key.body.data.key })).rejects.toMatchObject({
      data: { code: 'AUTHENTICATION_REQUIRED' },
    });
  });

  it('a handshake whose token is a list nested 50,000 deep is refused, and the process lives on', async () => {
    // Written by hand: the client's own JSON.stringify would run out of stack first.
    const url = `${apiA.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const token = `${'['.repeat(50_000)}"x"${']'.repeat(50_000)}`;
    const answer = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('error', reject);
      ws.on('message', (data) => {
        const text = String(data);
        if (text.startsWith('0')) ws.send(`40{"token":${token}}`);
        else if (text.startsWith('4')) {
          ws.close();
          resolve(text);
        }
      });
    });
    expect(answer.startsWith('44')).toBe(true);
    expect(JSON.parse(answer.slice(2))).toMatchObject({ data: { code: 'AUTHENTICATION_REQUIRED' } });
    const after = await connect(apiA.url, { token: tenant1.admin.token });
    expect(after.connected).toBe(true);
  });

  it("a worker's event reaches the tenant's clients on both API processes, and no other tenant", async () => {
    const onA = await connect(apiA.url, { token: tenant1.admin.token });
    const onB = await connect(apiB.url, {}, { token: tenant1.admin.token });
    const otherTenant = await connect(apiB.url, { token: tenant2.admin.token });
    const [seenA, seenB, seenOther] = [
      collect(onA, 'system:pong'),
      collect(onB, 'system:pong'),
      collect(otherTenant, 'system:pong'),
    ];

    const ping = await request(apiA.url).post('/api/admin/queues/ping').set(tenant1.admin.headers);
    expect(ping.status).toBe(202);
    expect(ping.body).toEqual({ success: true, data: { job_id: expect.any(String), status: 'queued' } });
    const jobId = ping.body.data.job_id;

    await until(() => seenA.length > 0 && seenB.length > 0);
    const expected = {
      job_id: jobId,
      requested_by: tenant1.admin.id,
      requested_at: expect.any(String),
      processed_at: expect.any(String),
    };
    expect(seenA).toEqual([expected]);
    expect(seenB).toEqual([expected]);

    // The other tenant's own ping reaches it (so its socket works) while tenant 1's never did.
    const otherPing = await request(apiB.url)
      .post('/api/admin/queues/ping')
      .set(tenant2.admin.headers)
      .expect(202);
    await until(() => seenOther.length > 0);
    expect(seenOther).toEqual([
      expect.objectContaining({ job_id: otherPing.body.data.job_id, requested_by: tenant2.admin.id }),
    ]);
    expect(seenA).toHaveLength(1);
    expect(seenB).toHaveLength(1);
  });

  it('logs every request and job with its id and tenant, and never a secret', async () => {
    const email = tenant1.admin.email;
    await request(apiB.url)
      .post('/api/auth/login')
      .send({ email, password: 'wrong password value' })
      .expect(401);
    const apiLines = [...apiA.logLines(), ...apiB.logLines()];
    const requestLines = apiLines.filter((l) => l.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThan(3);
    for (const line of requestLines)
      expect(line.request_id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const authenticated = requestLines.filter((l) =>
      String((l.req as { url: string }).url).startsWith('/api/admin/queues/ping'),
    );
    expect(authenticated.map((l) => l.tenant_id).sort()).toEqual([tenant1.id, tenant2.id].sort());

    // The platform's repeating jobs (the sweep of queued messages, the campaign tick) may run meanwhile: they carry
    // no tenant.
    const jobLines = worker.logLines().filter((l) => l.msg === 'Job completed');
    const pings = jobLines.filter((l) => l.job === 'system.ping');
    expect(pings.length).toBeGreaterThanOrEqual(2);
    for (const line of pings) {
      expect(line).toMatchObject({
        queue: 'system',
        job_id: expect.any(String),
        tenant_id: expect.any(String),
      });
    }
    for (const line of jobLines.filter((l) => l.job !== 'system.ping')) {
      expect(PLATFORM_JOBS).toContain(line.job);
      expect(line).toMatchObject({ job_id: expect.any(String), tenant_id: null });
    }

    const everything = [apiA.output(), apiB.output(), worker.output()].join('\n');
    for (const secret of [
      tenant1.admin.token,
      tenant1.admin.refresh_token,
      tenant2.admin.token,
      'correct horse battery staple',
      'wrong password value',
      env.JWT_SECRET,
      env.ENCRYPTION_KEY,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/\$argon2id\$/);
  });

  it('a process with a bad variable stops with one line naming it', async () => {
    const child = runEntry('api', { ...env, JWT_SECRET: 'too-short', PORT: '0' });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'Invalid configuration: JWT_SECRET must be at least 32 characters',
    ]);
    // A ts-node process compiles the app before it reads its config: on a loaded machine that alone took 30 s.
  }, 90_000);
});
