import { createTenant, getBytes, TestTenant, useTestApi } from '@app/testing';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { AnalyticsFixture, at } from './campaign-analytics.fixture';

/**
 * Issue 5 item 7 and issue 7 item 2: an out-of-office auto-reply is no reply. The classifier labels it
 * out_of_office and the engine resumes the sequence (the enrollment goes back to waiting, keeping the reply's
 * instant in replied_at), so the reply rate, the funnel and the export leave it out; a real reply after it counts.
 */
describe('campaign analytics: automated replies (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let f: AnalyticsFixture;
  let sequence: string;
  let noStop: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const db = api.app.get(DataSource);
    f = new AnalyticsFixture(db, tenant.id);
    sequence = await f.campaign({
      name: 'Sequence',
      status: 'active',
      started_at: at(0),
      steps: ['WHATSAPP'],
    });
    const enroll = (key: string, enrollment: { status: string; replied_at?: string }, i: number) =>
      f.enroll(sequence, { key, first_name: key, enrollment }, at(i / 100));
    // O: only an out-of-office auto-reply; the engine resumed its sequence (waiting, replied_at kept).
    await enroll('O', { status: 'waiting', replied_at: at(2) }, 0);
    // R: a real reply. S: out of office first, a real reply later. U: a reply not classified yet.
    await enroll('R', { status: 'replied', replied_at: at(2) }, 1);
    await enroll('S', { status: 'replied', replied_at: at(30) }, 2);
    await enroll('U', { status: 'replied', replied_at: at(2) }, 3);
    for (const lead of ['O', 'R', 'S', 'U'])
      await f.outbound(sequence, { lead, step: 0, channel: 'whatsapp', status: 'delivered', at: at(1) });
    const away = 'I am out of the office until Monday with limited access to email.';
    await f.inbound({ lead: 'O', channel: 'whatsapp', at: at(2), content: away, label: 'out_of_office' });
    await f.inbound({
      lead: 'R',
      channel: 'whatsapp',
      at: at(2),
      content: 'Yes please',
      label: 'interested',
    });
    await f.inbound({ lead: 'S', channel: 'whatsapp', at: at(2), content: away, label: 'out_of_office' });
    await f.inbound({
      lead: 'S',
      channel: 'whatsapp',
      at: at(30),
      content: 'Back now: tell me more',
      label: 'interested',
    });
    await f.inbound({ lead: 'U', channel: 'whatsapp', at: at(2), content: 'Sure, send the details' });

    // A campaign that sends on after replies (stop_on_reply off): its enrollment never turns replied.
    noStop = await f.campaign({ name: 'No stop', status: 'active', started_at: at(100), steps: ['SMS'] });
    await db.query(`UPDATE campaigns SET stop_on_reply = false WHERE id = $1`, [noStop]);
    await f.enroll(noStop, { key: 'P', first_name: 'P', enrollment: { status: 'completed' } }, at(100));
    await f.outbound(noStop, { lead: 'P', step: 0, channel: 'sms', status: 'delivered', at: at(101) });
    await f.inbound({ lead: 'P', channel: 'sms', at: at(102), content: away, label: 'out_of_office' });
  }, 60_000);

  const analytics = async (id: string) =>
    (await api.http.get(`/api/campaigns/${id}/analytics`).set(tenant.admin.headers).expect(200)).body.data;

  it('an out-of-office auto-reply is no reply: not in replied, the reply rate or the funnel', async () => {
    const data = await analytics(sequence);
    expect(data).toMatchObject({ total_leads: 4, reached: 4, replied: 3, reply_rate: 0.75 });
    expect(data.funnel).toEqual([
      { position: 0, type: 'WHATSAPP', sent: 4, delivered: 4, read: 0, opened: 0, replied: 3, failed: 0 },
    ]);
    expect(await analytics(noStop)).toMatchObject({ reached: 1, replied: 0, reply_rate: 0 });
    const all = await api.http.get('/api/campaigns/analytics').set(tenant.admin.headers).expect(200);
    expect(all.body.data.totals).toMatchObject({ reached: 5, replied: 3, reply_rate: 0.6 });
  });

  it("the export's replied_at leaves the auto-reply out too", async () => {
    const repliedAt = async (id: string) => {
      const csv = await getBytes(api.http, `/api/campaigns/${id}/export?format=csv`, tenant.admin.headers);
      expect(csv.status).toBe(200);
      const rows = parse((csv.body as Buffer).toString('utf8'), { columns: true, bom: true }) as {
        lead_id: string;
        replied_at: string;
      }[];
      return rows.map((r) => [r.lead_id, r.replied_at]);
    };
    const lead = (key: string) => f.leads.get(key);
    expect(await repliedAt(sequence)).toEqual([
      [lead('O'), ''],
      [lead('R'), at(2)],
      [lead('S'), at(30)],
      [lead('U'), at(2)],
    ]);
    expect(await repliedAt(noStop)).toEqual([[lead('P'), '']]);
  });
});
