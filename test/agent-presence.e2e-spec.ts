import {
  connectLiveClient,
  createAgent,
  createTenant,
  createUser,
  HeardEvent,
  startVoicePlatform,
  TestTenant,
  TestUser,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { AgentAbsenceService, AgentSockets } from '@app/domain';
import { LiveEvents } from '@app/events';
import { JobProducer, QueueName } from '@app/queues';
import type Redis from 'ioredis';
import type { Socket } from 'socket.io-client';

const GRACE_MS = 600;

/**
 * Presence (AGENT_PRESENCE_GRACE_MS): an agent whose own sockets have all closed, and none opened again within the
 * grace, goes offline (announced, and the dialer stops giving them calls); one reconnected in time stays; a
 * manager watching the agent's room gives them no presence; an agent on a call is left on it and goes offline
 * at the end of its after-call work instead of available. Two workers, the checks queued by the API.
 */
describe('agent presence through their sockets (e2e)', () => {
  let platform: VoicePlatform;
  let tenant: TestTenant;
  const open: Socket[] = [];

  beforeAll(async () => {
    platform = await startVoicePlatform({
      AGENT_PRESENCE_GRACE_MS: String(GRACE_MS),
      SOCKET_RECHECK_MS: '200',
    });
  }, 60_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await platform?.close();
  });

  /** An agent-role user with an agent profile of their own (no phone: no live leg), available. */
  async function agentDesk(): Promise<{ user: TestUser; agentId: string }> {
    tenant = await createTenant(platform.api.http);
    const user = await createUser(platform.api.http, tenant, 'agent');
    const agentId = await createAgent(platform.api.http, tenant, { phone: null, user_id: user.id });
    return { user, agentId };
  }

  async function join(token: string, agentId: string): Promise<{ socket: Socket; heard: HeardEvent[] }> {
    const client = await connectLiveClient(platform.api.url, token);
    open.push(client.socket);
    const joined = await client.socket.emitWithAck('agent:join', { agentId });
    expect(joined.success).toBe(true);
    return client;
  }

  async function setStatus(agentId: string, status: string): Promise<void> {
    const res = await platform.api.http
      .put(`/api/agents/${agentId}/status`)
      .set(tenant.admin.headers)
      .send({ status });
    expect(res.status).toBe(200);
  }

  const statusOf = async (agentId: string): Promise<string> =>
    (await platform.db.query(`SELECT status FROM agents WHERE id = $1`, [agentId]))[0].status;

  const offline = (agentId: string) =>
    waitFor(async () => (await statusOf(agentId)) === 'offline', 10_000, 'the agent offline');

  /** Longer than the grace and its check: a check that would act has acted. */
  const pastGrace = () => new Promise((r) => setTimeout(r, GRACE_MS + 1500));

  it('the last own socket closing puts an available agent offline after the grace, announced', async () => {
    const { user, agentId } = await agentDesk();
    const watcher = await connectLiveClient(platform.api.url, tenant.admin.token);
    open.push(watcher.socket);
    const { socket } = await join(user.token, agentId);
    await setStatus(agentId, 'available');
    socket.close();
    await offline(agentId);
    const event = await waitFor(
      () => watcher.heard.find((h) => h.event === 'agent:status:updated' && h.payload.status === 'offline'),
      5_000,
      'agent:status:updated offline',
    );
    expect(event.payload).toMatchObject({ agent_id: agentId, previous_status: 'available' });
  });

  it('an agent on a break goes offline too; `agent:leave` counts as closing', async () => {
    const { user, agentId } = await agentDesk();
    const { socket } = await join(user.token, agentId);
    await setStatus(agentId, 'break');
    expect((await socket.emitWithAck('agent:leave', { agentId })).success).toBe(true);
    await offline(agentId);
  });

  it('a socket opened again within the grace keeps the agent available', async () => {
    const { user, agentId } = await agentDesk();
    const first = await join(user.token, agentId);
    await setStatus(agentId, 'available');
    first.socket.close();
    await join(user.token, agentId);
    await pastGrace();
    expect(await statusOf(agentId)).toBe('available');
  });

  it('one of two own sockets closing keeps the agent; the second closing does not', async () => {
    const { user, agentId } = await agentDesk();
    const a = await join(user.token, agentId);
    const b = await join(user.token, agentId);
    await setStatus(agentId, 'available');
    a.socket.close();
    await pastGrace();
    expect(await statusOf(agentId)).toBe('available');
    b.socket.close();
    await offline(agentId);
  });

  it("a manager's socket watching the agent's room gives no presence: closing it changes nothing", async () => {
    const { agentId } = await agentDesk();
    const manager = await join(tenant.admin.token, agentId);
    await setStatus(agentId, 'available');
    manager.socket.close();
    await pastGrace();
    expect(await statusOf(agentId)).toBe('available');
  });

  it('an agent on a call stays on it, and goes offline (never available) when its after-call work ends', async () => {
    const { user, agentId } = await agentDesk();
    const watcher = await connectLiveClient(platform.api.url, tenant.admin.token);
    open.push(watcher.socket);
    const { socket } = await join(user.token, agentId);
    await setStatus(agentId, 'available');
    // On a call, as the dialer leaves an agent it connected.
    await platform.db.query(`UPDATE agents SET status = 'busy', current_calls = 1 WHERE id = $1`, [agentId]);
    socket.close();
    // The first check finds them on the call: away, and checked again a grace later.
    const sockets = platform.api.app.get(AgentSockets);
    await waitFor(() => sockets.away(tenant.id, agentId), 10_000, 'the agent marked away');
    expect(await statusOf(agentId)).toBe('busy');
    // The call ends at once (before that next check): after-call work that is already over, and its end's job.
    await platform.db.query(`UPDATE agents SET current_calls = 0, wrap_up_until = $2 WHERE id = $1`, [
      agentId,
      new Date(platform.clock.nowMs() - 1000),
    ]);
    await platform.api.app
      .get(JobProducer)
      .enqueue('agents.wrap-up-end', { tenant_id: tenant.id, agent_id: agentId });
    await offline(agentId);
    const [row] = await platform.db.query(`SELECT wrap_up_until FROM agents WHERE id = $1`, [agentId]);
    expect(row.wrap_up_until).toBeNull();
    // The announcement follows the commit the status read above saw; wait for it to arrive.
    const changes = () =>
      watcher.heard.filter((h) => h.event === 'agent:status:updated').map((h) => h.payload.status);
    await waitFor(() => changes().includes('offline'), 5_000, 'agent:status:updated offline');
    expect(changes()).toEqual(['available', 'offline']);
  });

  it('an agent who set themselves busy by hand (no call) goes offline; one a call holds stays on it', async () => {
    const byHand = await agentDesk();
    const byHandSocket = await join(byHand.user.token, byHand.agentId);
    await setStatus(byHand.agentId, 'busy');
    byHandSocket.socket.close();
    await offline(byHand.agentId);

    // Set available by hand while the dialer's call still holds them.
    const onCall = await agentDesk();
    const onCallSocket = await join(onCall.user.token, onCall.agentId);
    await setStatus(onCall.agentId, 'available');
    await platform.db.query(`UPDATE agents SET current_calls = 1 WHERE id = $1`, [onCall.agentId]);
    onCallSocket.socket.close();
    await pastGrace();
    expect(await statusOf(onCall.agentId)).toBe('available');
    await platform.db.query(`UPDATE agents SET current_calls = 0 WHERE id = $1`, [onCall.agentId]);
    await offline(onCall.agentId);
  });

  it('sockets that come and go while the agent is on a call keep one chain of checks', async () => {
    const { user, agentId } = await agentDesk();
    await setStatus(agentId, 'available');
    await platform.db.query(`UPDATE agents SET status = 'busy', current_calls = 1 WHERE id = $1`, [agentId]);
    for (let i = 0; i < 3; i++) (await join(user.token, agentId)).socket.close();
    await new Promise((r) => setTimeout(r, 300));
    const queue = platform.api.app.get(JobProducer).queue(QueueName.Dialer);
    const checks = (await queue.getJobs(['delayed', 'waiting', 'active'])).filter(
      (j) => j?.name === 'agents.presence-check' && j.data.agent_id === agentId,
    );
    expect(checks).toHaveLength(1);
    await platform.db.query(`UPDATE agents SET current_calls = 0 WHERE id = $1`, [agentId]);
    await offline(agentId);
  });

  it('a manager setting the agent available again clears their going away: their next after-call work ends available', async () => {
    const { user, agentId } = await agentDesk();
    await setStatus(agentId, 'available');
    await platform.db.query(`UPDATE agents SET status = 'busy', current_calls = 1 WHERE id = $1`, [agentId]);
    (await join(user.token, agentId)).socket.close();
    const sockets = platform.api.app.get(AgentSockets);
    await waitFor(() => sockets.away(tenant.id, agentId), 10_000, 'the agent marked away');
    await platform.db.query(`UPDATE agents SET current_calls = 0 WHERE id = $1`, [agentId]);
    await offline(agentId);
    // They work by phone from now on: a manager makes them available, and a call's after-call work ends.
    await setStatus(agentId, 'available');
    await platform.db.query(`UPDATE agents SET status = 'busy', wrap_up_until = $2 WHERE id = $1`, [
      agentId,
      new Date(platform.clock.nowMs() - 1000),
    ]);
    await platform.api.app
      .get(JobProducer)
      .enqueue('agents.wrap-up-end', { tenant_id: tenant.id, agent_id: agentId });
    await waitFor(async () => (await statusOf(agentId)) === 'available', 10_000, 'the agent available');
  });

  it("an agent given to another user: the old user's socket stops counting and leaves the agent's room", async () => {
    const { user, agentId } = await agentDesk();
    const { socket, heard } = await join(user.token, agentId);
    await setStatus(agentId, 'available');
    // What only the agent's room hears (the tenant's room hears status changes too).
    const live = platform.api.app.get(LiveEvents);
    const callEnded = (callId: string) =>
      live.toAgent(agentId, 'call:ended', {
        call_id: callId,
        lead_id: null,
        campaign_id: null,
        agent_id: agentId,
        disposition: 'answered',
        duration: 1,
        talk_time: 1,
        timestamp: new Date(0).toISOString(),
      });
    const heardCall = (callId: string) =>
      heard.some((h) => h.event === 'call:ended' && h.payload.call_id === callId);
    callEnded('before');
    await waitFor(() => heardCall('before'), 5_000, "the agent's room heard");

    const next = await createUser(platform.api.http, tenant, 'agent');
    const moved = await platform.api.http
      .patch(`/api/agents/${agentId}`)
      .set(tenant.admin.headers)
      .send({ user_id: next.id });
    expect(moved.status).toBe(200);
    // The next credential recheck (SOCKET_RECHECK_MS) finds the socket is no longer the agent's; the grace passes.
    await offline(agentId);
    expect(socket.connected).toBe(true);
    callEnded('after');
    await pastGrace();
    expect(heardCall('after')).toBe(false);
  });

  it("an agent whose socket's process died without closing it goes offline once the socket lapses", async () => {
    const { agentId } = await agentDesk();
    await setStatus(agentId, 'available');
    const app = platform.api.app;
    await app.get(AgentSockets).opened(tenant.id, agentId, 'socket-of-a-dead-process');
    // Its process never renews it, nor closes it: it lapses, and the dialer tick's sweep (run here: the tick is
    // platform-wide, and other suites share this database) finds it.
    await app
      .get<Redis>(REDIS)
      .zadd(
        app.get(AppConfig).redisKey('agent-sockets', tenant.id, agentId),
        Date.now() - 1,
        'socket-of-a-dead-process',
      );
    await platform.workers[0].app.get(AgentAbsenceService).checkLapsed();
    await offline(agentId);
  });
});
