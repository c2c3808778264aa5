import { createTenant, createTestApi, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { ContactPolicyService } from './contact-policy.service';

/**
 * A lead who wrote on WhatsApp from two numbers (the phone changed in between) is answered on the newer, which they
 * wrote from last (its 24-hour window the open one); the old one may be someone else's by now.
 */
describe("the contact policy's address of a lead (integration)", () => {
  let api: TestApi;
  let db: DataSource;
  let t: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    t = await createTenant(api.http);
  });
  afterAll(() => api.close());

  it('is the newest of its WhatsApp numbers', async () => {
    const [lead] = await db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized) VALUES ($1, '+14155550802', '+14155550802')
       RETURNING id`,
      [t.id],
    );
    // The older number's row comes first in the table, as it would.
    await db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address, created_at)
       VALUES ($1, $2, 'whatsapp', '+14155550801', now() - interval '30 days')`,
      [t.id, lead.id],
    );
    await db.query(
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
