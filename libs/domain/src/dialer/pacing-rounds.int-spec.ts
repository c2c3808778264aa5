import { ProviderError } from '@app/providers';
import {
  createTenant,
  createTestApi,
  insertBroadcastRows,
  IsolatedDatabase,
  isolatedDatabase,
  TestApi,
  TestTenant,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
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
  let api: TestApi;
  let db: DataSource;
  let t: TestTenant;
  let leases: DialerLeases;

  let database: IsolatedDatabase;

  beforeAll(async () => {
    database = await isolatedDatabase();
    api = await createTestApi({ env: { DATABASE_URL: database.url } });
    db = api.app.get(DataSource);
    t = await createTenant(api.http);
    leases = api.app.get(DialerLeases);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
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

  const broadcast = (phone: string) => insertBroadcastRows(db, t.id, phone);
  const calls = (campaignId: string) =>
    db.query(`SELECT id FROM calls WHERE tenant_id = $1 AND campaign_id = $2`, [t.id, campaignId]);

  it('a round whose lease lapsed places no call; one that holds it places its calls', async () => {
    const pacer = api.app.get(DialerPacerService);
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
    const port = (await api.app.get(VoiceChannelsService).resolve(t.id)).port;
    const placeCall = jest.spyOn(port.constructor.prototype, 'placeCall').mockRejectedValue(
      new ProviderError({
        provider: 'twilio',
        kind: 'unavailable',
        message: 'The request timed out',
        mayHaveBeenSent: true,
      }),
    );
    try {
      await api.app.get(DialerPacerService).pace({ tenant_id: t.id, campaign_id: campaignId });
    } finally {
      placeCall.mockRestore();
    }
    const row = async () =>
      (
        await db.query(
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
    api.clock.advance(121_000);
    await api.app.get(DialerTickService).tick();
    expect(await row()).toMatchObject({ status: 'failed', disposition: 'failed', failure: 'placement_lost' });
  });
});
