import { createTenant, insertBroadcastRows, TestTenant, useTestApi } from '@app/testing';
import { CallPlacementService } from './call-placement.service';
import { DialerPacerService } from './dialer-pacer.service';

/**
 * DESIGN §7.1 at the moment of dialing: a lead put on the do-not-contact list while the pacer waits for the
 * account's next call slot (up to a second, shared with every campaign and worker of the account) is not dialed,
 * and its sequence ends `dnc`. A pacing round is run here (no worker) on a voice broadcast (no agent needed).
 */
describe('do-not-contact at the moment of dialing (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('a lead listed while the pacer waits for its call slot is not dialed', async () => {
    const phone = '+12125550193';
    const campaignId = await insertBroadcastRows(api.db, t.id, phone);
    // The service's class: the pacer's instance is not necessarily the one the test module hands out.
    const slot = CallPlacementService.prototype.slot;
    let listedWhileWaiting = false;
    const waiting = jest.spyOn(CallPlacementService.prototype, 'slot').mockImplementation(async function (
      this: CallPlacementService,
      channel,
    ) {
      const listed = await api.http
        .post('/api/dnc')
        .set(t.admin.headers)
        .send({ phone, channel: 'all', reason: 'manual' });
      listedWhileWaiting = listed.status === 201;
      return slot.call(this, channel);
    });
    try {
      await api.app.get(DialerPacerService).pace({ tenant_id: t.id, campaign_id: campaignId });
    } finally {
      waiting.mockRestore();
    }
    expect(listedWhileWaiting).toBe(true);
    const calls = await api.db.query(`SELECT id FROM calls WHERE tenant_id = $1 AND campaign_id = $2`, [
      t.id,
      campaignId,
    ]);
    expect(calls).toEqual([]);
    const [enrollment] = await api.db.query(
      `SELECT status, stop_reason, attempts FROM campaign_enrollments WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(enrollment).toEqual({ status: 'dnc', stop_reason: 'do_not_contact', attempts: 0 });
  });
});
