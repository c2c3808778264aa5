import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { ContactPolicyService } from './contact-policy.service';

/**
 * A lead who wrote on WhatsApp from two numbers (the phone changed in between) is answered on the newer, which they
 * wrote from last (its 24-hour window the open one); the old one may be someone else's by now.
 */
describe("the contact policy's address of a lead (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('is the newest of its WhatsApp numbers', async () => {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized) VALUES ($1, '+14155550802', '+14155550802')
       RETURNING id`,
      [t.id],
    );
    // The older number's row comes first in the table, as it would.
    await api.db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address, created_at)
       VALUES ($1, $2, 'whatsapp', '+14155550801', now() - interval '30 days')`,
      [t.id, lead.id],
    );
    await api.db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address, created_at)
       VALUES ($1, $2, 'whatsapp', '+14155550802', now())`,
      [t.id, lead.id],
    );
    const { address } = await api.app
      .get(ContactPolicyService)
      .evaluate(t.id, lead.id, 'whatsapp', { template: true });
    expect(address).toBe('+14155550802');
  });
});
