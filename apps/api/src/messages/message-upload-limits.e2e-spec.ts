import { countRows, createTenant, TestTenant, useTestApi } from '@app/testing';

const MB = 1024 * 1024;

/**
 * An uploaded file larger than the channel's provider fetches (Twilio: 5 MB for a whole MMS) is refused when a send
 * names it, before anything is recorded: sent, the message would only come back failed. The upload stays waiting.
 */
describe('uploaded files larger than the channel carries (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  }, 60_000);

  it('a file over 5 MB by SMS is a 400 naming attachment_ids, and sends nothing', async () => {
    const up = await api.http
      .post('/api/messages/attachments')
      .set(tenant.admin.headers)
      .attach('file', Buffer.alloc(5 * MB + 1), { filename: 'brochure.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Pat', phone: '+14155550871' });
    const messages = () => countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);
    const before = await messages();
    const refused = {
      status: 400,
      body: {
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: expect.any(String),
          details: [
            {
              field: 'attachment_ids',
              reason: 'names files of 5.0 MB in all: an MMS carries at most 5 MB (simulator on sms)',
            },
          ],
        },
      },
    };
    const toLead = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Our brochure', attachment_ids: [up.body.data.id] });
    expect({ status: toLead.status, body: toLead.body }).toEqual(refused);
    const toNumber = await api.http
      .post('/api/sms/send')
      .set(tenant.admin.headers)
      .send({ phone: '+14155550872', body: 'Our brochure', attachment_ids: [up.body.data.id] });
    expect({ status: toNumber.status, body: toNumber.body }).toEqual(refused);
    expect(await messages()).toBe(before);
    expect(await countRows(api.db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    // Still an upload waiting to be sent.
    const [row] = await api.db.query(`SELECT message_id FROM message_attachments WHERE id = $1`, [
      up.body.data.id,
    ]);
    expect(row.message_id).toBeNull();
  }, 60_000);
});
