import { ChannelConfigsService, InboundMessagesService, ResolvedChannel } from '@app/domain';
import { AppliedEvent, appliedEvent, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CampaignRows } from '../campaign-control/campaign-rows.fixture';
import { sentEmail } from './sent-email.fixture';
import { startStatusPlatform, StatusPlatform } from './status-callbacks.fixture';

/**
 * Bounces through the inbound-email webhook and the worker: a mail server's report fails the email it names, a
 * permanent one closes the address to email (do-not-contact, the lead's email sequences stopped as bounced), and
 * none of them is a reply: no lead for MAILER-DAEMON, no inbound message, no sequence stopped as replied.
 */
describe('email bounces (e2e)', () => {
  let platform: StatusPlatform;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let email: ResolvedChannel;
  let rows: CampaignRows;

  beforeAll(async () => {
    platform = await startStatusPlatform();
    ({ api, db, tenant } = platform);
    email = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'email');
    rows = new CampaignRows(db, tenant.id);
  }, 60_000);
  afterAll(() => platform?.close());

  /** Posts an inbound email and answers its webhook event once the worker has applied it. */
  async function mail(body: Record<string, unknown>): Promise<AppliedEvent> {
    const res = await api.http
      .post(
        `/webhooks/email-inbound?key=${email.webhookKey}&secret=${encodeURIComponent(email.signingSecret)}`,
      )
      .send(body);
    expect(res.status).toBe(200);
    return appliedEvent(db, tenant.id, `inbound:${body.message_id as string}`);
  }

  /** A lead with an email, in an email campaign, and an email sent to them (as the sender leaves it). */
  async function sentTo(address: string, campaignId: string) {
    const sent = await sentEmail(api, db, tenant, address);
    const enrollment = await rows.enroll(campaignId, sent.leadId, { status: 'waiting', current_step: 1 });
    return { ...sent, enrollment };
  }

  const message = async (id: string) =>
    (await db.query(`SELECT status, error_code, error_message FROM messages WHERE id = $1`, [id]))[0];
  const enrollmentOf = async (id: string) =>
    (await db.query(`SELECT status, stop_reason FROM campaign_enrollments WHERE id = $1`, [id]))[0];
  const dncOf = (address: string) =>
    db.query(`SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1 AND email = $2`, [
      tenant.id,
      address,
    ]);
  const inboundCount = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND direction = 'inbound'`,
        [tenant.id],
      )
    )[0].n as number;

  it('a hard bounce fails the email, closes the address to email and stops its email sequences as bounced', async () => {
    const campaign = await rows.campaign('active', [{ type: 'EMAIL' }, { type: 'EMAIL' }]);
    const ada = await sentTo('ada@example.com', campaign.id);
    const bea = await sentTo('bea@example.com', campaign.id);
    const leadsBefore = (await db.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id])).length;

    const event = await mail({
      from: 'MAILER-DAEMON@mail.clinic.example (Mail Delivery System)',
      to: 'inbox@clinic.example',
      subject: 'Undelivered Mail Returned to Sender',
      message_id: `<dsn-${randomUUID()}@mail.clinic.example>`,
      headers: { 'Content-Type': 'multipart/report; report-type=delivery-status' },
      text: [
        'Final-Recipient: rfc822; ada@example.com',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown',
        '',
        `Message-ID: ${ada.messageId}`,
      ].join('\n'),
    });

    expect(event.lead_id).toBe(ada.leadId);
    expect(await message(ada.id)).toEqual({
      status: 'failed',
      error_code: 'bounce:5.1.1',
      error_message: '550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown',
    });
    expect(await dncOf('ada@example.com')).toEqual([{ channel: 'email', reason: 'bounce' }]);
    expect(await enrollmentOf(ada.enrollment)).toEqual({ status: 'stopped', stop_reason: 'bounced' });
    // Nobody else is touched, and the report is nobody's reply: no lead, no inbound message.
    expect(await enrollmentOf(bea.enrollment)).toEqual({ status: 'waiting', stop_reason: null });
    expect(await message(bea.id)).toMatchObject({ status: 'sent' });
    expect((await db.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id])).length).toBe(
      leadsBefore,
    );
    expect(await inboundCount()).toBe(0);
    const [activity] = await db.query(
      `SELECT status, data FROM activity_log WHERE tenant_id = $1 AND type = 'message.bounced'`,
      [tenant.id],
    );
    expect(activity).toMatchObject({ status: 'failure', data: { message_id: ada.id, permanent: true } });

    // The address is closed to email from now on: a manual email is refused by the contact policy.
    const lead = await api.http.get(`/api/leads/${ada.leadId}`).set(tenant.admin.headers);
    expect(lead.body.data.opted_out_channels).toEqual(['email']);
    const refused = await api.http
      .post(`/api/leads/${ada.leadId}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'email', subject: 'Again', body: 'Hello again' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'POLICY_VIOLATION',
      details: { rule: 'do_not_contact' },
    });
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM messages WHERE lead_id = $1`, [ada.leadId]))[0].n,
    ).toBe(1);
  });

  it('a delay warning changes nothing; a given-up 4.x.x failure fails the email but keeps the address open', async () => {
    const campaign = await rows.campaign('active', [{ type: 'EMAIL' }, { type: 'EMAIL' }]);
    const cy = await sentTo('cy@example.com', campaign.id);

    await mail({
      from: 'postmaster@contoso.example',
      to: 'inbox@clinic.example',
      subject: 'Delivery delayed: Your appointment',
      message_id: `<delay-${randomUUID()}@contoso.example>`,
      in_reply_to: cy.messageId,
      text: 'Final-Recipient: rfc822; cy@example.com\nAction: delayed\nStatus: 4.4.1\n',
    });
    expect(await message(cy.id)).toMatchObject({ status: 'sent', error_code: null });

    const event = await mail({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      to: 'inbox@clinic.example',
      subject: 'Delivery Status Notification (Failure)',
      message_id: `<gm-${randomUUID()}@googlemail.com>`,
      headers: { 'X-Failed-Recipients': 'cy@example.com' },
      references: cy.messageId,
      text: "Message not delivered.\nThe response was: 452 4.2.2 The recipient's inbox is out of storage space.",
    });
    expect(event.lead_id).toBe(cy.leadId);
    expect(await message(cy.id)).toMatchObject({ status: 'failed', error_code: 'bounce:4.2.2' });
    expect(await dncOf('cy@example.com')).toEqual([]);
    expect(await enrollmentOf(cy.enrollment)).toEqual({ status: 'waiting', stop_reason: null });
    expect(await inboundCount()).toBe(0);

    // Its job run again (a failure after its commit): the bounce is not recorded twice.
    const bounced = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM activity_log WHERE tenant_id = $1 AND type = 'message.bounced'
              AND data->>'report_event_id' = $2`,
          [tenant.id, event.id],
        )
      )[0].n as number;
    expect(await bounced()).toBe(1);
    const [row] = await db.query(`SELECT provider, payload FROM webhook_events WHERE id = $1`, [event.id]);
    const again = await api.app
      .get(InboundMessagesService)
      .apply(tenant.id, { id: event.id, provider: row.provider }, row.payload.message);
    expect(again).toBeNull();
    expect(await bounced()).toBe(1);
  });

  it('a hard bounce found by its recipient alone (quoting none of our emails) fails the email but closes nothing', async () => {
    const campaign = await rows.campaign('active', [{ type: 'EMAIL' }, { type: 'EMAIL' }]);
    const eve = await sentTo('eve@example.com', campaign.id);
    // Anyone can mail the inbox a report that names an address: this one quotes no Message-ID of ours.
    const event = await mail({
      from: 'MAILER-DAEMON@forged.example',
      to: 'inbox@clinic.example',
      subject: 'Undelivered Mail Returned to Sender',
      message_id: `<dsn-${randomUUID()}@forged.example>`,
      text: 'Final-Recipient: rfc822; eve@example.com\nAction: failed\nStatus: 5.1.1\n',
    });
    expect(event.lead_id).toBe(eve.leadId);
    expect(await message(eve.id)).toMatchObject({ status: 'failed', error_code: 'bounce:5.1.1' });
    expect(await dncOf('eve@example.com')).toEqual([]);
    expect(await enrollmentOf(eve.enrollment)).toEqual({ status: 'waiting', stop_reason: null });
    const lead = await api.http.get(`/api/leads/${eve.leadId}`).set(tenant.admin.headers);
    expect(lead.body.data.opted_out_channels).toEqual([]);
    const [activity] = await db.query(
      `SELECT data FROM activity_log WHERE tenant_id = $1 AND type = 'message.bounced' AND data->>'message_id' = $2`,
      [tenant.id, eve.id],
    );
    expect(activity.data).toMatchObject({ permanent: true, quoted: false });
  });

  it('a bounce that names none of our emails is dropped: no lead, no message, no entry', async () => {
    const before = (
      await db.query(`SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1`, [tenant.id])
    )[0].n;
    const event = await mail({
      from: 'MAILER-DAEMON@elsewhere.example',
      to: 'inbox@clinic.example',
      subject: 'Undelivered Mail Returned to Sender',
      message_id: `<dsn-${randomUUID()}@elsewhere.example>`,
      text: 'Final-Recipient: rfc822; nobody@example.net\nAction: failed\nStatus: 5.1.1\n',
    });
    expect(event.lead_id).toBeNull();
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1`, [tenant.id]))[0].n,
    ).toBe(before);
    expect(await dncOf('nobody@example.net')).toEqual([]);
    expect(await inboundCount()).toBe(0);
  });

  // Last: the lead's STOP and START are inbound messages, which the tests above count.
  it("a hard bounce after the lead's STOP takes the STOP's entry over: their START does not reopen the dead address", async () => {
    const campaign = await rows.campaign('active', [{ type: 'EMAIL' }]);
    const dan = await sentTo('dan@example.com', campaign.id);
    const reply = (text: string) =>
      mail({
        from: 'Dan <dan@example.com>',
        to: 'inbox@clinic.example',
        subject: 'Re: Your appointment',
        message_id: `<${randomUUID()}@example.com>`,
        in_reply_to: dan.messageId,
        text,
      });
    await reply('STOP');
    expect(await dncOf('dan@example.com')).toEqual([{ channel: 'email', reason: 'stop_keyword' }]);

    await mail({
      from: 'MAILER-DAEMON@mail.clinic.example',
      to: 'inbox@clinic.example',
      subject: 'Undelivered Mail Returned to Sender',
      message_id: `<dsn-${randomUUID()}@mail.clinic.example>`,
      in_reply_to: dan.messageId,
      text: 'Final-Recipient: rfc822; dan@example.com\nAction: failed\nStatus: 5.1.1\n',
    });
    expect(await dncOf('dan@example.com')).toEqual([{ channel: 'email', reason: 'bounce' }]);

    await reply('START');
    expect(await dncOf('dan@example.com')).toEqual([{ channel: 'email', reason: 'bounce' }]);
    const lead = await api.http.get(`/api/leads/${dan.leadId}`).set(tenant.admin.headers);
    expect(lead.body.data.opted_out_channels).toEqual(['email']);
  });
});
