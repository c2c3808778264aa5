import {
  countRows,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestTenant,
  uniqueSuffix,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { OutboundMessagesService } from '@app/domain';
import { leadRequests } from './lead-requests.fixture';

describe('DELETE /api/leads/:id: archive and erase (e2e)', () => {
  const api = useTestApi();

  const { post, getLead, createLead, listIds, tenantState } = leadRequests(() => api);

  describe('DELETE /api/leads/:id', () => {
    it('archives: archived_at set, gone from the default list, listed with archived=true, its phone and email free again', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const lead = await createLead(tenant, {
        name: 'Gone Soon',
        phone: '+1 212 555 0101',
        email: 'gone@example.com',
      });
      const keep = await createLead(tenant, { email: 'keep@example.com' });
      const res = await api.http.delete(`/api/leads/${lead.id}`).set(manager.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          ...lead,
          archived_at: api.clock.now().toISOString(),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      expect(await listIds(tenant)).toEqual([keep.id]);
      expect(await listIds(tenant, 'archived=true')).toEqual([lead.id]);
      expect((await getLead(tenant, lead.id)).body.data.archived_at).toBe(api.clock.now().toISOString());
      expect(await countRows(api.db, 'leads', 'id = $1', [lead.id])).toBe(1);

      const again = await api.http.delete(`/api/leads/${lead.id}`).set(manager.headers);
      expect(again.status).toBe(200);
      expect(again.body.data.archived_at).toBe(res.body.data.archived_at);

      const reborn = await createLead(tenant, {
        name: 'Back Again',
        phone: '(212) 555-0101',
        country: 'US',
        email: 'GONE@example.com',
      });
      expect(reborn).toMatchObject({ phone_normalized: '+12125550101' });
      expect(await listIds(tenant)).toEqual([reborn.id, keep.id]);
    });

    it('erasure is admin only: a manager gets 403 and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const managerKey = await createApiKey(api.http, tenant, 'manager');
      const lead = await createLead(tenant, {
        name: 'Keep Me',
        phone: '+1 212 555 0101',
        email: 'keep@example.com',
      });
      const before = await tenantState(tenant.id);
      // erase is read in any case: TRUE asks for the erasure too.
      for (const headers of [manager.headers, { 'X-API-Key': managerKey.key }]) {
        for (const erase of ['true', 'TRUE']) {
          expectError(
            await api.http.delete(`/api/leads/${lead.id}?erase=${erase}`).set(headers),
            403,
            'AUTHORIZATION_FAILED',
            'Erasing a person needs the admin role',
          );
        }
      }
      expect(await tenantState(tenant.id)).toEqual(before);
      expect((await getLead(tenant, lead.id)).body.data).toEqual(lead);
    });

    it('erases the person: the lead is deleted, all-channel DNC entries (erasure) keep them from coming back, the activity has no personal data', async () => {
      const tenant = await createTenant(api.http);
      const email = `Erase.Me-${uniqueSuffix()}@Example.com`;
      const lead = await createLead(tenant, {
        name: 'Erin Erased',
        phone: '+1 (212) 555-0142',
        email,
        company: 'Forget Me Inc',
        notes: 'Asked to be forgotten',
      });
      // What they were sent: a text with media and a template with their name in its variables.
      const outbound = api.app.get(OutboundMessagesService);
      await outbound.send(tenant.id, {
        lead_id: lead.id,
        channel: 'sms',
        body: 'Erin, your results are ready',
        media_urls: ['https://cdn.example.com/erin-results.pdf'],
        sender: 'agent',
      });
      await outbound.send(tenant.id, {
        lead_id: lead.id,
        channel: 'whatsapp',
        template: { name: 'results_ready', language: 'en', variables: { '1': 'Erin' } },
        sender: 'system',
      });
      const res = await api.http.delete(`/api/leads/${lead.id}?erase=true`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: { id: lead.id, erased: true, dnc_entries: 2 } });

      // Their messages stay as counts: no lead, no content, subject, media or template variables.
      const kept: Record<string, unknown>[] = await api.db.query(
        `SELECT channel, lead_id, content, subject, media_urls, template FROM messages WHERE tenant_id = $1
          ORDER BY channel`,
        [tenant.id],
      );
      expect(kept).toEqual([
        { channel: 'sms', lead_id: null, content: null, subject: null, media_urls: [], template: null },
        {
          channel: 'whatsapp',
          lead_id: null,
          content: null,
          subject: null,
          media_urls: [],
          template: { name: 'results_ready', language: 'en', variables: {} },
        },
      ]);
      expect(
        await countRows(api.db, 'conversations', 'tenant_id = $1 AND lead_id IS NULL', [tenant.id]),
      ).toBe(2);
      const inbox = await api.http.get('/api/conversations').set(tenant.admin.headers);
      expect(inbox.status).toBe(200);
      expect(inbox.body.meta.total).toBe(0);

      expectError(await getLead(tenant, lead.id), 404, 'NOT_FOUND', 'Lead not found');
      expect(await countRows(api.db, 'leads', 'id = $1', [lead.id])).toBe(0);
      expect(await countRows(api.db, 'lead_identities', 'lead_id = $1', [lead.id])).toBe(0);
      expect(await listIds(tenant)).toEqual([]);
      expect(await listIds(tenant, 'archived=true')).toEqual([]);

      const dnc = await api.http.get('/api/dnc').set(tenant.admin.headers);
      expect(dnc.status).toBe(200);
      const entry = {
        id: expect.stringMatching(UUID_PATTERN),
        channel: 'all',
        reason: 'erasure',
        created_by_id: tenant.admin.id,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
      };
      expect(dnc.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
      expect(dnc.body.data).toEqual(
        expect.arrayContaining([
          { ...entry, phone: '+12125550142', email: null },
          { ...entry, phone: null, email: email.toLowerCase() },
        ]),
      );

      const before = await tenantState(tenant.id);
      for (const body of [
        { name: 'Erin Again', phone: '212.555.0142', country: 'US' },
        { name: 'Erin Again', email: email.toUpperCase() },
        { phone: '+12125550142', email: 'new-address@example.com' },
      ]) {
        const again = await post(tenant, body);
        expect({ body, status: again.status, code: again.body.error?.code }).toEqual({
          body,
          status: 422,
          code: 'POLICY_VIOLATION',
        });
        expect(again.body.error.details).toMatchObject({ rule: 'do_not_contact' });
      }
      const batch = await post(tenant, [{ email }]);
      expect(batch.body.data).toMatchObject({
        created: 0,
        failed: 1,
        errors: [{ index: 0, code: 'POLICY_VIOLATION' }],
      });
      expect(await tenantState(tenant.id)).toEqual(before);

      const erased = await api.http.get('/api/system/activity?type=lead.erased').set(tenant.admin.headers);
      expect(erased.status).toBe(200);
      expect(erased.body.data).toEqual([
        {
          id: expect.any(String),
          type: 'lead.erased',
          description: expect.any(String),
          status: 'success',
          timestamp: expect.stringMatching(ISO_TIMESTAMP),
          actor_user_id: tenant.admin.id,
          actor_api_key_id: null,
          data: { lead_id: lead.id },
        },
      ]);
      const activity = await api.http.get('/api/system/activity?limit=100').set(tenant.admin.headers);
      const feed = JSON.stringify(activity.body).toLowerCase();
      for (const personal of [
        email.toLowerCase(),
        '+12125550142',
        '555-0142',
        '5550142',
        'erin',
        'forget me',
        'forgotten',
      ]) {
        expect(feed).not.toContain(personal);
      }

      expectError(
        await api.http.delete(`/api/leads/${lead.id}?erase=true`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
        'Lead not found',
      );
    });

    it('erases an archived lead too, and an admin API key may erase', async () => {
      const tenant = await createTenant(api.http);
      const adminKey = await createApiKey(api.http, tenant, 'admin');
      const lead = await createLead(tenant, { phone: '+1 212 555 0143', email: 'arch@example.com' });
      expect((await api.http.delete(`/api/leads/${lead.id}`).set(tenant.admin.headers)).status).toBe(200);
      const res = await api.http.delete(`/api/leads/${lead.id}?erase=true`).set('X-API-Key', adminKey.key);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ id: lead.id, erased: true, dnc_entries: 2 });
      expect(await countRows(api.db, 'leads', 'id = $1', [lead.id])).toBe(0);
      expect(
        await countRows(api.db, 'dnc_entries', "tenant_id = $1 AND reason = 'erasure' AND channel = 'all'", [
          tenant.id,
        ]),
      ).toBe(2);
      expect((await post(tenant, { email: 'arch@example.com' })).status).toBe(422);
    });

    it('erasing an archived lead lists the same addresses as erasing it live: its WhatsApp number too', async () => {
      /** A lead whose inbound chats recorded a WhatsApp number other than its phone, and a Telegram chat. */
      const chatty = async (tenant: TestTenant) => {
        const lead = await createLead(tenant, { phone: '+1 212 555 0144', email: 'chatty@example.com' });
        await api.db.query(
          `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
           VALUES ($1, $2, 'whatsapp', '+12125550145'), ($1, $2, 'telegram', '700100400')`,
          [tenant.id, lead.id],
        );
        return lead;
      };
      const erase = async (tenant: TestTenant, leadId: string) => {
        const res = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
        expect(res.status).toBe(200);
        return res.body.data;
      };
      const entries = (tenantId: string) =>
        api.db.query(
          `SELECT phone_normalized, email, channel, reason FROM dnc_entries WHERE tenant_id = $1
            ORDER BY phone_normalized, email`,
          [tenantId],
        );
      const live = await createTenant(api.http);
      const liveLead = await chatty(live);
      expect(await erase(live, liveLead.id)).toEqual({ id: liveLead.id, erased: true, dnc_entries: 3 });

      const archived = await createTenant(api.http);
      const archivedLead = await chatty(archived);
      expect(
        (await api.http.delete(`/api/leads/${archivedLead.id}`).set(archived.admin.headers)).status,
      ).toBe(200);
      // Archiving still frees every address, the chats' included.
      expect(await countRows(api.db, 'lead_identities', 'tenant_id = $1', [archived.id])).toBe(0);
      expect(await erase(archived, archivedLead.id)).toEqual({
        id: archivedLead.id,
        erased: true,
        dnc_entries: 3,
      });

      const expected = [
        { phone_normalized: '+12125550144', email: null, channel: 'all', reason: 'erasure' },
        { phone_normalized: '+12125550145', email: null, channel: 'all', reason: 'erasure' },
        { phone_normalized: null, email: 'chatty@example.com', channel: 'all', reason: 'erasure' },
      ];
      expect(await entries(live.id)).toEqual(expected);
      expect(await entries(archived.id)).toEqual(expected);
      expect(await countRows(api.db, 'leads', 'id = $1', [archivedLead.id])).toBe(0);
    });

    it('refuses an erase value that is not a boolean, changing nothing', async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { email: 'stay@example.com' });
      const before = await tenantState(tenant.id);
      for (const erase of ['yes', 'YES', 'maybe'])
        expectValidation(
          await api.http.delete(`/api/leads/${lead.id}?erase=${erase}`).set(tenant.admin.headers),
          ['erase'],
        );
      expect(await tenantState(tenant.id)).toEqual(before);
    });
  });
});
