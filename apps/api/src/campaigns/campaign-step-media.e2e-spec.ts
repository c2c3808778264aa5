import { InboundAttachments } from '@app/domain';
import { countRows, createTenant, expectValidation, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { campaignRequests } from './campaign-requests.fixture';

/**
 * A message step's files: public URLs (`options.media_urls`) and uploads (`options.attachment_ids`) sent with the
 * step's message. One on WhatsApp (with a template, its media header; alone, a picture or document without text),
 * up to ten by MMS or attached to an email. An upload a step names becomes its campaign's: no single send takes it,
 * no other campaign, and it is never swept. The scheduler sends them (test/campaign-engine); this is what a
 * campaign may store.
 */
describe('campaigns: files of message steps (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  campaignRequests((s) => ({ api, db, tenant } = s));

  type Step = Record<string, unknown>;
  const post = (steps: Step[], t = tenant) =>
    api.http.post('/api/campaigns').set(t.admin.headers).send({ name: 'Files', steps });
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example.com/f${i}.pdf`);

  it('stores the files of WHATSAPP, SMS and EMAIL steps; WhatsApp and SMS may send a file without text', async () => {
    const steps = [
      { type: 'WHATSAPP', template_name: 'offer', options: { media_urls: urls(1) } },
      { type: 'WHATSAPP', options: { media_urls: urls(1) } },
      { type: 'SMS', options: { media_urls: urls(10) } },
      { type: 'EMAIL', content: 'Our prices', subject: 'Prices', options: { media_urls: urls(2) } },
    ];
    const res = await post(steps);
    expect(res.status).toBe(201);
    expect(res.body.data.steps.map((s: Step) => s.options)).toEqual(steps.map((s) => s.options));
    const read = await api.http.get(`/api/campaigns/${res.body.data.id}`).set(tenant.admin.headers);
    expect(read.body.data.steps.map((s: Step) => s.options)).toEqual(steps.map((s) => s.options));
  });

  const upload = async (t = tenant): Promise<string> => {
    const res = await api.http
      .post('/api/messages/attachments')
      .set(t.admin.headers)
      .attach('file', Buffer.from('%PDF-1.4 prices'), {
        filename: 'prices.pdf',
        contentType: 'application/pdf',
      });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };
  const campaignOf = async (fileId: string) =>
    (
      (await db.query(`SELECT campaign_id FROM message_attachments WHERE id = $1`, [fileId]))[0] as {
        campaign_id: string | null;
      }
    ).campaign_id;

  it('keeps the uploads a step names as the campaign’s: not sent alone, not another campaign’s, never swept', async () => {
    const file = await upload();
    const res = await post([{ type: 'SMS', content: 'Prices', options: { attachment_ids: [file] } }]);
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;
    expect(res.body.data.steps[0].options).toEqual({ attachment_ids: [file] });
    expect(await campaignOf(file)).toBe(id);

    // Its steps changed, still naming the file: it stays the campaign's.
    const edited = await api.http
      .patch(`/api/campaigns/${id}`)
      .set(tenant.admin.headers)
      .send({ steps: [{ type: 'WHATSAPP', options: { attachment_ids: [file] } }] });
    expect(edited.status).toBe(200);
    expect(await campaignOf(file)).toBe(id);

    // Another campaign may not take it, nor a single send.
    const before = await countRows(db, 'campaigns', 'tenant_id = $1', [tenant.id]);
    expectValidation(await post([{ type: 'SMS', content: 'Mine', options: { attachment_ids: [file] } }]), [
      'steps.0.options.attachment_ids',
    ]);
    expect(await countRows(db, 'campaigns', 'tenant_id = $1', [tenant.id])).toBe(before);
    const lead = await api.http.post('/api/leads').set(tenant.admin.headers).send({ phone: '+14155550991' });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Alone', attachment_ids: [file] });
    expectValidation(sent, ['attachment_ids']);
    expect(await campaignOf(file)).toBe(id);

    // Old enough to be swept were it nobody's: the campaign's stays.
    await db.query(`UPDATE message_attachments SET created_at = now() - interval '30 days' WHERE id = $1`, [
      file,
    ]);
    await api.app.get(InboundAttachments).sweepUnlinked();
    expect(await countRows(db, 'message_attachments', 'id = $1', [file])).toBe(1);
  });

  it('refuses an upload of another tenant, or no upload at all, and stores nothing', async () => {
    const t = await createTenant(api.http);
    const theirs = await upload(tenant);
    for (const ids of [[theirs], [randomUUID()]]) {
      expectValidation(await post([{ type: 'SMS', content: 'x', options: { attachment_ids: ids } }], t), [
        'steps.0.options.attachment_ids',
      ]);
    }
    expect(await countRows(db, 'campaigns', 'tenant_id = $1', [t.id])).toBe(0);
    expect(await campaignOf(theirs)).toBeNull();
  });

  it.each<[string, Step, string]>([
    [
      'two files on WhatsApp',
      { type: 'WHATSAPP', content: 'Hi', options: { media_urls: urls(2) } },
      'options.media_urls',
    ],
    [
      'eleven files by SMS',
      { type: 'SMS', content: 'Hi', options: { media_urls: urls(11) } },
      'options.media_urls',
    ],
    [
      'a URL that is not http',
      { type: 'SMS', content: 'Hi', options: { media_urls: ['ftp://x/a.pdf'] } },
      'options.media_urls',
    ],
    [
      'a list that is not of text',
      { type: 'SMS', content: 'Hi', options: { media_urls: [42] } },
      'options.media_urls',
    ],
    [
      'not a list',
      { type: 'SMS', content: 'Hi', options: { media_urls: 'https://x/a.pdf' } },
      'options.media_urls',
    ],
    [
      'files on a CALL step',
      { type: 'CALL', content: 'Script', options: { media_urls: urls(1) } },
      'options.media_urls',
    ],
    ['an email of files alone', { type: 'EMAIL', subject: 'x', options: { media_urls: urls(1) } }, 'content'],
    [
      'ids that are not uuids',
      { type: 'SMS', content: 'Hi', options: { attachment_ids: ['f1'] } },
      'options.attachment_ids',
    ],
    [
      'a URL and an upload on WhatsApp',
      { type: 'WHATSAPP', options: { media_urls: urls(1), attachment_ids: [randomUUID()] } },
      'options.attachment_ids',
    ],
    [
      'uploads on a CALL step',
      { type: 'CALL', content: 'Hi', options: { attachment_ids: [randomUUID()] } },
      'options.attachment_ids',
    ],
  ])('refuses %s (400) and stores nothing', async (_what, step, field) => {
    const t = await createTenant(api.http);
    expectValidation(await post([step], t), [`steps.0.${field}`]);
    expect(await countRows(db, 'campaigns', 'tenant_id = $1', [t.id])).toBe(0);
  });
});
