import { ProviderError } from '@app/providers';
import { apiOnIsolatedDatabase, createTenant, insertBroadcastRows, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DialerLeases } from './dialer-leases';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { DialerPacerService } from './dialer-pacer.service';
import { DialerTickService } from './dialer-tick.service';

/**
 * Pacing rounds, run here (no worker) on voice-broadcast campaigns (no agent needed). One pacer per campaign at a
 * time: its Redis lease is renewed before each placement, and a round whose lease has lapsed (a slow provider held
 * it past its time, and another worker's pacer may hold it now) places nothing more. A placement whose outcome is
 * unknown (the provider may have taken it) is not failed: its callbacks would record it; the tick's sweep of lost
 * placements fails it once no callback came. On a database of its own: the tick's sweeps read every tenant's calls.
 */
describe('pacing rounds (integration)', () => {
  let t: TestTenant;
  let leases: DialerLeases;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    t = await createTenant(on.api.http);
    leases = on.api.app.get(DialerLeases);
  });

  it('renews only the lease its token holds', async () => {
    const campaignId = randomUUID();
    const token = (await leases.acquire(campaignId, 1000))!;
    expect(await leases.renew(campaignId, token, 60_000)).toBe(true);
    expect(await leases.renew(campaignId, 'someone-else', 60_000)).toBe(false);
    await leases.release(campaignId, token);
    expect(await leases.renew(campaignId, token, 60_000)).toBe(false);
    expect(await leases.acquire(campaignId, 1000)).not.toBeNull();
  });

  const broadcast = (phone: string) => insertBroadcastRows(on.db, t.id, phone);
  const calls = (campaignId: string) =>
    on.db.query(`SELECT id FROM calls WHERE tenant_id = $1 AND campaign_id = $2`, [t.id, campaignId]);

  it('a round whose lease lapsed places no call; one that holds it places its calls', async () => {
    const pacer = on.api.app.get(DialerPacerService);
    const lapsed = await broadcast('+12125550181');
    const renew = jest.spyOn(leases, 'renew').mockResolvedValue(false);
    try {
      await pacer.pace({ tenant_id: t.id, campaign_id: lapsed });
    } finally {
      renew.mockRestore();
    }
    expect(await calls(lapsed)).toEqual([]);

    const held = await broadcast('+12125550182');
    await pacer.pace({ tenant_id: t.id, campaign_id: held });
    expect(await calls(held)).toHaveLength(1);
  });

  it('a placement whose outcome is unknown stays open for its callbacks; the lost-placement sweep fails it later', async () => {
    const campaignId = await broadcast('+12125550183');
    const port = (await on.api.app.get(VoiceChannelsService).resolve(t.id)).port;
    const placeCall = jest.spyOn(port.constructor.prototype, 'placeCall').mockRejectedValue(
      new ProviderError({
        provider: 'twilio',
        kind: 'unavailable',
        message: 'The request timed out',
        mayHaveBeenSent: true,
      }),
    );
    try {
      await on.api.app.get(DialerPacerService).pace({ tenant_id: t.id, campaign_id: campaignId });
    } finally {
      placeCall.mockRestore();
    }
    const row = async () =>
      (
        await on.db.query(
          `SELECT status, call_sid, end_time, disposition, metadata->>'failure' AS failure FROM calls
            WHERE tenant_id = $1 AND campaign_id = $2`,
          [t.id, campaignId],
        )
      )[0];
    expect(await row()).toEqual({
      status: 'queued',
      call_sid: null,
      end_time: null,
      disposition: null,
      failure: null,
    });

    // No callback came: past the sweep's wait, the tick ends it failed (and the retry policy decides).
    on.api.clock.advance(121_000);
    await on.api.app.get(DialerTickService).tick();
    expect(await row()).toMatchObject({ status: 'failed', disposition: 'failed', failure: 'placement_lost' });
  });
});
