import { ManualClock } from '@app/common';
import { LiveEvents } from '@app/events';
import { JobProducer, QueueName } from '@app/queues';
import {
  connectLiveClient,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  HeardEvent,
  PgSessions,
  TestApi,
  TestTenant,
  TestUser,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * An agent's status (issue 6 item 2, seed 001): `PUT agents/:id/status` and the socket's `agent:status` under the
 * same rules (own agent unless a manager, the tenant's agents only, `available` only inside working hours on the
 * test clock), each change raised as `agent:status:updated` and queued as `agents.status-changed` for the dialer;
 * `agent:join` joins the agent's room.
 */

type Json = Record<string, unknown>;
type Headers = Record<string, string>;

// Monday 2026-11-30 15:00 UTC is 10:00 in New York (the tenant's zone in these tests).
const MONDAY_10_NY = '2026-11-30T15:00:00.000Z';

describe('agent status (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let mine: TestTenant;
  let theirs: TestTenant;
  let manager: TestUser;
  let rep: TestUser;
  let repAgent: string;
  let colleague: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi({
      clock: new ManualClock(MONDAY_10_NY),
      // The test moves the clock by days: tokens must outlive that.
      env: { JWT_ACCESS_TTL_SECONDS: String(60 * 24 * 3600) },
    });
    db = api.app.get(DataSource);
    mine = await createTenant(api.http);
    theirs = await createTenant(api.http);
    manager = await createUser(api.http, mine, 'manager');
    rep = await createUser(api.http, mine, 'agent');
    const zone = await api.http
      .patch('/api/tenant')
      .set(mine.admin.headers)
      .send({ timezone: 'America/New_York' });
    expect(zone.status).toBe(200);
    repAgent = await createAgent(mine, { user_id: rep.id });
    colleague = await createAgent(mine, { name: 'Colleague' });
  });
  afterEach(() => api.clock.set(MONDAY_10_NY));
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await api.close();
  });

  async function createAgent(t: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/agents').set(t.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`POST /api/agents answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  const put = (headers: Headers, id: string, body: unknown) =>
    api.http
      .put(`/api/agents/${id}/status`)
      .set(headers)
      .send(body as object);

  const row = async (id: string) =>
    (
      await db.query(
        'SELECT status, status_changed_at, last_active_at, updated_at FROM agents WHERE tenant_id = $1 AND id = $2',
        [mine.id, id],
      )
    )[0] as Json;

  /** The `agents.status-changed` jobs queued for the agent, oldest first (no worker consumes them here). */
  async function statusJobs(agentId: string): Promise<Json[]> {
    const queue = api.app.get(JobProducer).queue(QueueName.Dialer);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'paused']);
    return jobs
      .filter((j) => j.name === 'agents.status-changed' && (j.data as Json).agent_id === agentId)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((j) => j.data as Json);
  }

  async function live(token: string): Promise<{ socket: Socket; heard: HeardEvent[] }> {
    const client = await connectLiveClient(api.url, token);
    sockets.push(client.socket);
    return client;
  }

  const ack = (socket: Socket, event: string, body: unknown) =>
    socket.timeout(5000).emitWithAck(event, body) as Promise<Json>;

  const statusEvent = (heard: HeardEvent[], agentId: string, status: string) =>
    waitFor(
      () =>
        heard.find(
          (h) =>
            h.event === 'agent:status:updated' &&
            h.payload.agent_id === agentId &&
            h.payload.status === status,
        )?.payload,
      5000,
      `agent:status:updated ${status}`,
    );

  describe('PUT /api/agents/:id/status', () => {
    it("changes the status at the clock's time, tells the tenant's sockets and queues the dialer's job", async () => {
      const { heard } = await live(manager.token);
      const agent = await createAgent(mine, { name: 'Avery' });
      const res = await put(manager.headers, agent, { status: 'available' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: agent,
        status: 'available',
        status_changed_at: MONDAY_10_NY,
        last_active_at: MONDAY_10_NY,
      });
      expect(await statusEvent(heard, agent, 'available')).toEqual({
        agent_id: agent,
        status: 'available',
        previous_status: 'offline',
        current_calls: 0,
        timestamp: MONDAY_10_NY,
      });
      expect(await statusJobs(agent)).toEqual([{ tenant_id: mine.id, agent_id: agent, status: 'available' }]);
    });

    it('keeps status_changed_at (idle since) when the same status is sent again', async () => {
      const agent = await createAgent(mine, { name: 'Idle' });
      await put(manager.headers, agent, { status: 'available' });
      api.clock.set('2026-11-30T15:05:00.000Z');
      const again = await put(manager.headers, agent, { status: 'available' });
      expect(again.body.data).toMatchObject({
        status_changed_at: MONDAY_10_NY,
        last_active_at: '2026-11-30T15:05:00.000Z',
      });
      const onBreak = await put(manager.headers, agent, { status: 'break' });
      expect(onBreak.body.data).toMatchObject({
        status: 'break',
        status_changed_at: '2026-11-30T15:05:00.000Z',
      });
    });

    it('refuses an unknown status with a 400, changing and queuing nothing', async () => {
      const agent = await createAgent(mine, { name: 'Strict' });
      const before = await row(agent);
      for (const body of [
        {},
        { status: 'sleeping' },
        { status: null },
        { status: 'available', reason: 'x' },
      ]) {
        const res = await put(manager.headers, agent, body);
        expectValidation(res, Object.keys(body).includes('reason') ? ['reason'] : ['status']);
      }
      expect(await row(agent)).toEqual(before);
      expect(await statusJobs(agent)).toEqual([]);
    });

    it('takes the status in any case, as the other enums of the API (the list filter, a campaign status)', async () => {
      const agent = await createAgent(mine, { name: 'Casey' });
      const res = await put(manager.headers, agent, { status: 'Break' });
      expect({ status: res.status, agent: res.body.data?.status }).toEqual({ status: 200, agent: 'break' });
      expect((await row(agent)).status).toBe('break');
      const socket = (await live(manager.token)).socket;
      expect(await ack(socket, 'agent:status', { agentId: agent, status: 'OFFLINE' })).toMatchObject({
        success: true,
        data: { id: agent, status: 'offline' },
      });
      expect((await row(agent)).status).toBe('offline');
    });

    it("lets an agent-role user set their own status, not a colleague's", async () => {
      const own = await put(rep.headers, repAgent, { status: 'break' });
      expect({ status: own.status, agent: own.body.data?.status }).toEqual({ status: 200, agent: 'break' });
      const before = await row(colleague);
      const jobsBefore = await statusJobs(colleague);
      expectError(await put(rep.headers, colleague, { status: 'available' }), 403, 'AUTHORIZATION_FAILED');
      // An agent-role user with no agent of their own sets nobody's.
      const stranger = await createUser(api.http, mine, 'agent');
      expectError(await put(stranger.headers, colleague, { status: 'offline' }), 403, 'AUTHORIZATION_FAILED');
      expect(await row(colleague)).toEqual(before);
      expect(await statusJobs(colleague)).toEqual(jobsBefore);
    });

    it("answers 404 for another tenant's agent, changing nothing", async () => {
      const before = await row(colleague);
      expectError(await put(theirs.admin.headers, colleague, { status: 'available' }), 404, 'NOT_FOUND');
      expect(await row(colleague)).toEqual(before);
    });
  });

  describe('working hours', () => {
    const monday9to5 = { monday: { start: '09:00', end: '17:00' } };

    it("refuses available outside the agent's hours in the tenant's zone (422), and allows it inside", async () => {
      const agent = await createAgent(mine, { name: 'Shift', working_hours: monday9to5 });
      api.clock.set('2026-11-30T13:59:00.000Z'); // 08:59 in New York
      const before = await row(agent);
      const early = await put(manager.headers, agent, { status: 'available' });
      expect({ status: early.status, body: early.body }).toEqual({
        status: 422,
        body: {
          success: false,
          error: {
            code: 'POLICY_VIOLATION',
            message: 'The agent is outside their working hours',
            details: { rule: 'working_hours', timezone: 'America/New_York', working_hours: monday9to5 },
          },
        },
      });
      expect(await row(agent)).toEqual(before);
      expect(await statusJobs(agent)).toEqual([]);
      // Other statuses are not refused outside working hours.
      expect((await put(manager.headers, agent, { status: 'break' })).status).toBe(200);

      api.clock.set('2026-11-30T14:00:00.000Z'); // 09:00 in New York
      const onTime = await put(manager.headers, agent, { status: 'available' });
      expect(onTime.body.data).toMatchObject({
        status: 'available',
        status_changed_at: '2026-11-30T14:00:00.000Z',
      });
      api.clock.set('2026-11-30T22:00:00.000Z'); // 17:00: re-sending available is refused too
      expect((await put(manager.headers, agent, { status: 'available' })).status).toBe(422);
    });

    it("reads the agent's own zone first, and overnight ranges into the next day", async () => {
      const tokyo = await createAgent(mine, {
        name: 'Tokyo',
        working_hours: monday9to5,
        timezone: 'Asia/Tokyo',
      });
      // 15:00 UTC Monday is 00:00 Tuesday in Tokyo.
      const res = await put(manager.headers, tokyo, { status: 'available' });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toMatchObject({ rule: 'working_hours', timezone: 'Asia/Tokyo' });

      const night = await createAgent(mine, {
        name: 'Night',
        timezone: 'UTC',
        working_hours: { friday: { start: '22:00', end: '06:00' } },
      });
      api.clock.set('2026-12-05T05:59:00.000Z'); // Saturday 05:59 UTC
      expect((await put(manager.headers, night, { status: 'available' })).status).toBe(200);
      api.clock.set('2026-12-05T06:00:00.000Z');
      expect((await put(manager.headers, night, { status: 'available' })).status).toBe(422);
    });

    it('refuses available, busy and break for an inactive agent (409): they stay offline', async () => {
      const agent = await createAgent(mine, { name: 'Gone', is_active: false });
      const before = await row(agent);
      for (const status of ['available', 'busy', 'break']) {
        const res = await put(manager.headers, agent, { status });
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'is_active' } });
      }
      expect(await row(agent)).toEqual(before);
      expect(await statusJobs(agent)).toEqual([]);
      expect((await put(manager.headers, agent, { status: 'offline' })).status).toBe(200);
    });

    it('an agent deactivated while their PUT available waits stays offline: 409, no job for the dialer', async () => {
      const agent = await createAgent(mine, { name: 'Leaving', phone: '+12125550147' });
      const sessions = new PgSessions(db);
      try {
        // The deactivation (PATCH is_active false of an offline agent) holds the row while the PUT has read it active.
        const { tx, pid } = await sessions.begin();
        await tx.query('SELECT 1 FROM agents WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [mine.id, agent]);
        const pending = put(manager.headers, agent, { status: 'available' }).then((res) => res);
        expect(await sessions.doneOrWaiting(pending, [pid])).toHaveLength(1);
        await tx.query('UPDATE agents SET is_active = false WHERE tenant_id = $1 AND id = $2', [
          mine.id,
          agent,
        ]);
        await tx.commitTransaction();
        const res = await pending;
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'is_active' } });
      } finally {
        await sessions.close();
      }
      expect((await row(agent)).status).toBe('offline');
      expect(await statusJobs(agent)).toEqual([]);
    });
  });

  describe('on a call, and after it', () => {
    it('refuses available while the agent holds a call (409): another lead would be put through to them', async () => {
      const agent = await createAgent(mine, { name: 'Talking' });
      await db.query(
        `UPDATE agents SET status = 'busy', current_calls = 1, max_concurrent_calls = 2 WHERE id = $1`,
        [agent],
      );
      const before = await row(agent);
      const res = await put(manager.headers, agent, { status: 'available' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'status' } });
      expect(await row(agent)).toEqual(before);
      expect(await statusJobs(agent)).toEqual([]);
      // A break (or offline) is taken: it applies once the call ends.
      expect((await put(manager.headers, agent, { status: 'break' })).body.data).toMatchObject({
        status: 'break',
        current_calls: 1,
      });
    });

    it('set by hand during after-call work, a status ends it: the wrap-up no longer makes them available', async () => {
      const agent = await createAgent(mine, { name: 'Wrapping' });
      await db.query(
        `UPDATE agents SET status = 'busy', current_calls = 0, wrap_up_until = $2 WHERE id = $1`,
        [agent, '2026-11-30T15:00:30.000Z'],
      );
      expect((await put(manager.headers, agent, { status: 'busy' })).status).toBe(200);
      const [after] = await db.query(`SELECT status, wrap_up_until FROM agents WHERE id = $1`, [agent]);
      expect(after).toEqual({ status: 'busy', wrap_up_until: null });
    });
  });

  describe('socket.io', () => {
    it('agent:join joins the own agent room only: the agent, or a manager for any agent of the tenant', async () => {
      const { socket, heard } = await live(rep.token);
      const joined = await ack(socket, 'agent:join', { agentId: repAgent, tenantId: mine.id });
      expect(joined).toEqual({
        success: true,
        data: {
          room: `agent:${repAgent}`,
          agent: expect.objectContaining({ id: repAgent, user_id: rep.id }),
        },
      });
      expect(await ack(socket, 'agent:join', { agentId: colleague })).toEqual({
        success: false,
        error: { code: 'AUTHORIZATION_FAILED', message: expect.any(String), details: null },
      });
      const theirAgent = await createAgent(theirs, { name: 'Theirs' });
      for (const body of [{ agentId: theirAgent }, { agent_id: randomUUID() }, { agentId: 'agent-1' }]) {
        expect(await ack(socket, 'agent:join', body)).toEqual({
          success: false,
          error: { code: 'NOT_FOUND', message: 'Agent not found', details: null },
        });
      }
      expect(await ack(socket, 'agent:join', {})).toMatchObject({
        success: false,
        error: { code: 'VALIDATION_ERROR' },
      });

      const watcher = await live(manager.token);
      expect(await ack(watcher.socket, 'agent:join', { agentId: colleague })).toMatchObject({
        success: true,
      });

      // An event for an agent's room reaches the sockets that joined it, and no other.
      const events = api.app.get(LiveEvents);
      const call = {
        call_id: randomUUID(),
        lead_id: null,
        campaign_id: null,
        direction: 'inbound' as const,
        first_name: 'Lee',
        last_name: null,
        phone: '+14155550100',
        notes: null,
        timestamp: MONDAY_10_NY,
      };
      events.toAgent(repAgent, 'incoming:call', { ...call, agent_id: repAgent });
      events.toAgent(colleague, 'incoming:call', { ...call, agent_id: colleague });
      await waitFor(() => heard.find((h) => h.event === 'incoming:call'), 5000, 'incoming:call');
      await waitFor(() => watcher.heard.find((h) => h.event === 'incoming:call'), 5000, 'incoming:call');
      await new Promise((r) => setTimeout(r, 200));
      expect(heard.filter((h) => h.event === 'incoming:call').map((h) => h.payload.agent_id)).toEqual([
        repAgent,
      ]);
      expect(watcher.heard.filter((h) => h.event === 'incoming:call').map((h) => h.payload.agent_id)).toEqual(
        [colleague],
      );

      // agent:leave: the room's events stop.
      expect(await ack(socket, 'agent:leave', { agentId: repAgent })).toEqual({
        success: true,
        data: { room: `agent:${repAgent}` },
      });
      events.toAgent(repAgent, 'incoming:call', { ...call, agent_id: repAgent, call_id: randomUUID() });
      await new Promise((r) => setTimeout(r, 300));
      expect(heard.filter((h) => h.event === 'incoming:call')).toHaveLength(1);
    });

    it('agent:join with agentId and agent_id of different values is refused naming agent_id; the same value joins', async () => {
      const { socket } = await live(rep.token);
      expect(await ack(socket, 'agent:join', { agent_id: colleague, agentId: repAgent })).toEqual({
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: expect.stringContaining('agent_id'),
          details: [{ field: 'agent_id', reason: expect.stringContaining('agentId') }],
        },
      });
      expect(socket.connected).toBe(true);
      expect(await ack(socket, 'agent:join', { agent_id: repAgent, agentId: repAgent })).toMatchObject({
        success: true,
        data: { room: `agent:${repAgent}` },
      });
    });

    it('agent:leave of a room the socket is not in answers as agent:join would: refused where it may not enter', async () => {
      const { socket } = await live(rep.token);
      // Its own room, not joined (or left already): nothing to leave, and nothing refused.
      for (let i = 0; i < 2; i++)
        expect(await ack(socket, 'agent:leave', { agentId: repAgent })).toEqual({
          success: true,
          data: { room: `agent:${repAgent}` },
        });
      expect(await ack(socket, 'agent:leave', { agentId: colleague })).toEqual({
        success: false,
        error: { code: 'AUTHORIZATION_FAILED', message: expect.any(String), details: null },
      });
      const theirAgent = await createAgent(theirs, { name: 'Theirs too' });
      for (const body of [{ agentId: theirAgent }, { agent_id: randomUUID() }, { agentId: 'agent-1' }]) {
        expect(await ack(socket, 'agent:leave', body)).toEqual({
          success: false,
          error: { code: 'NOT_FOUND', message: 'Agent not found', details: null },
        });
      }
      expect(await ack(socket, 'agent:leave', {})).toMatchObject({
        success: false,
        error: { code: 'VALIDATION_ERROR' },
      });
    });

    it('agent:status sets the own status as PUT does: ack, agent:status:updated heard, job queued', async () => {
      const { socket, heard } = await live(rep.token);
      await ack(socket, 'agent:join', { agentId: repAgent });
      const other = await live(theirs.admin.token);
      const jobsBefore = (await statusJobs(repAgent)).length;
      api.clock.set('2026-11-30T16:00:00.000Z');
      const res = await ack(socket, 'agent:status', { agentId: repAgent, status: 'available' });
      expect(res).toEqual({
        success: true,
        data: expect.objectContaining({
          id: repAgent,
          status: 'available',
          status_changed_at: '2026-11-30T16:00:00.000Z',
        }),
      });
      expect(await statusEvent(heard, repAgent, 'available')).toMatchObject({
        agent_id: repAgent,
        status: 'available',
        timestamp: '2026-11-30T16:00:00.000Z',
      });
      const jobs = await statusJobs(repAgent);
      expect(jobs.slice(jobsBefore)).toEqual([
        { tenant_id: mine.id, agent_id: repAgent, status: 'available' },
      ]);
      expect((await row(repAgent)).status).toBe('available');
      // Another tenant's sockets hear nothing of it.
      await new Promise((r) => setTimeout(r, 200));
      expect(other.heard.filter((h) => h.event === 'agent:status:updated')).toEqual([]);
    });

    it('agent:status refuses what PUT refuses, in the ack, changing nothing', async () => {
      const { socket } = await live(rep.token);
      const shift = await createAgent(mine, {
        name: 'Socket shift',
        user_id: (await createUser(api.http, mine, 'agent')).id,
        working_hours: { tuesday: { start: '09:00', end: '17:00' } },
      });
      const before = { own: await row(repAgent), colleague: await row(colleague), shift: await row(shift) };
      expect(await ack(socket, 'agent:status', { agentId: colleague, status: 'offline' })).toEqual({
        success: false,
        error: { code: 'AUTHORIZATION_FAILED', message: expect.any(String), details: null },
      });
      expect(await ack(socket, 'agent:status', { agentId: repAgent, status: 'asleep' })).toEqual({
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: expect.any(String),
          details: [{ field: 'status', reason: expect.any(String) }],
        },
      });
      expect(await ack(socket, 'agent:status', { status: 'offline' })).toMatchObject({
        success: false,
        error: { code: 'VALIDATION_ERROR' },
      });
      // A manager's socket: outside the agent's working hours (Monday here), available is a policy refusal.
      const managerSocket = (await live(manager.token)).socket;
      expect(await ack(managerSocket, 'agent:status', { agentId: shift, status: 'available' })).toEqual({
        success: false,
        error: {
          code: 'POLICY_VIOLATION',
          message: 'The agent is outside their working hours',
          details: expect.objectContaining({ rule: 'working_hours', timezone: 'America/New_York' }),
        },
      });
      // A field nested deep beside the ones read is not walked: the usual refusal, no internal error.
      let deep: unknown = 'x';
      for (let i = 0; i < 3000; i++) deep = [deep];
      expect(
        await ack(socket, 'agent:status', { agentId: colleague, status: 'offline', extra: deep }),
      ).toEqual({
        success: false,
        error: { code: 'AUTHORIZATION_FAILED', message: expect.any(String), details: null },
      });
      const theirSocket = (await live(theirs.admin.token)).socket;
      expect(await ack(theirSocket, 'agent:status', { agentId: repAgent, status: 'offline' })).toMatchObject({
        success: false,
        error: { code: 'NOT_FOUND' },
      });
      expect({ own: await row(repAgent), colleague: await row(colleague), shift: await row(shift) }).toEqual(
        before,
      );
      expect(await statusJobs(shift)).toEqual([]);
    });
  });
});
