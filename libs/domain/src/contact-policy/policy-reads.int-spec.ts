import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { uuidv7 } from 'uuidv7';
import { EnrollmentsRepository } from '../campaign-engine/enrollments.repository';
import { MessagesRepository } from '../messaging/messages.repository';
import { ContactPolicyService, PolicyChannel, PolicyOptions } from './contact-policy.service';

/**
 * The contact policy's read of a lead comes with the read of the job it serves (the campaign step's load, the
 * sender's read of the message) instead of a statement of its own: it judges as the policy's own read does, for
 * every rule (listed, opted out, archived, the WhatsApp window, the sending window), and is read only for a queued
 * turn or message.
 */
describe("the contact policy's read with the step's and the send's (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;
  let policy: ContactPolicyService;

  beforeAll(async () => {
    t = await createTenant(api.http);
    policy = api.app.get(ContactPolicyService);
  });

  /** A number of its own for each lead (the list and the identities are by number). */
  let numbers = 0;
  const phone = () => `+1415555${String(1000 + numbers++)}`;

  const OPTIONS: PolicyOptions[] = [
    {},
    { template: true },
    { exempt: 'opt_out_confirmation' },
    { window: { hours: {} } },
    { window: { hours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }, zone: 'Asia/Tokyo' } },
  ];

  /** A lead as each case sets it up, with a WhatsApp number it wrote from and a conversation it wrote in. */
  async function lead(
    number: string,
    fields: { archived?: boolean; opted_out?: string[]; listed?: string; inboundHoursAgo?: number } = {},
  ): Promise<string> {
    const [row] = await api.db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized, email, timezone, opted_out_channels, archived_at)
       VALUES ($1, $2, $2, 'Policy.Reads@Example.com', 'America/New_York', $3, CASE WHEN $4 THEN now() END)
       RETURNING id`,
      [t.id, number, fields.opted_out ?? [], fields.archived ?? false],
    );
    await api.db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'whatsapp', $3)`,
      [t.id, row.id, number],
    );
    if (fields.listed)
      await api.db.query(
        `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, $2, $3, 'stop_keyword')`,
        [t.id, number, fields.listed],
      );
    if (fields.inboundHoursAgo !== undefined)
      for (const channel of ['sms', 'whatsapp'])
        await api.db.query(
          `INSERT INTO conversations (tenant_id, lead_id, channel, last_inbound_at)
           VALUES ($1, $2, $3, $4)`,
          [t.id, row.id, channel, new Date(api.clock.now().getTime() - fields.inboundHoursAgo * 3600_000)],
        );
    return row.id as string;
  }

  /** A message to the lead on the channel, its conversation made if the lead has none there. */
  async function message(leadId: string, channel: string, status = 'queued'): Promise<string> {
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, lead_id, channel) DO UPDATE SET updated_at = now() RETURNING id`,
      [t.id, leadId, channel],
    );
    const [row] = await api.db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, $4, 'outbound', $5, 'agent', 'simulator', $6, $7, 'Hello') RETURNING id`,
      [uuidv7(), t.id, conversation.id, leadId, channel, status, `policy-reads:${uuidv7()}`],
    );
    return row.id as string;
  }

  /** A campaign of one step of `type`, the lead enrolled in it with its turn queued. */
  async function enrollment(leadId: string, type: string, status = 'queued'): Promise<string> {
    const [campaign] = await api.db.query(
      `INSERT INTO campaigns (tenant_id, name, status) VALUES ($1, $2, 'active') RETURNING id`,
      [t.id, `policy reads ${uuidv7()}`],
    );
    await api.db.query(
      `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content) VALUES ($1, $2, 0, $3, $4)`,
      [t.id, campaign.id, type, type === 'DELAY' ? '1' : 'Hi'],
    );
    const [row] = await api.db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status, current_step)
       VALUES ($1, $2, $3, $4, 0) RETURNING id`,
      [t.id, campaign.id, leadId, status],
    );
    return row.id as string;
  }

  const CASES: [string, Parameters<typeof lead>[1]][] = [
    ['an open lead who wrote an hour ago', { inboundHoursAgo: 1 }],
    ['a lead who wrote two days ago', { inboundHoursAgo: 48 }],
    ['a lead who never wrote', {}],
    ['an archived lead', { archived: true, inboundHoursAgo: 1 }],
    ['a lead who opted out of SMS', { opted_out: ['sms'], inboundHoursAgo: 1 }],
    ['a lead listed for all channels', { listed: 'all', inboundHoursAgo: 1 }],
    ['a lead listed for WhatsApp by its STOP', { listed: 'whatsapp', inboundHoursAgo: 1 }],
  ];

  it.each(CASES)("the sender's read judges %s as the policy's own read does", async (_name, fields) => {
    api.clock.set('2026-12-03T15:00:00Z'); // 10:00 in New York, a Thursday
    const leadId = await lead(phone(), fields);
    for (const channel of ['sms', 'whatsapp'] as PolicyChannel[]) {
      const read = await api.app
        .get(MessagesRepository)
        .findForSend(t.id, await message(leadId, channel), api.clock.now());
      expect(read?.policy).not.toBeNull();
      for (const options of OPTIONS)
        expect(policy.evaluateRow(read!.policy!, channel, options)).toEqual(
          await policy.evaluate(t.id, leadId, channel, options),
        );
    }
  });

  it.each(CASES)("the step's load judges %s as the policy's own read does", async (_name, fields) => {
    api.clock.set('2026-12-03T15:00:00Z');
    const leadId = await lead(phone(), fields);
    for (const [type, channel] of [
      ['SMS', 'sms'],
      ['WHATSAPP', 'whatsapp'],
    ] as [string, PolicyChannel][]) {
      const ctx = await api.app
        .get(EnrollmentsRepository)
        .load(t.id, await enrollment(leadId, type), api.clock.now());
      expect(ctx?.policy_channel).toBe(channel);
      expect(ctx?.policy).not.toBeNull();
      for (const options of OPTIONS)
        expect(policy.evaluateRow(ctx!.policy!, channel, options)).toEqual(
          await policy.evaluate(t.id, leadId, channel, options),
        );
    }
  });

  it('is not read for a message that is not queued, nor for a turn that is not queued or sends nothing', async () => {
    const leadId = await lead(phone(), { inboundHoursAgo: 1 });
    const messages = api.app.get(MessagesRepository);
    const sent = await messages.findForSend(t.id, await message(leadId, 'sms', 'sent'), api.clock.now());
    expect(sent?.policy).toBeNull();
    const enrollments = api.app.get(EnrollmentsRepository);
    for (const [type, status] of [
      ['SMS', 'waiting'],
      ['CALL', 'queued'],
      ['DELAY', 'queued'],
    ]) {
      const ctx = await enrollments.load(t.id, await enrollment(leadId, type, status), api.clock.now());
      expect(ctx?.policy).toBeNull();
    }
  });
});
