import { countRows, createTenant, expectValidation, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * A manual SMS longer than its provider takes (the simulator stands in for Twilio: 1,600 characters) is refused with
 * a 400 naming `body` before anything is stored; one at the limit goes.
 */
describe('message length per provider (e2e)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });
  const db = () => api.app.get(DataSource);

  it('refuses 1,601 characters on SMS (400, nothing stored) and takes 1,600', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Lena', phone: '+14155550961' });
    expect(lead.status).toBe(201);
    const send = (body: string) =>
      api.http
        .post(`/api/leads/${lead.body.data.id}/messages`)
        .set(t.admin.headers)
        .send({ channel: 'sms', body });

    const refused = await send('x'.repeat(1601));
    expectValidation(refused, ['body']);
    expect(refused.body.error.details[0].reason).toMatch(
      /1601 characters: simulator takes at most 1600 on sms/,
    );
    expect(await countRows(db(), 'messages', 'tenant_id = $1', [t.id])).toBe(0);
    expect(await countRows(db(), 'conversations', 'tenant_id = $1', [t.id])).toBe(0);

    expect((await send('x'.repeat(1600))).status).toBe(201);
    expect(await countRows(db(), 'messages', 'tenant_id = $1', [t.id])).toBe(1);
  });
});
