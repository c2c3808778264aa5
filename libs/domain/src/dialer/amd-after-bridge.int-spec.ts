import { SimulatorTelephonyAdapter } from '@app/providers';
import {
  createTenant,
  insertCallRow,
  insertCampaignRows,
  PgSessions,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { randomBytes } from 'node:crypto';
import { CallEventsService } from './call-events.service';

/**
 * An answering-machine result that comes for a call already bridged to its agent (the campaign's AMD was turned on
 * after the call was placed without it, or an earlier result connected it) records what answered and nothing more:
 * the conversation is not hung up and the call keeps no machine disposition. No worker runs: the event is applied.
 */
describe('an AMD result after the bridge (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  /** A dialer call of an AMD campaign, answered (in progress); bridged to its agent at `connectedAt`, if given. */
  async function answeredCall(
    phone: string,
    connectedAt: Date | null = null,
  ): Promise<{ callId: string; callSid: string }> {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Ima', $2, $2) RETURNING id`,
      [t.id, phone],
    );
    const { id: campaignId } = await insertCampaignRows(api.db, t.id, {
      leadIds: [lead.id],
      steps: [{ type: 'CALL', content: 'Pitch' }],
    });
    await api.db.query(`UPDATE campaigns SET amd_enabled = true WHERE id = $1`, [campaignId]);
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const callId = await insertCallRow(api.db, t.id, {
      campaign_id: campaignId,
      lead_id: lead.id,
      call_sid: callSid,
      status: 'in-progress',
      connected_at: connectedAt,
    });
    return { callId, callSid };
  }

  it("a result applied while the call's end commits leaves the end's outcome as it was settled", async () => {
    const { callId, callSid } = await answeredCall('+12125550198');
    const sessions = new PgSessions(api.db);
    try {
      // The call's end holds its row (its status callback, applied by another worker), not committed yet.
      const ending = await sessions.begin();
      await ending.tx.query(
        `UPDATE calls SET status = 'completed', end_time = now(), disposition = 'abandoned' WHERE id = $1`,
        [callId],
      );
      const amd = api.app.get(CallEventsService).apply(t.id, {
        kind: 'call',
        type: 'amd',
        call_id: callId,
        form: {
          call_sid: callSid,
          account_sid: null,
          answered_by: 'machine_start',
          machine_detection_duration: 3100,
        },
      });
      expect(await sessions.doneOrWaiting(amd, [ending.pid])).toHaveLength(1);
      await ending.tx.commitTransaction();
      await amd;
    } finally {
      await sessions.close();
    }
    const [call] = await api.db.query(`SELECT status, answered_by, disposition FROM calls WHERE id = $1`, [
      callId,
    ]);
    expect(call).toEqual({ status: 'completed', answered_by: null, disposition: 'abandoned' });
  });

  it("a machine's result run again (its event's job retried) drops the voicemail once", async () => {
    const { callId, callSid } = await answeredCall('+12125550197');
    await api.db.query(
      `UPDATE campaigns SET voicemail_message_url = 'https://example.com/vm.mp3'
        WHERE id = (SELECT campaign_id FROM calls WHERE id = $1)`,
      [callId],
    );
    const redirects = jest
      .spyOn(SimulatorTelephonyAdapter.prototype, 'updateCall')
      .mockResolvedValue(undefined);
    try {
      const event = {
        kind: 'call' as const,
        type: 'amd' as const,
        call_id: callId,
        form: {
          call_sid: callSid,
          account_sid: null,
          answered_by: 'machine_end_beep' as const,
          machine_detection_duration: 2900,
        },
      };
      const events = api.app.get(CallEventsService);
      await events.apply(t.id, event);
      await events.apply(t.id, event);
      expect(redirects).toHaveBeenCalledTimes(1);
      expect(redirects.mock.calls[0][0]).toBe(callSid);
    } finally {
      redirects.mockRestore();
    }
    const [call] = await api.db.query(
      `SELECT disposition, metadata ? 'amd_acted_at' AS acted FROM calls WHERE id = $1`,
      [callId],
    );
    expect(call).toEqual({ disposition: 'voicemail', acted: true });
  });

  it('records what answered and leaves the call as it is', async () => {
    const { callId, callSid } = await answeredCall('+12125550199', new Date());
    await api.app.get(CallEventsService).apply(t.id, {
      kind: 'call',
      type: 'amd',
      call_id: callId,
      form: {
        call_sid: callSid,
        account_sid: null,
        answered_by: 'machine_end_beep',
        machine_detection_duration: 4200,
      },
    });
    const [call] = await api.db.query(
      `SELECT status, answered_by, disposition, end_time FROM calls WHERE id = $1`,
      [callId],
    );
    expect(call).toEqual({
      status: 'in-progress',
      answered_by: 'machine_end_beep',
      disposition: null,
      end_time: null,
    });
  });
});
