import { createTenant, useTestApi } from '@app/testing';
import { stopOnOptOut } from './enrollment-stops';

/**
 * An opt-out (or a bounce) on a channel stops the lead's enrollments in the campaigns that contact it on that
 * channel, an AI_MESSAGE step counting for the channel it names (email when it names none), and no other.
 */
describe('stopOnOptOut (integration)', () => {
  const api = useTestApi();
  let tenantId: string;

  beforeAll(async () => {
    tenantId = (await createTenant(api.http)).id;
  });

  /** A campaign with one step, and the lead enrolled in it (waiting); answers the campaign's id. */
  async function enrolled(
    leadId: string,
    type: string,
    options: Record<string, unknown> = {},
  ): Promise<string> {
    const [campaign] = await api.db.query(
      `INSERT INTO campaigns (tenant_id, name, status) VALUES ($1, $2, 'active') RETURNING id`,
      [tenantId, `${type} ${JSON.stringify(options)}`],
    );
    await api.db.query(
      `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content, options)
       VALUES ($1, $2, 0, $3, 'Hi', $4)`,
      [tenantId, campaign.id, type, options],
    );
    await api.db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status) VALUES ($1, $2, $3, 'waiting')`,
      [tenantId, campaign.id, leadId],
    );
    return campaign.id as string;
  }

  const statuses = async (leadId: string) =>
    Object.fromEntries(
      (
        await api.db.query(
          `SELECT c.name, e.status, e.stop_reason FROM campaign_enrollments e JOIN campaigns c ON c.id = e.campaign_id
            WHERE e.lead_id = $1`,
          [leadId],
        )
      ).map((r: { name: string; status: string; stop_reason: string | null }) => [
        r.name,
        `${r.status}${r.stop_reason ? `:${r.stop_reason}` : ''}`,
      ]),
    );

  it('stops the campaigns that send on the channel, AI_MESSAGE steps by the channel they name', async () => {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized, email) VALUES ($1, '+14155550150', '+14155550150',
         'stops@example.com') RETURNING id`,
      [tenantId],
    );
    await enrolled(lead.id, 'SMS');
    await enrolled(lead.id, 'AI_MESSAGE', { channel: 'sms' });
    await enrolled(lead.id, 'AI_MESSAGE');
    await enrolled(lead.id, 'EMAIL');
    await enrolled(lead.id, 'WHATSAPP');

    const onSms = await api.db.transaction((tx) => stopOnOptOut(tx, tenantId, lead.id, 'sms', new Date()));
    expect(onSms).toHaveLength(2);
    expect(await statuses(lead.id)).toEqual({
      'SMS {}': 'stopped:opted_out',
      'AI_MESSAGE {"channel":"sms"}': 'stopped:opted_out',
      'AI_MESSAGE {}': 'waiting',
      'EMAIL {}': 'waiting',
      'WHATSAPP {}': 'waiting',
    });

    const onEmail = await api.db.transaction((tx) =>
      stopOnOptOut(tx, tenantId, lead.id, 'email', new Date(), null, 'bounced'),
    );
    expect(onEmail).toHaveLength(2);
    expect(await statuses(lead.id)).toMatchObject({
      'AI_MESSAGE {}': 'stopped:bounced',
      'EMAIL {}': 'stopped:bounced',
      'WHATSAPP {}': 'waiting',
    });
  });
});
