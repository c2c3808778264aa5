import { applyLeadReply, createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { ClassificationService } from './classification.service';

/**
 * The lead's classification follows its latest reply (issue 7 item 2): a classification of an older reply that
 * commits after the latest one's (a slow model call, a job retried after a 429) is kept on its message, and leaves
 * the lead's class, score and qualification as the latest reply set them. No worker runs: the jobs are run here.
 */
describe('classification order (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const db = () => api.app.get(DataSource);

  const replied = (from: string, body: string) =>
    applyLeadReply(api.app, t.id, { from, body, now: api.clock.now() });

  it("an older reply's classification, committed last, leaves the lead as its latest reply set it", async () => {
    const classifier = api.app.get(ClassificationService);
    const older = await replied('+14155550191', 'Yes, this sounds great, tell me more');
    const latest = await replied('+14155550191', 'Actually, not interested. Thanks anyway.');
    expect(latest.leadId).toBe(older.leadId);
    await classifier.classify(t.id, latest.messageId, { reclassify: false, lastAttempt: false });
    const [after] = await db().query(
      `SELECT classification, score, qualification_status FROM leads WHERE id = $1`,
      [older.leadId],
    );
    expect(after.classification).toBe('not_interested');

    await classifier.classify(t.id, older.messageId, { reclassify: false, lastAttempt: false });
    const [lead] = await db().query(
      `SELECT classification, score, qualification_status FROM leads WHERE id = $1`,
      [older.leadId],
    );
    expect(lead).toEqual(after);
    const rows = await db().query(
      `SELECT message_id, label FROM reply_classifications WHERE tenant_id = $1 AND lead_id = $2`,
      [t.id, older.leadId],
    );
    expect(new Map(rows.map((r: { message_id: string; label: string }) => [r.message_id, r.label]))).toEqual(
      new Map([
        [older.messageId, 'interested'],
        [latest.messageId, 'not_interested'],
      ]),
    );
  });
});
