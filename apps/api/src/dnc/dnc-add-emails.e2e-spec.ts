import { createTenant, ISO_TIMESTAMP, TestApi, uniqueSuffix, UUID_PATTERN, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { dncRequests, PHONE_PT, PHONE_US } from './dnc-requests.fixture';

/** Emails are listed lower-case; a phone and an email are one entry, and each already listed brings the other on; the same entry added at once is made once. */
describe('do-not-contact: adding emails, and phones with emails (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  const { countEntries, countLeads, addDnc, added, listDnc, ids, postLead, flags, activity } = dncRequests(
    (s) => ({ api, db } = s),
  );

  describe('POST /api/dnc', () => {
    it('stores an email lower-case; the same email in any case and channel is the same entry', async () => {
      const tenant = await createTenant(api.http);
      const local = `Jane.Doe-${uniqueSuffix()}`;
      const res = await addDnc(tenant.admin.headers, {
        email: `${local}@Example.COM`,
        channel: 'email',
        reason: 'complaint',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          phone: null,
          email: `${local.toLowerCase()}@example.com`,
          channel: 'email',
          reason: 'complaint',
          created_by_id: tenant.admin.id,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          created: true,
          taken_over: false,
          leads_flagged: 0,
        },
      });

      const again = await addDnc(tenant.admin.headers, {
        email: `${local.toUpperCase()}@EXAMPLE.com`,
        channel: 'email',
        reason: 'manual',
      });
      expect(again.status).toBe(200);
      // The entry already there is answered as it is (its first reason stays).
      expect(again.body).toEqual({
        success: true,
        data: { ...res.body.data, created: false, leads_flagged: 0 },
      });
      expect(await countEntries(tenant)).toBe(1);

      // Another channel for the same address is another entry.
      const sms = await addDnc(tenant.admin.headers, { email: `${local}@example.com`, channel: 'sms' });
      expect(sms.status).toBe(201);
      expect(sms.body.data).toMatchObject({
        email: `${local.toLowerCase()}@example.com`,
        channel: 'sms',
        reason: 'manual',
        created: true,
      });
      expect(sms.body.data.id).not.toBe(res.body.data.id);
      expect(await countEntries(tenant)).toBe(2);
    });

    it('takes an email with spaces around it, as POST /api/leads does, and flags the lead with that email', async () => {
      const tenant = await createTenant(api.http);
      const email = `spaced-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { email: ` ${email} ` });
      expect(lead.email).toBe(email);
      const res = await addDnc(tenant.admin.headers, { email: `  ${email.toUpperCase()} ` });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ email, channel: 'all', created: true, leads_flagged: 1 });
      expect(await flags(tenant, lead.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
    });

    it('takes a phone and an email together in one entry, and both are then blocked', async () => {
      const tenant = await createTenant(api.http);
      const email = `both-${uniqueSuffix()}@example.test`;
      const res = await addDnc(tenant.admin.headers, {
        phone: '+351 912 345 678',
        email: email.toUpperCase(),
        reason: 'stop_keyword',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toEqual({
        id: expect.stringMatching(UUID_PATTERN),
        phone: PHONE_PT,
        email,
        channel: 'all',
        reason: 'stop_keyword',
        created_by_id: tenant.admin.id,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        created: true,
        taken_over: false,
        leads_flagged: 0,
      });
      const again = await addDnc(tenant.admin.headers, { phone: PHONE_PT, email });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ id: res.body.data.id, created: false });
      expect(await countEntries(tenant)).toBe(1);

      for (const lead of [{ phone: '00351912345678' }, { email }]) {
        const refused = await api.http.post('/api/leads').set(tenant.admin.headers).send(lead);
        expect({ status: refused.status, body: refused.body }).toEqual({
          status: 422,
          body: {
            success: false,
            error: {
              code: 'POLICY_VIOLATION',
              message: expect.any(String),
              details: { rule: 'do_not_contact', dnc_entry_id: res.body.data.id },
            },
          },
        });
      }
      expect(await countLeads(tenant)).toBe(0);
    });

    it('a phone already listed with a new email puts the new email on the list too', async () => {
      const tenant = await createTenant(api.http);
      const newEmail = `fresh-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { email: newEmail });
      const first = await added(tenant.admin.headers, { phone: PHONE_US });

      const res = await addDnc(tenant.admin.headers, { phone: PHONE_US, email: newEmail });
      const found = await listDnc(tenant.admin.headers, `search=${encodeURIComponent(newEmail)}`);
      // The lead with that email is now flagged, the email is findable on the list, the phone entry stays.
      expect({
        status: [200, 201].includes(res.status) ? '200 or 201' : res.status,
        leads_flagged: res.body.data?.leads_flagged,
        lead: await flags(tenant, lead.id),
        listed: found.data.map((e) => e.email),
        first_kept: (await ids(tenant.admin.headers)).includes(first.id),
      }).toEqual({
        status: '200 or 201',
        leads_flagged: 1,
        lead: { do_not_call: true, opted_out_channels: [] },
        listed: [newEmail],
        first_kept: true,
      });
    });

    it('an email already listed with a new phone puts the new phone on the list too (never a 500)', async () => {
      const tenant = await createTenant(api.http);
      const email = `known-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { phone: PHONE_US });
      const first = await added(tenant.admin.headers, { email, channel: 'sms' });

      const res = await addDnc(tenant.admin.headers, { phone: PHONE_US, email, channel: 'sms' });
      const found = await listDnc(tenant.admin.headers, 'search=4155552671');
      expect({
        status: [200, 201].includes(res.status) ? '200 or 201' : res.status,
        success: res.body.success,
        leads_flagged: res.body.data?.leads_flagged,
        lead: await flags(tenant, lead.id),
        listed: found.data.map((e) => [e.phone, e.channel]),
        first_kept: (await ids(tenant.admin.headers)).includes(first.id),
      }).toEqual({
        status: '200 or 201',
        success: true,
        leads_flagged: 1,
        lead: { do_not_call: false, opted_out_channels: ['sms'] },
        listed: [[PHONE_US, 'sms']],
        first_kept: true,
      });
    });

    it('the same entry added at the same moment is created once; the others answer created false', async () => {
      const tenant = await createTenant(api.http);
      const lead = await postLead(tenant, { phone: PHONE_US });
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => addDnc(tenant.admin.headers, { phone: '+1 415 555 2671' })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((r) => r.body.data.id)).size).toBe(1);
      expect(answers.filter((r) => r.body.data.created)).toHaveLength(1);
      expect(await countEntries(tenant)).toBe(1);
      expect(await flags(tenant, lead.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      expect(await activity(tenant, 'dnc.added')).toHaveLength(1);
    });

    it('a phone and email added while another request lists the phone alone: the email goes on the list too', async () => {
      const tenant = await createTenant(api.http);
      const email = `raced-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { email });
      // The other request's phone-only entry, not yet committed when this one looks the phone up.
      const holder = db.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        const [{ pid }] = await holder.query(`SELECT pg_backend_pid() AS pid`);
        await holder.query(
          `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, $2, 'all', 'manual')`,
          [tenant.id, PHONE_US],
        );
        const adding = addDnc(tenant.admin.headers, { phone: PHONE_US, email }).then((r) => r);
        await waitFor(
          async () =>
            (await db.query(`SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [pid]))
              .length > 0,
          10_000,
          'the combined entry waiting on the phone',
        );
        await holder.commitTransaction();
        const res = await adding;
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({ phone: null, email, created: true, leads_flagged: 1 });
        const entries = await db.query(
          `SELECT phone_normalized, email FROM dnc_entries WHERE tenant_id = $1 ORDER BY email NULLS FIRST`,
          [tenant.id],
        );
        expect(entries).toEqual([
          { phone_normalized: PHONE_US, email: null },
          { phone_normalized: null, email },
        ]);
        expect(await flags(tenant, lead.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    });
  });
});
