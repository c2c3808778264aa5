import { countRows, createTenant, createTestApi, expectValidation, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * A message step's files (`options.media_urls`): public URLs sent with the step's message. One on WhatsApp (with a
 * template, its media header; alone, a picture or document without text), up to ten by MMS or attached to an
 * email. The scheduler sends them (test/campaign-engine); this is what a campaign may store.
 */
describe('campaigns: files of message steps (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
  });
  afterAll(() => api.close());

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
  ])('refuses %s (400) and stores nothing', async (_what, step, field) => {
    const t = await createTenant(api.http);
    expectValidation(await post([step], t), [`steps.0.${field}`]);
    expect(await countRows(db, 'campaigns', 'tenant_id = $1', [t.id])).toBe(0);
  });
});
