import { createTenant, insertAgentRow, insertBroadcastRows, useTestApi } from '@app/testing';
import { DialerPacerService } from './dialer-pacer.service';

/**
 * Preview dialing offers a lead only to an agent the call can be put through to: one with a phone (or a live leg).
 * An agent with neither, offered the lead, would dial it, and the person who answered would wait on hold for an
 * agent the dialer cannot ring until they hung up (counted abandoned). The pacer's other modes pass them over too.
 */
describe('preview offers go to reachable agents (integration)', () => {
  const api = useTestApi();

  async function availableAgent(tenantId: string, name: string, phone: string | null, idleSince: string) {
    const id = await insertAgentRow(api.db, tenantId, { name });
    await api.db.query(
      `UPDATE agents SET status = 'available', phone = $2, status_changed_at = $3 WHERE id = $1`,
      [id, phone, idleSince],
    );
    return id;
  }

  it('passes over an available agent without a phone, however long idle, for one the call can reach', async () => {
    const t = await createTenant(api.http);
    const campaignId = await insertBroadcastRows(api.db, t.id, '+12125550191');
    // The same rows as a broadcast, made a preview campaign that connects its leads to agents.
    await api.db.query(
      `UPDATE campaign_steps SET options = '{"call_mode": "connect_agent"}' WHERE campaign_id = $1`,
      [campaignId],
    );
    await api.db.query(
      `UPDATE campaigns SET dialing_mode = 'preview', caller_id = '+14155559999' WHERE id = $1`,
      [campaignId],
    );
    const unreachable = await availableAgent(t.id, 'No phone', null, '2020-01-01T00:00:00Z');
    const reachable = await availableAgent(t.id, 'Has phone', '+14155550123', '2024-01-01T00:00:00Z');

    await api.app.get(DialerPacerService).pace({ tenant_id: t.id, campaign_id: campaignId });

    const offers = await api.db.query(
      `SELECT agent_id, metadata FROM calls WHERE tenant_id = $1 AND kind = 'dialer'`,
      [t.id],
    );
    expect(offers).toEqual([{ agent_id: reachable, metadata: expect.objectContaining({ preview: true }) }]);
    const agents = await api.db.query(
      `SELECT id, status, current_calls FROM agents WHERE tenant_id = $1 ORDER BY name`,
      [t.id],
    );
    expect(agents).toEqual([
      { id: reachable, status: 'busy', current_calls: 1 },
      { id: unreachable, status: 'available', current_calls: 0 },
    ]);
  });
});
