import {
  createTenant,
  insertAgentRow,
  insertCallRow,
  insertCampaignRows,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { DialerPoolRepository } from './dialer-pool.repository';
import { PacerSnapshotsRepository } from './pacer-snapshots.repository';

/**
 * The pacer dials lines for the agents who can take a call now: an agent who just went available, whose live leg is
 * still ringing (not yet in their conference), is not one of them. A lead dialed for them could answer with no one
 * to take it and be abandoned after 2 s. Once the leg is in the conference they count.
 */
describe("the pacer's view of its agents (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('leaves out an available agent whose live leg is not in their conference yet', async () => {
    const { id: campaignId } = await insertCampaignRows(api.db, t.id, {
      leadIds: [],
      steps: [{ type: 'CALL', content: 'Pitch' }],
    });
    const agentId = await insertAgentRow(api.db, t.id, { name: 'Ada' });
    await api.db.query(`UPDATE agents SET status = 'available', phone = '+14155550100' WHERE id = $1`, [
      agentId,
    ]);
    const legId = await insertCallRow(api.db, t.id, {
      kind: 'agent_leg',
      agent_id: agentId,
      call_sid: `CA${'6'.repeat(32)}`,
      status: 'ringing',
    });
    const campaign = (await api.app.get(DialerPoolRepository).campaign(t.id, campaignId))!;
    const snapshots = api.app.get(PacerSnapshotsRepository);

    expect((await snapshots.snapshot(campaign, api.clock.now())).agents).toEqual([]);

    await api.db.query(`UPDATE calls SET status = 'in-progress', conference_sid = $2 WHERE id = $1`, [
      legId,
      `CF${'6'.repeat(32)}`,
    ]);
    expect((await snapshots.snapshot(campaign, api.clock.now())).agents).toEqual([
      { state: 'available', since_ms: expect.any(Number) },
    ]);
  });

  it('leaves out an available agent who cannot be reached (no phone, no live leg): leads dialed for them would be abandoned', async () => {
    const other = await createTenant(api.http);
    const { id: campaignId } = await insertCampaignRows(api.db, other.id, {
      leadIds: [],
      steps: [{ type: 'CALL', content: 'Pitch' }],
    });
    const agentId = await insertAgentRow(api.db, other.id, { name: 'Softphone off' });
    await api.db.query(`UPDATE agents SET status = 'available' WHERE id = $1`, [agentId]);
    const campaign = (await api.app.get(DialerPoolRepository).campaign(other.id, campaignId))!;
    const snapshots = api.app.get(PacerSnapshotsRepository);
    expect((await snapshots.snapshot(campaign, api.clock.now())).agents).toEqual([]);
  });
});

/**
 * An AMD answer the campaign sends to an agent (`unknown` by default, or any its `amd_actions` say `agent` for) is
 * a person waiting for one, as `human` is: the pacer counts them among the people the calls in flight bring, and
 * in the abandonment rate's denominator as its numerator counts them when no agent took them in time.
 */
describe("the pacer's view of people AMD could not tell (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('counts an unknown AMD answer sent to an agent as a person, waiting or abandoned', async () => {
    const { id: campaignId } = await insertCampaignRows(api.db, t.id, {
      leadIds: [],
      steps: [{ type: 'CALL', content: 'Pitch' }],
    });
    await api.db.query(`UPDATE campaigns SET amd_enabled = true, dialing_mode = 'predictive' WHERE id = $1`, [
      campaignId,
    ]);
    const now = api.clock.now();
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    const call = (fields: Record<string, unknown>) =>
      insertCallRow(api.db, t.id, {
        campaign_id: campaignId,
        created_at: ago(60),
        start_time: ago(60),
        ...fields,
      });
    // Waiting for an agent now.
    await call({ status: 'in-progress', answer_time: ago(10), answered_by: 'unknown' });
    // No agent took it in time.
    await call({
      answer_time: ago(50),
      answered_by: 'unknown',
      end_time: ago(40),
      disposition: 'abandoned',
    });
    const pool = api.app.get(DialerPoolRepository);
    const snapshots = api.app.get(PacerSnapshotsRepository);
    const snapshot = await snapshots.snapshot((await pool.campaign(t.id, campaignId))!, now);
    expect(snapshot.calls).toEqual([expect.objectContaining({ human: true })]);
    expect(snapshot.stats).toMatchObject({
      human_answers: 1,
      abandoned: 1,
      period_human_answers: 1,
      period_abandoned: 1,
    });

    // Configured to hang up on an unknown answer, it is no one waiting (and no human answer).
    await api.db.query(`UPDATE campaigns SET amd_actions = '{"unknown": "hangup"}' WHERE id = $1`, [
      campaignId,
    ]);
    const hangingUp = await snapshots.snapshot((await pool.campaign(t.id, campaignId))!, now);
    expect(hangingUp.calls).toEqual([expect.objectContaining({ human: false })]);
    expect(hangingUp.stats).toMatchObject({ human_answers: 0, period_human_answers: 0 });
  });
});
