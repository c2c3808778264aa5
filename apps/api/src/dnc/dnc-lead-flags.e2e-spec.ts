import { countRows, createTenant, expectError, TestApi, uniqueSuffix } from '@app/testing';
import { DataSource } from 'typeorm';
import { clean, dncRequests, PHONE_US, PHONE_US_2 } from './dnc-requests.fixture';

/** A lead's do_not_call and opted_out_channels follow the entries that match it, in its tenant only. */
describe('do-not-contact: the projection onto leads (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  const { countEntries, countLeads, addDnc, added, ids, setCountry, postLead, flags } = dncRequests(
    (s) => ({ api, db } = s),
  );

  describe('projection onto leads', () => {
    it('an all-channel entry on a phone flags that lead do_not_call, and no other lead', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const a = await postLead(tenant, { phone: PHONE_US, email: `a-${uniqueSuffix()}@example.test` });
      const b = await postLead(tenant, { phone: PHONE_US_2, email: `b-${uniqueSuffix()}@example.test` });
      expect(await flags(tenant, a.id)).toEqual(clean);

      const res = await addDnc(tenant.admin.headers, { phone: '415-555-2671' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        phone: PHONE_US,
        channel: 'all',
        created: true,
        leads_flagged: 1,
      });
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      expect(await flags(tenant, b.id)).toEqual(clean);

      const list = await api.http.get('/api/leads?limit=100').set(tenant.admin.headers);
      const byId = Object.fromEntries(
        (list.body.data as { id: string; do_not_call: boolean }[]).map((l) => [l.id, l.do_not_call]),
      );
      expect(byId).toEqual({ [a.id]: true, [b.id]: false });

      // Adding it again changes nothing, so flags nothing.
      const again = await addDnc(tenant.admin.headers, { phone: PHONE_US });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ id: res.body.data.id, created: false, leads_flagged: 0 });
    });

    it('channel entries opt the lead out of those channels (sorted), without do_not_call', async () => {
      const tenant = await createTenant(api.http);
      const emailA = `a-${uniqueSuffix()}@example.test`;
      const emailB = `b-${uniqueSuffix()}@example.test`;
      const a = await postLead(tenant, { phone: PHONE_US, email: emailA });
      const b = await postLead(tenant, { phone: PHONE_US_2, email: emailB });

      const sms = await addDnc(tenant.admin.headers, { email: emailB.toUpperCase(), channel: 'sms' });
      expect(sms.status).toBe(201);
      expect(sms.body.data).toMatchObject({ email: emailB, channel: 'sms', leads_flagged: 1 });
      expect(await flags(tenant, b.id)).toEqual({ do_not_call: false, opted_out_channels: ['sms'] });
      expect(await flags(tenant, a.id)).toEqual(clean);

      const whatsapp = await addDnc(tenant.admin.headers, { phone: PHONE_US_2, channel: 'whatsapp' });
      expect(whatsapp.body.data).toMatchObject({ channel: 'whatsapp', leads_flagged: 1 });
      const email = await addDnc(tenant.admin.headers, { phone: PHONE_US_2, channel: 'email' });
      expect(email.body.data).toMatchObject({ channel: 'email', leads_flagged: 1 });
      expect(await flags(tenant, b.id)).toEqual({
        do_not_call: false,
        opted_out_channels: ['email', 'sms', 'whatsapp'],
      });
      expect(await flags(tenant, a.id)).toEqual(clean);

      // The same channel from the other address adds nothing to the lead.
      const dup = await addDnc(tenant.admin.headers, { email: emailB, channel: 'whatsapp' });
      expect(dup.status).toBe(201);
      expect(dup.body.data).toMatchObject({ created: true, leads_flagged: 0 });
      expect(await flags(tenant, b.id)).toEqual({
        do_not_call: false,
        opted_out_channels: ['email', 'sms', 'whatsapp'],
      });
    });

    it('DELETE removes the entry and clears exactly the flag it set', async () => {
      const tenant = await createTenant(api.http);
      const emailA = `a-${uniqueSuffix()}@example.test`;
      const a = await postLead(tenant, { phone: PHONE_US, email: emailA });
      const b = await postLead(tenant, { phone: PHONE_US_2 });

      const sms = await added(tenant.admin.headers, { email: emailA, channel: 'sms' });
      const whatsapp = await added(tenant.admin.headers, { phone: PHONE_US, channel: 'whatsapp' });
      const allByPhone = await added(tenant.admin.headers, { phone: PHONE_US });
      const allByEmail = await added(tenant.admin.headers, { email: emailA });
      const other = await added(tenant.admin.headers, { phone: PHONE_US_2 });
      expect(await flags(tenant, a.id)).toEqual({
        do_not_call: true,
        opted_out_channels: ['sms', 'whatsapp'],
      });
      expect(await flags(tenant, b.id)).toEqual({ do_not_call: true, opted_out_channels: [] });

      const del = await api.http.delete(`/api/dnc/${sms.id}`).set(tenant.admin.headers);
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ success: true, data: sms });
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: true, opted_out_channels: ['whatsapp'] });

      // Another all-channel entry still matches the email, so do_not_call stays.
      await api.http.delete(`/api/dnc/${allByPhone.id}`).set(tenant.admin.headers).expect(200);
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: true, opted_out_channels: ['whatsapp'] });
      await api.http.delete(`/api/dnc/${allByEmail.id.toUpperCase()}`).set(tenant.admin.headers).expect(200);
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: false, opted_out_channels: ['whatsapp'] });
      expect(await flags(tenant, b.id)).toEqual({ do_not_call: true, opted_out_channels: [] });

      expect(await ids(tenant.admin.headers)).toEqual([other.id, whatsapp.id]);
      expect(await countEntries(tenant)).toBe(2);

      // Gone means gone: a second DELETE is a 404 and changes nothing.
      expectError(
        await api.http.delete(`/api/dnc/${sms.id}`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
        'Do-not-contact entry not found',
      );
      expect(await countEntries(tenant)).toBe(2);
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: false, opted_out_channels: ['whatsapp'] });

      await api.http.delete(`/api/dnc/${whatsapp.id}`).set(tenant.admin.headers).expect(200);
      expect(await flags(tenant, a.id)).toEqual(clean);

      // The address can be listed again afterwards.
      const back = await addDnc(tenant.admin.headers, { email: emailA, channel: 'sms' });
      expect(back.status).toBe(201);
      expect(back.body.data).toMatchObject({ created: true, leads_flagged: 1 });
      expect(back.body.data.id).not.toBe(sms.id);
    });

    it('a lead created after a channel-only entry is created opted out of that channel', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const email = `late-${uniqueSuffix()}@example.test`;
      await added(tenant.admin.headers, { email, channel: 'sms' });
      await added(tenant.admin.headers, { phone: PHONE_US, channel: 'voice' });

      const lead = await postLead(tenant, { email: email.toUpperCase(), phone: '(415) 555-2671' });
      expect(lead).toMatchObject({
        phone_normalized: PHONE_US,
        do_not_call: false,
        opted_out_channels: ['sms', 'voice'],
      });
      expect(await flags(tenant, lead.id)).toEqual({
        do_not_call: false,
        opted_out_channels: ['sms', 'voice'],
      });

      const unrelated = await postLead(tenant, { phone: PHONE_US_2 });
      expect(unrelated).toMatchObject(clean);
    });

    it('refuses to create a lead whose phone or email (any case, any format) is on an all-channel entry (422)', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const email = `blocked-${uniqueSuffix()}@example.test`;
      const byPhone = await added(tenant.admin.headers, { phone: PHONE_US });
      const byEmail = await added(tenant.admin.headers, { email });

      const attempts: [Record<string, unknown>, string][] = [
        [{ phone: '(415) 555-2671' }, byPhone.id],
        [{ phone: '+1 415 555 2671', email: `ok-${uniqueSuffix()}@example.test` }, byPhone.id],
        [{ email: email.toUpperCase() }, byEmail.id],
        [{ email, phone: PHONE_US_2 }, byEmail.id],
      ];
      for (const [body, entryId] of attempts) {
        const res = await api.http
          .post('/api/leads')
          .set(tenant.admin.headers)
          .send({ first_name: 'Nope', ...body });
        expect({ body, status: res.status, payload: res.body }).toEqual({
          body,
          status: 422,
          payload: {
            success: false,
            error: {
              code: 'POLICY_VIOLATION',
              message: expect.any(String),
              details: { rule: 'do_not_contact', dnc_entry_id: entryId },
            },
          },
        });
      }
      expect(await countLeads(tenant)).toBe(0);
      expect(await countRows(db, 'lead_identities', 'tenant_id = $1', [tenant.id])).toBe(0);

      // A channel-only entry never blocks creation.
      const free = await postLead(tenant, { phone: PHONE_US_2 });
      expect(free).toMatchObject(clean);
      expect(await countLeads(tenant)).toBe(1);
    });

    it("another tenant's leads with the same phone are never flagged", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const leadA = await postLead(a, { phone: PHONE_US });
      const leadB = await postLead(b, { phone: PHONE_US, email: `b-${uniqueSuffix()}@example.test` });
      const emailB = leadB.email as string;

      const res = await addDnc(a.admin.headers, { phone: PHONE_US });
      expect(res.body.data).toMatchObject({ created: true, leads_flagged: 1 });
      const sms = await addDnc(a.admin.headers, { email: emailB, channel: 'sms' });
      expect(sms.body.data).toMatchObject({ created: true, leads_flagged: 0 });

      expect(await flags(a, leadA.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      expect(await flags(b, leadB.id)).toEqual(clean);

      // A listing a phone on all channels does not stop B creating a lead with it.
      await added(a.admin.headers, { phone: PHONE_US_2 });
      const fresh = await postLead(b, { phone: PHONE_US_2 });
      expect(fresh).toMatchObject(clean);
      expect(await countLeads(b)).toBe(2);

      // Removing A's entry leaves B's lead untouched too.
      await api.http.delete(`/api/dnc/${res.body.data.id}`).set(a.admin.headers).expect(200);
      expect(await flags(a, leadA.id)).toEqual(clean);
      expect(await flags(b, leadB.id)).toEqual(clean);
    });
  });
});
