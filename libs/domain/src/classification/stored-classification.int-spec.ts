import { applyLeadReply, createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { AiOutreachRepository } from '../ai-outreach/ai-outreach.repository';
import { ClassificationService } from './classification.service';

/**
 * A lead's classification stored before only the classifier's labels were taken (PATCH leads/:id took any text of
 * up to 32 characters, and pinned it against the classifier): it stays as the person set it, but nothing reads it
 * as a label. The qualification follows the reply's label, and the AI writer reads no last classification. No
 * worker runs: the classification is run here.
 */
describe('a stored classification that is no label (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const db = () => api.app.get(DataSource);
  const pin = (leadId: string, classification: string) =>
    db().query(`UPDATE leads SET classification = $2, classification_overridden = true WHERE id = $1`, [
      leadId,
      classification,
    ]);

  it("stays pinned, while the qualification follows the reply's label and the writer reads none", async () => {
    const reply = await applyLeadReply(api.app, t.id, {
      from: '+14155550291',
      body: 'Actually, not interested. Thanks anyway.',
      now: api.clock.now(),
    });
    await pin(reply.leadId, 'hot');
    await api.app
      .get(ClassificationService)
      .classify(t.id, reply.messageId, { reclassify: false, lastAttempt: false });
    const [lead] = await db().query(
      `SELECT classification, classification_overridden, qualification_status FROM leads WHERE id = $1`,
      [reply.leadId],
    );
    expect(lead).toEqual({
      classification: 'hot',
      classification_overridden: true,
      qualification_status: 'disqualified',
    });

    const outreach = api.app.get(AiOutreachRepository);
    expect((await outreach.lead(t.id, reply.leadId))?.classification).toBeNull();
    await pin(reply.leadId, 'meeting_request');
    expect((await outreach.lead(t.id, reply.leadId))?.classification).toBe('meeting_request');
  });
});
