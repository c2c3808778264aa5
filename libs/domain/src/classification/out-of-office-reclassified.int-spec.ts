import {
  applyLeadReply,
  createTenant,
  insertCampaignRows,
  PgSessions,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { ClassificationService } from './classification.service';
import { resumeAt } from './out-of-office';

/**
 * A reply read as out-of-office resumes the sequences it stopped; read again as a real reply (a reclassification
 * by another model, here the same built-in model on the corrected text), it stops them again, `replied` at the
 * reply's instant as it first did. Enrollments a later reply does not concern are left alone. No worker runs.
 */
describe('an out-of-office reply reclassified (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  const db = () => api.app.get(DataSource);

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  async function lead(phone: string): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Oona', phone, timezone: 'America/New_York' });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  const replied = async (from: string, body: string) =>
    (await applyLeadReply(api.app, t.id, { from, body, now: api.clock.now() })).messageId;

  const enrollment = async (campaignId: string) =>
    (
      await db().query(
        `SELECT status, stop_reason, replied_at, next_action_at FROM campaign_enrollments
          WHERE tenant_id = $1 AND campaign_id = $2`,
        [t.id, campaignId],
      )
    )[0];

  /** A lead of `phone` in a running SMS, DELAY, SMS sequence, its next step an hour away. */
  async function inCampaign(phone: string): Promise<{ leadId: string; campaignId: string }> {
    const leadId = await lead(phone);
    const { id: campaignId } = await insertCampaignRows(db(), t.id, {
      leadIds: [leadId],
      steps: [
        { type: 'SMS', content: 'Hi' },
        { type: 'DELAY', delay_minutes: 60 },
        { type: 'SMS', content: 'Again' },
      ],
      due: new Date(api.clock.nowMs() + 3_600_000),
    });
    return { leadId, campaignId };
  }

  /** Back in ten days, written as people write it ("Monday, December 14, 2026"), and as a date. */
  function backInTenDays(): { returnDate: string; written: string } {
    const back = new Date(api.clock.nowMs() + 10 * 86_400_000);
    const day = (options: Intl.DateTimeFormatOptions) =>
      back.toLocaleDateString('en-US', { timeZone: 'America/New_York', ...options });
    return {
      returnDate: `${day({ year: 'numeric' })}-${day({ month: '2-digit' })}-${day({ day: '2-digit' })}`,
      written: day({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
    };
  }

  it('stops again, as replied, the sequence the out-of-office reading resumed', async () => {
    const phone = '+14155550181';
    const { campaignId } = await inCampaign(phone);
    const classifier = api.app.get(ClassificationService);
    const { returnDate, written } = backInTenDays();
    const messageId = await replied(
      phone,
      `I am out of the office until ${written} with no access to email.`,
    );
    const stopped = await enrollment(campaignId);
    expect(stopped).toMatchObject({ status: 'replied', replied_at: expect.any(Date), next_action_at: null });

    await classifier.classify(t.id, messageId, { reclassify: false, lastAttempt: false });
    expect(await enrollment(campaignId)).toEqual({
      status: 'waiting',
      stop_reason: null,
      replied_at: stopped.replied_at,
      // 09:00 in New York on the return date.
      next_action_at: resumeAt(returnDate, 'America/New_York', api.clock.now(), api.clock.now()),
    });

    // Read again, the reply is a real one.
    await db().query('UPDATE messages SET content = $2 WHERE id = $1', [
      messageId,
      'Yes, this sounds great, tell me more',
    ]);
    await classifier.classify(t.id, messageId, { reclassify: true, lastAttempt: false });
    const [label] = await db().query('SELECT label FROM reply_classifications WHERE message_id = $1', [
      messageId,
    ]);
    expect(label).toEqual({ label: 'interested' });
    expect(await enrollment(campaignId)).toEqual(stopped);
  });

  it('a reclassification that crosses the first classification still undoes its out-of-office reading', async () => {
    const phone = '+14155550182';
    const { leadId, campaignId } = await inCampaign(phone);
    const classifier = api.app.get(ClassificationService);
    const messageId = await replied(
      phone,
      `I am out of the office until ${backInTenDays().written} with no access to email.`,
    );
    const stopped = await enrollment(campaignId);
    expect(stopped).toMatchObject({ status: 'replied' });

    // The first classification has read the message as out-of-office and waits for the lead's lock; the
    // reclassification of the corrected text asks its model meanwhile, before that reading is stored.
    const sessions = new PgSessions(db());
    try {
      const holder = await sessions.begin();
      await holder.tx.query('SELECT 1 FROM leads WHERE id = $1 FOR UPDATE', [leadId]);
      const first = classifier.classify(t.id, messageId, { reclassify: false, lastAttempt: false });
      const [firstPid] = await sessions.doneOrWaiting(first, [holder.pid]);
      expect(firstPid).toEqual(expect.any(Number));
      await db().query('UPDATE messages SET content = $2 WHERE id = $1', [
        messageId,
        'Yes, this sounds great, tell me more',
      ]);
      const again = classifier.classify(t.id, messageId, { reclassify: true, lastAttempt: false });
      expect(await sessions.doneOrWaiting(again, [holder.pid, firstPid])).toHaveLength(1);
      await holder.tx.commitTransaction();
      await Promise.all([first, again]);
    } finally {
      await sessions.close();
    }

    const [label] = await db().query('SELECT label FROM reply_classifications WHERE message_id = $1', [
      messageId,
    ]);
    expect(label).toEqual({ label: 'interested' });
    // The out-of-office reading resumed the sequence when it committed; the reclassification stopped it again.
    expect(await enrollment(campaignId)).toEqual(stopped);
  });

  it('in a campaign cancelled after the reply, an out-of-office reading stops the sequence as the cancel did: no reply', async () => {
    const phone = '+14155550183';
    const { campaignId } = await inCampaign(phone);
    const classifier = api.app.get(ClassificationService);
    const messageId = await replied(
      phone,
      `I am out of the office until ${backInTenDays().written} with no access to email.`,
    );
    const stopped = await enrollment(campaignId);
    expect(stopped).toMatchObject({ status: 'replied' });
    // The cancel stops the sequences still going; this one, replied, it leaves as it is.
    await api.http.post(`/api/campaigns/${campaignId}/cancel`).set(t.admin.headers).expect(200);
    expect(await enrollment(campaignId)).toEqual(stopped);

    await classifier.classify(t.id, messageId, { reclassify: false, lastAttempt: false });
    expect(await enrollment(campaignId)).toEqual({
      status: 'stopped',
      stop_reason: 'cancelled',
      replied_at: stopped.replied_at,
      next_action_at: null,
    });
    const [campaign] = await db().query('SELECT status FROM campaigns WHERE id = $1', [campaignId]);
    expect(campaign).toEqual({ status: 'cancelled' });
    const analytics = await api.http
      .get(`/api/campaigns/${campaignId}/analytics`)
      .set(t.admin.headers)
      .expect(200);
    expect(analytics.body.data).toMatchObject({ total_leads: 1, replied: 0, reply_rate: 0 });
  });
});
