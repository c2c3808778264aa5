import { ProviderError } from '@app/providers';
import { createTenant, insertCallRow, TestTenant, useTestApi } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentBridgeService } from './agent-bridge.service';

/**
 * Issue 6 §4: a person nobody took within 2 s is played the safe harbour message. When the provider cannot be
 * reached as the call is abandoned, the job fails and its retry still plays the message (the abandonment itself
 * was already recorded); once played, a later run changes nothing. No worker runs: the job's handler is called.
 */
describe('the safe harbour of an abandoned call (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('is played by the retry when the provider failed the first time, and only once', async () => {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const id = await insertCallRow(api.db, t.id, {
      call_sid: callSid,
      status: 'in-progress',
      answered_by: 'human',
    });
    const port = (await api.app.get(VoiceChannelsService).resolve(t.id)).port;
    const updateCall = jest
      .spyOn(port.constructor.prototype, 'updateCall')
      .mockRejectedValueOnce(ProviderError.fromHttp('simulator', 503))
      .mockResolvedValue(undefined);
    const bridge = api.app.get(AgentBridgeService);
    try {
      await expect(bridge.deadline({ tenant_id: t.id, call_id: id })).rejects.toThrow(ProviderError);
      const [first] = await api.db.query(`SELECT disposition, metadata FROM calls WHERE id = $1`, [id]);
      expect(first.disposition).toBe('abandoned');
      expect(first.metadata).toHaveProperty('abandoned_at');
      expect(first.metadata).not.toHaveProperty('abandon_told_at');

      await bridge.deadline({ tenant_id: t.id, call_id: id });
      expect(updateCall).toHaveBeenCalledTimes(2);
      expect(updateCall).toHaveBeenLastCalledWith(callSid, { twiml: expect.stringContaining('<Say') });
      const [second] = await api.db.query(`SELECT metadata FROM calls WHERE id = $1`, [id]);
      expect(second.metadata).toHaveProperty('abandon_told_at');

      await bridge.deadline({ tenant_id: t.id, call_id: id });
      expect(updateCall).toHaveBeenCalledTimes(2);
    } finally {
      // The adapter's class is shared by every file this test process runs next.
      updateCall.mockRestore();
    }
  });
});
