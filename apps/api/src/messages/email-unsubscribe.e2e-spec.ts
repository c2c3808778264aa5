import { EmailTracking, OutboundMessagesService } from '@app/domain';
import {
  connectLiveClient,
  createTenant,
  TestTenant,
  useTestApi,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import { capturedEmail } from './captured-email.fixture';

/**
 * An email's one-click unsubscribe (RFC 8058, List-Unsubscribe-Post): the link's HMAC names the message; a POST opts
 * the lead out of email as an emailed STOP does (listed, flagged, its email sequences stopped, told once), a GET
 * answers a page whose button posts it (a scanner following links unsubscribes nobody), and a bad token is a 403
 * that changes nothing.
 */
describe('email one-click unsubscribe (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let tracking: EmailTracking;

  const local = (url: string) => url.replace(api.config.publicBaseUrl.replace(/\/+$/, ''), '');

  async function emailed(key: string): Promise<{ lead: string; message: string }> {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Una', email: `una-${key}@example.test`, phone: `+1415555${key}` });
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [tenant.id, lead.body.data.id],
    );
    const [message] = await api.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'email', 'system', 'smtp', 'sent', $4, 'Our news') RETURNING id`,
      [tenant.id, conversation.id, lead.body.data.id, `unsubscribe-${key}`],
    );
    return { lead: lead.body.data.id as string, message: message.id as string };
  }
  const state = async (lead: string) => ({
    lead: (await api.db.query('SELECT opted_out_channels FROM leads WHERE id = $1', [lead]))[0],
    dnc: await api.db.query(
      `SELECT email, channel, reason FROM dnc_entries WHERE tenant_id = $1 AND email IS NOT NULL ORDER BY email`,
      [tenant.id],
    ),
  });

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    tracking = new EmailTracking(api.config.encryptionKey, api.config.publicBaseUrl);
  });

  it('a one-click POST opts the lead out of email only, lists the address, tells the tenant once; again changes nothing', async () => {
    const { lead, message } = await emailed('0701');
    const live = await connectLiveClient(api.url, tenant.admin.token);
    try {
      const post = () =>
        api.http
          .post(local(tracking.unsubscribeUrl(message)))
          .type('form')
          .send('List-Unsubscribe=One-Click');
      expect((await post()).status).toBe(200);
      expect(await state(lead)).toEqual({
        lead: { opted_out_channels: ['email'] },
        dnc: [{ email: 'una-0701@example.test', channel: 'email', reason: 'stop_keyword' }],
      });
      await waitFor(() => live.heard.some((e) => e.event === 'lead.opted_out'), 5_000, 'lead.opted_out');
      expect(live.heard.find((e) => e.event === 'lead.opted_out')?.payload).toMatchObject({
        lead_id: lead,
        channel: 'email',
        source: 'unsubscribe_link',
        message_id: message,
      });
      expect((await post()).status).toBe(200);
      expect((await state(lead)).dnc).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(live.heard.filter((e) => e.event === 'lead.opted_out')).toHaveLength(1);
      const logged = await api.db.query(
        `SELECT data FROM activity_log WHERE tenant_id = $1 AND type = 'lead.opted_out'`,
        [tenant.id],
      );
      expect(logged).toEqual([
        { data: { lead_id: lead, message_id: message, channel: 'email', source: 'unsubscribe_link' } },
      ]);
    } finally {
      live.socket.disconnect();
    }
  });

  it('the link opened in a browser answers a page whose button posts it, and opts nobody out', async () => {
    const { lead, message } = await emailed('0702');
    const before = await state(lead);
    const page = await api.http.get(local(tracking.unsubscribeUrl(message)));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain(`<form method="post" action="/webhooks/email/unsubscribe/${message}?t=`);
    expect(await state(lead)).toEqual(before);
  });

  it("a bad token, another message's token or a link's token is a 403 that changes nothing", async () => {
    const { lead, message } = await emailed('0703');
    const other = await emailed('0704');
    const before = await state(lead);
    const forged = local(tracking.unsubscribeUrl(other.message)).replace(other.message, message);
    const linkToken = new URL(tracking.clickUrl(message, 'https://example.com/')).searchParams.get('t');
    for (const path of [
      forged,
      `/webhooks/email/unsubscribe/${message}`,
      `/webhooks/email/unsubscribe/${message}?t=${linkToken}`,
      `/webhooks/email/unsubscribe/${message}?t=${tracking.token(message)}`,
      '/webhooks/email/unsubscribe/not-a-uuid?t=x',
    ]) {
      for (const res of [await api.http.post(path), await api.http.get(path)]) {
        expect({ path, status: res.status, body: res.body }).toEqual({
          path,
          status: 403,
          body: {
            success: false,
            error: { code: 'AUTHORIZATION_FAILED', message: 'This link is not valid' },
          },
        });
      }
    }
    expect(await state(lead)).toEqual(before);
  });
});

describe('which emails carry the unsubscribe link (e2e)', () => {
  let tenant: TestTenant;
  const email = capturedEmail();
  const sent = email.sent;
  const { api } = useTestApiAndWorker({ worker: { configure: email.configure } });

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  }, 60_000);

  it("an automated email does (List-Unsubscribe to its own link); an agent's reply and an opt-out's confirmation do not", async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ivy', email: 'ivy@example.test' });
    const outbound = api.app.get(OutboundMessagesService);
    const automated = await outbound.send(tenant.id, {
      lead_id: lead.body.data.id,
      channel: 'email',
      body: 'Our news',
      subject: 'News',
      sender: 'system',
    });
    const manual = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'email', body: 'Hi Ivy, about your question', subject: 'Your question' });
    expect(manual.status).toBe(201);
    const confirmation = await outbound.send(tenant.id, {
      lead_id: lead.body.data.id,
      channel: 'email',
      body: 'You have been unsubscribed',
      subject: 'Unsubscribed',
      sender: 'system',
      idempotency_key: 'opt-out-confirmation:test',
      policy_exempt: 'opt_out_confirmation',
    });
    await waitFor(() => sent.length === 3 || undefined, 15_000, 'the three sends');
    const of = (id: string) => sent.find((m) => m.message_id === id);
    const tracking = new EmailTracking(api.config.encryptionKey, api.config.publicBaseUrl);
    expect(of(automated.id)?.unsubscribe_url).toBe(tracking.unsubscribeUrl(automated.id));
    expect(of(manual.body.data.id)).not.toHaveProperty('unsubscribe_url');
    expect(of(confirmation.id)).not.toHaveProperty('unsubscribe_url');
  });
});
