import { applyLeadReply, createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { LlmManager } from '../llm/llm-manager.service';
import { ClassificationService } from './classification.service';

/**
 * START and UNSTOP opt the lead back in as they arrive; their classification is neutral without asking a model,
 * which could read "stop" in UNSTOP as an unsubscribe and opt the lead out again. No worker runs: the job is run.
 */
describe('an opt-in keyword at classification (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });
  afterEach(() => jest.restoreAllMocks());

  it('UNSTOP is neutral and leaves the lead opted in, whatever a model would say', async () => {
    const from = '+14155550193';
    await applyLeadReply(api.app, t.id, { from, body: 'STOP', now: api.clock.now() });
    api.clock.advance(60_000);
    const unstop = await applyLeadReply(api.app, t.id, { from, body: 'UNSTOP', now: api.clock.now() });
    const db = api.app.get(DataSource);
    const optedOut = async () =>
      (await db.query(`SELECT opted_out_channels FROM leads WHERE id = $1`, [unstop.leadId]))[0]
        .opted_out_channels as string[];
    expect(await optedOut()).toEqual([]);
    // A model that misreads it.
    const model = jest.spyOn(LlmManager.prototype, 'call').mockResolvedValue({
      output: {
        label: 'unsubscribe',
        confidence: 0.9,
        reason: 'says stop',
        return_date: null,
        referral: null,
        language: 'en',
      },
      interaction_id: null,
    } as never);

    await api.app
      .get(ClassificationService)
      .classify(t.id, unstop.messageId, { reclassify: false, lastAttempt: false });
    expect(model).not.toHaveBeenCalled();
    const [row] = await db.query(`SELECT label FROM reply_classifications WHERE message_id = $1`, [
      unstop.messageId,
    ]);
    expect(row.label).toBe('neutral');
    expect(await optedOut()).toEqual([]);
  });
});
