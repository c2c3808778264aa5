import { EmailTracking } from '@app/domain';
import { createTenant, TestTenant, useTestApi } from '@app/testing';

/**
 * Email open and click tracking (issue 4 item 4): the pixel and tracked links carry an HMAC token of the message
 * (and the link). A good token records the open or click and answers the pixel or a redirect to the message's own
 * link; a bad token, another message's token or a link the message never had answers 403 and records nothing.
 */
describe('email tracking routes (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let tracking: EmailTracking;
  let messageId: string;
  let otherId: string;
  const LINK = 'https://example.com/pricing?plan=pro';

  /** Path and query of an absolute tracking URL. */
  const local = (url: string) => url.replace(api.config.publicBaseUrl.replace(/\/+$/, ''), '');
  const counts = async (id: string) =>
    (
      await api.db.query(
        'SELECT open_count, click_count, opened_at IS NOT NULL AS opened, clicked_at IS NOT NULL AS clicked FROM messages WHERE id = $1',
        [id],
      )
    )[0] as { open_count: number; click_count: number; opened: boolean; clicked: boolean };

  async function emailMessage(key: string): Promise<string> {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Eve', email: `eve-${key}@example.test` });
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [tenant.id, lead.body.data.id],
    );
    const [message] = await api.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'email', 'agent', 'smtp', 'sent', $4, $5) RETURNING id`,
      [tenant.id, conversation.id, lead.body.data.id, `tracking-${key}`, `See ${LINK} for prices`],
    );
    return message.id as string;
  }

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    tracking = new EmailTracking(api.config.encryptionKey, api.config.publicBaseUrl);
    messageId = await emailMessage('a');
    otherId = await emailMessage('b');
  });

  it('the HTML part tracks each link and carries the pixel', () => {
    const html = tracking.html(messageId, `See ${LINK} for prices`);
    expect(html).toContain(`/webhooks/email/click/${messageId}?`);
    expect(html).toContain(`/webhooks/email/open/${messageId}?t=`);
  });

  it('a link no browser could open stays text: it is not tracked', () => {
    const html = tracking.html(messageId, `Offer: http://256.1.1.1/deal and ${LINK}`);
    expect(html).toContain('Offer: http://256.1.1.1/deal and <a href=');
    expect(html.match(/\/webhooks\/email\/click\//g)).toHaveLength(1);
  });

  it('a signed link no browser could open (tracked before links were checked) is a 403 that records nothing', async () => {
    const before = await counts(messageId);
    for (const link of ['http://256.1.1.1/deal', 'http://1.2.3.4.5/x']) {
      const res = await api.http.get(local(tracking.clickUrl(messageId, link)));
      expect({ link, status: res.status, body: res.body }).toEqual({
        link,
        status: 403,
        body: { success: false, error: { code: 'AUTHORIZATION_FAILED', message: 'This link is not valid' } },
      });
    }
    expect(await counts(messageId)).toEqual(before);
  });

  it('a HEAD of the pixel or of a tracked link (a link checker) answers as a GET does and records nothing', async () => {
    const id = await emailMessage('head');
    const open = await api.http.head(local(tracking.openUrl(id)));
    expect(open.status).toBe(200);
    expect(open.headers['content-type']).toBe('image/gif');
    const click = await api.http.head(local(tracking.clickUrl(id, LINK)));
    expect(click.status).toBe(302);
    expect(click.headers.location).toBe(LINK);
    expect(await counts(id)).toEqual({ open_count: 0, click_count: 0, opened: false, clicked: false });
    expect((await api.http.get(local(tracking.openUrl(id)))).status).toBe(200);
    expect(await counts(id)).toEqual({ open_count: 1, click_count: 0, opened: true, clicked: false });
  });

  it('a good open token records the open and answers the pixel, uncached', async () => {
    const res = await api.http.get(local(tracking.openUrl(messageId)));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.headers['cache-control']).toContain('no-store');
    expect((res.body as Buffer).subarray(0, 6).toString()).toBe('GIF89a');
    await api.http.get(local(tracking.openUrl(messageId))).expect(200);
    expect(await counts(messageId)).toEqual({ open_count: 2, click_count: 0, opened: true, clicked: false });
  });

  it('a bad open token is a 403 that records nothing', async () => {
    const before = await counts(otherId);
    const forged = local(tracking.openUrl(messageId)).replace(messageId, otherId);
    for (const path of [
      forged,
      `/webhooks/email/open/${otherId}`,
      `/webhooks/email/open/${otherId}?t=${'A'.repeat(32)}`,
      `/webhooks/email/open/not-a-uuid?t=x`,
    ]) {
      const res = await api.http.get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 403,
        body: { success: false, error: { code: 'AUTHORIZATION_FAILED', message: 'This link is not valid' } },
      });
    }
    expect(await counts(otherId)).toEqual(before);
  });

  it("a good click token redirects to the message's own link and records the click", async () => {
    const before = await counts(messageId);
    const res = await api.http.get(local(tracking.clickUrl(messageId, LINK)));
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(LINK);
    expect(await counts(messageId)).toEqual({
      open_count: before.open_count,
      click_count: 1,
      opened: true,
      clicked: true,
    });
  });

  it('a link in another script redirects as its URL encodes it', async () => {
    const link = 'https://example.ru/каталог?q=чай';
    const res = await api.http.get(local(tracking.clickUrl(messageId, link)));
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(new URL(link).href);
    expect(res.headers.location).toBe(
      'https://example.ru/%D0%BA%D0%B0%D1%82%D0%B0%D0%BB%D0%BE%D0%B3?q=%D1%87%D0%B0%D0%B9',
    );
  });

  it('no open redirect: another link, another message or a bad token is a 403 that records nothing', async () => {
    const before = [await counts(messageId), await counts(otherId)];
    const good = new URL(tracking.clickUrl(messageId, LINK));
    const swapped = new URLSearchParams({ u: 'https://evil.example/phish', t: good.searchParams.get('t')! });
    for (const path of [
      `/webhooks/email/click/${messageId}?${swapped.toString()}`,
      local(tracking.clickUrl(messageId, LINK)).replace(messageId, otherId),
      local(tracking.clickUrl(messageId, 'javascript:alert(1)')),
      `/webhooks/email/click/${messageId}?u=${encodeURIComponent(LINK)}`,
      `/webhooks/email/click/${messageId}?u=${encodeURIComponent(LINK)}&t=${'A'.repeat(32)}`,
    ]) {
      const res = await api.http.get(path);
      expect({ path, status: res.status, location: res.headers.location }).toEqual({
        path,
        status: 403,
        location: undefined,
      });
    }
    expect([await counts(messageId), await counts(otherId)]).toEqual(before);
  });
});
