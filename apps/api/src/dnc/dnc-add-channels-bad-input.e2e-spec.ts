import { countRows, createTenant, expectError, expectValidation, TestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { clean, type DncJson, dncRequests, PHONE_US, PHONE_US_2 } from './dnc-requests.fixture';

/** Channels and reasons an entry takes, and the bodies refused without storing anything. */
describe('do-not-contact: channels, reasons and bad input (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  const { countEntries, addDnc, added, listDnc, ids, setCountry, postLead, flags, activity } = dncRequests(
    (s) => ({ api, db } = s),
  );

  describe('POST /api/dnc', () => {
    it('accepts every channel (all by default) and every reason but erasure (manual by default)', async () => {
      const tenant = await createTenant(api.http);
      const channels = ['all', 'sms', 'whatsapp', 'voice', 'email', 'telegram'];
      const reasons = ['manual', 'complaint', 'import', 'stop_keyword', 'complaint', 'import'];
      const made: DncJson[] = [];
      for (const [i, channel] of channels.entries()) {
        made.push(await added(tenant.admin.headers, { phone: PHONE_US, channel, reason: reasons[i] }));
      }
      expect(made.map((e) => [e.phone, e.channel, e.reason])).toEqual(
        channels.map((c, i) => [PHONE_US, c, reasons[i]]),
      );
      expect(new Set(made.map((e) => e.id)).size).toBe(6);
      expect(await countEntries(tenant)).toBe(6);

      const defaults = await addDnc(tenant.admin.headers, { phone: PHONE_US_2 });
      expect(defaults.body.data).toMatchObject({ channel: 'all', reason: 'manual', created: true });
      expect(await countEntries(tenant)).toBe(7);
    });

    it('takes a channel and a reason in any case, as GET /api/dnc and the CSV import do', async () => {
      const tenant = await createTenant(api.http);
      const res = await addDnc(tenant.admin.headers, {
        phone: PHONE_US,
        channel: 'SMS',
        reason: 'Complaint',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        phone: PHONE_US,
        channel: 'sms',
        reason: 'complaint',
        created: true,
      });
      const again = await addDnc(tenant.admin.headers, { phone: PHONE_US, channel: 'sms' });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ id: res.body.data.id, created: false });
      expect(await countEntries(tenant)).toBe(1);
      expectValidation(await addDnc(tenant.admin.headers, { phone: PHONE_US, reason: 'ERASURE' }), [
        'reason',
      ]);
      expect(await countEntries(tenant)).toBe(1);
    });

    it('refuses reason erasure, an unknown reason and an unknown channel with 400 and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ phone: PHONE_US, reason: 'erasure' }, ['reason']],
        [{ email: 'e@example.test', reason: 'spam' }, ['reason']],
        [{ phone: PHONE_US, channel: 'fax' }, ['channel']],
        [{ phone: PHONE_US, channel: '' }, ['channel']],
        [{ phone: PHONE_US, channel: 'phone' }, ['channel']],
        [{ phone: PHONE_US, channel: 'fax', reason: 'erasure' }, ['channel', 'reason']],
      ];
      for (const [body, fields] of cases) {
        expectValidation(await addDnc(tenant.admin.headers, body), fields);
      }
      expect(await countEntries(tenant)).toBe(0);
    });

    it('refuses a body without a phone or an email (400) and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      for (const body of [
        {},
        { channel: 'sms' },
        { phone: null, email: null },
        { phone: '', reason: 'manual' },
      ]) {
        const res = await addDnc(tenant.admin.headers, body);
        expectValidation(res, ['phone']);
        expect(res.body.error.message).toBe('Invalid input: phone or email is required');
      }
      expect(await countEntries(tenant)).toBe(0);
    });

    it('refuses a bad email and unknown fields (400) and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ email: 'not-an-email' }, ['email']],
        [{ email: '' }, ['email']],
        [{ email: 'a@b' }, ['email']],
        [{ email: `${'a'.repeat(320)}@example.test` }, ['email']],
        [{ email: 42 }, ['email']],
        [{ phone: PHONE_US, email: 'nope' }, ['email']],
        [{ phone: PHONE_US, tenant_id: randomUUID() }, ['tenant_id']],
        [{ phone: PHONE_US, created_by_id: randomUUID() }, ['created_by_id']],
      ];
      for (const [body, fields] of cases) {
        expectValidation(await addDnc(tenant.admin.headers, body), fields);
      }
      expect(await countEntries(tenant)).toBe(0);
    });
  });

  describe('bad input', () => {
    it('a NUL byte in the email or phone is a 400, never a 500, and nothing is stored', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const lead = await postLead(tenant, { phone: PHONE_US });
      const cases: [Record<string, unknown>, string][] = [
        [{ email: 'nul\u0000@example.test' }, 'email'],
        [{ email: 'nul@example.test\u0000' }, 'email'],
        [{ phone: '+1415555\u00002671' }, 'phone'],
        [{ phone: `${PHONE_US}\u0000` }, 'phone'],
        [{ phone: '\u0000' }, 'phone'],
      ];
      const answers = [];
      for (const [body] of cases) {
        const res = await addDnc(tenant.admin.headers, body);
        answers.push({
          body: JSON.stringify(body),
          status: res.status,
          code: res.body.error?.code,
          fields: res.body.error?.details?.map((d: { field: string }) => d.field),
        });
      }
      expect(answers).toEqual(
        cases.map(([body, field]) => ({
          body: JSON.stringify(body),
          status: 400,
          code: 'VALIDATION_ERROR',
          fields: [field],
        })),
      );
      expect(await countEntries(tenant)).toBe(0);
      expect(await flags(tenant, lead.id)).toEqual(clean);
    });

    it('a 10 KB phone or email is a 400 and nothing is stored', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const digits = '4'.repeat(10 * 1024);
      expectValidation(await addDnc(tenant.admin.headers, { phone: digits }), ['phone']);
      expectValidation(await addDnc(tenant.admin.headers, { phone: `+1 ${digits}` }), ['phone']);
      expectValidation(
        await addDnc(tenant.admin.headers, { email: `${'a'.repeat(10 * 1024)}@example.test` }),
        ['email'],
      );
      expect(await countEntries(tenant)).toBe(0);
    });

    it('a body that is not an object is a 400 and nothing is stored', async () => {
      const tenant = await createTenant(api.http);
      for (const body of [[{ phone: PHONE_US }], 'phone']) {
        const res = await api.http
          .post('/api/dnc')
          .set(tenant.admin.headers)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 400,
          code: 'VALIDATION_ERROR',
        });
      }
      const broken = await api.http
        .post('/api/dnc')
        .set(tenant.admin.headers)
        .set('Content-Type', 'application/json')
        .send('{"phone": "+14155552671"');
      expect({ status: broken.status, success: broken.body.success }).toEqual({
        status: 400,
        success: false,
      });
      expect(await countEntries(tenant)).toBe(0);
    });

    it('SQL- and script-looking emails are stored verbatim (lower-cased) and returned as JSON', async () => {
      const tenant = await createTenant(api.http);
      const sql = "o'brien--drop@example.test";
      const res = await addDnc(tenant.admin.headers, { email: sql, channel: 'telegram' });
      expect(res.status).toBe(201);
      expect(res.body.data.email).toBe(sql);
      expect(res.text).toContain(JSON.stringify(sql));
      expect((await listDnc(tenant.admin.headers, `search=${encodeURIComponent("o'brien")}`)).data).toEqual([
        expect.objectContaining({ id: res.body.data.id, email: sql }),
      ]);
      expect(await countRows(db, 'dnc_entries', 'tenant_id = $1 AND email = $2', [tenant.id, sql])).toBe(1);
    });

    it('a malformed or unknown id in DELETE is a 404 and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      const entry = await added(tenant.admin.headers, { phone: PHONE_US });
      for (const id of ['not-a-uuid', '123', `${entry.id}x`, "1' OR '1'='1", randomUUID(), '%00']) {
        const res: Response = await api.http
          .delete(`/api/dnc/${encodeURIComponent(id)}`)
          .set(tenant.admin.headers);
        expectError(res, 404, 'NOT_FOUND', 'Do-not-contact entry not found');
      }
      expect(await ids(tenant.admin.headers)).toEqual([entry.id]);
      expect(await activity(tenant, 'dnc.removed')).toEqual([]);
    });
  });
});
