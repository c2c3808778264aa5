import { createAgent, createTenant, TestTenant, useTestApi } from '@app/testing';
import { DialerAgentsRepository, PRESENCE_PENDING_SECONDS } from './dialer-agents.repository';

/**
 * An agent who has just become available is held from the dialer (`leg_pending`) until the worker's
 * `agents.status-changed` job has dealt with their live leg: without it, a pacer that saw them first bridged an
 * answered lead by calling their phone, and the live leg never came. No worker runs here, so the job never does.
 */
describe('agent presence hold (integration)', () => {
  const api = useTestApi();
  let agents: DialerAgentsRepository;
  let t: TestTenant;

  beforeAll(async () => {
    agents = new DialerAgentsRepository(api.db);
    t = await createTenant(api.http);
  });

  const newAgent = () => createAgent(api.http, t);
  async function setStatus(agentId: string, status: string): Promise<void> {
    const res = await api.http.put(`/api/agents/${agentId}/status`).set(t.admin.headers).send({ status });
    expect(res.status).toBe(200);
  }

  it('holds a newly available agent until the status job settles them', async () => {
    const agentId = await newAgent();
    expect(await agents.find(t.id, agentId)).toMatchObject({ leg_pending: false, presence_pending_at: null });
    await setStatus(agentId, 'available');
    const held = await agents.find(t.id, agentId);
    expect(held).toMatchObject({ status: 'available', leg_pending: true });
    expect(held?.presence_pending_at).toBeInstanceOf(Date);
    const [listed] = await agents.available(t.id, null, 10);
    expect(listed).toMatchObject({ id: agentId, leg_pending: true });

    await agents.settlePresence(t.id, agentId, held?.presence_pending_at as Date);
    expect(await agents.find(t.id, agentId)).toMatchObject({ leg_pending: false, presence_pending_at: null });
  });

  it('a settle keeps the hold of a later change, whose own job clears it', async () => {
    const agentId = await newAgent();
    await setStatus(agentId, 'available');
    const first = (await agents.find(t.id, agentId))?.presence_pending_at as Date;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await setStatus(agentId, 'available');
    const second = (await agents.find(t.id, agentId))?.presence_pending_at as Date;
    expect(second.getTime()).toBeGreaterThan(first.getTime());

    await agents.settlePresence(t.id, agentId, first);
    expect(await agents.find(t.id, agentId)).toMatchObject({
      leg_pending: true,
      presence_pending_at: second,
    });
    await agents.settlePresence(t.id, agentId, second);
    expect(await agents.find(t.id, agentId)).toMatchObject({ leg_pending: false, presence_pending_at: null });
  });

  it(`a hold older than ${PRESENCE_PENDING_SECONDS} s (its job lost) no longer keeps the agent from calls`, async () => {
    const agentId = await newAgent();
    await setStatus(agentId, 'available');
    await api.db.query(
      `UPDATE agents SET presence_pending_at = clock_timestamp() - make_interval(secs => $2) WHERE id = $1`,
      [agentId, PRESENCE_PENDING_SECONDS + 1],
    );
    expect(await agents.find(t.id, agentId)).toMatchObject({ status: 'available', leg_pending: false });
  });

  it('an agent without a phone gets no live leg, so is not held', async () => {
    const agentId = await createAgent(api.http, t, { name: 'Soft Phone', phone: null });
    await setStatus(agentId, 'available');
    expect(await agents.find(t.id, agentId)).toMatchObject({
      status: 'available',
      leg_pending: false,
      presence_pending_at: null,
    });
  });

  it('going on a break or offline drops the hold', async () => {
    const agentId = await newAgent();
    await setStatus(agentId, 'available');
    await setStatus(agentId, 'break');
    expect(await agents.find(t.id, agentId)).toMatchObject({
      status: 'break',
      leg_pending: false,
      presence_pending_at: null,
    });
  });
});
