import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { uuidv7 } from 'uuidv7';
import { MessagesRepository } from './messages.repository';

/**
 * A person's or the AI's message is claimed for its send only while its lead may still be reached on its channel:
 * a STOP (or an all-channel listing) committed after the sender asked the contact policy, while the send waited for
 * its slot, keeps it from going; so is a campaign's step. The opt-out's own confirmation still goes.
 */
describe('claiming a send after the lead opted out (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  /** A lead with a queued SMS from `sender`; answers the message's id. */
  async function queued(
    sender: 'agent' | 'ai' | 'system',
    lead: { optedOut?: boolean; dnc?: boolean } = {},
    key = `claim-${uuidv7()}`,
  ) {
    phone += 1;
    const number = `+1415555${String(6100 + phone).padStart(4, '0')}`;
    const [l] = await api.db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized, opted_out_channels, do_not_call)
       VALUES ($1, $2, $2, $3, $4) RETURNING id`,
      [t.id, number, lead.optedOut ? '{sms}' : '{}', lead.dnc ?? false],
    );
    const [c] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [t.id, l.id],
    );
    const [m] = await api.db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, $4, 'outbound', 'sms', $5, 'simulator', 'queued', $6, 'Hello') RETURNING id`,
      [uuidv7(), t.id, c.id, l.id, sender, key],
    );
    return m.id as string;
  }

  const claim = (id: string) => api.app.get(MessagesRepository).claim(t.id, id, 'simulator', new Date());
  const status = async (id: string) =>
    (await api.db.query(`SELECT status FROM messages WHERE id = $1`, [id]))[0].status as string;

  it("is refused for an agent's or the AI's message once the lead opted out of the channel or is listed for all", async () => {
    const refused = [
      await queued('agent', { optedOut: true }),
      await queued('ai', { optedOut: true }),
      await queued('agent', { dnc: true }),
      // A campaign's step too: it waited for its slot after the sender asked the policy.
      await queued('system', { optedOut: true }, `campaign:${uuidv7()}:0:1`),
      await queued('system', { dnc: true }, `campaign:${uuidv7()}:0:1`),
    ];
    for (const id of refused) {
      expect(await claim(id)).toBe(false);
      expect(await status(id)).toBe('queued');
    }
    // Still reachable: claimed. The opt-out's own confirmation goes to the lead who just opted out.
    const reachable = await queued('agent');
    expect(await claim(reachable)).toBe(true);
    expect(await status(reachable)).toBe('sending');
    const confirmation = await queued('system', { optedOut: true }, `opt-out-confirmation:${uuidv7()}`);
    expect(await claim(confirmation)).toBe(true);
  });
});
