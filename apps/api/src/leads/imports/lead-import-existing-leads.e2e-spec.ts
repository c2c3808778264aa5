import { countRows, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { type Json, leadImportInputs, ukMobile } from './lead-import-inputs.fixture';

/** Rows that meet existing leads, each other or do-not-contact entries never make a second lead. */
describe('CSV import inputs: existing leads, concurrent imports and do-not-contact (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  const { upload, imported, leadsOf, getLead, createLead } = leadImportInputs(
    (s) => ({ api, db, tenant } = s),
  );

  describe('existing leads', () => {
    it('on_duplicate=update updates the existing lead: results.updated 1, company changed, tags merged', async () => {
      const lead = await createLead({
        name: 'Ana Silva',
        email: 'ana@example.com',
        phone: '+351 912 345 678',
        company: 'Old Co',
        tags: ['vip'],
        custom_fields: { tier: 'a' },
      });
      const csv = 'Email,Phone,Company,Tags,Plan\nANA@example.com,,New Co,webinar;vip,gold\n';
      const data = await imported(csv, { on_duplicate: 'update', tags: 'import-2026' });
      expect(data.results).toEqual({
        total: 1,
        valid: 1,
        invalid: 0,
        duplicates: 0,
        dnc: 0,
        inserted: 0,
        updated: 1,
      });
      const after = await getLead(lead.id);
      expect(after).toMatchObject({
        id: lead.id,
        first_name: 'Ana',
        email: 'ana@example.com',
        phone_normalized: '+351912345678',
        company: 'New Co',
        custom_fields: { tier: 'a', Plan: 'gold' },
      });
      expect([...(after.tags as string[])].sort()).toEqual(['import-2026', 'vip', 'webinar']);
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });

    it("on_duplicate=update merges tags whatever their case: one of each, the lead's spelling first", async () => {
      const lead = await createLead({ email: 'ana@example.com', tags: ['VIP', 'q4'] });
      const csv = 'Email,Tags\nana@example.com,vip;Webinar;WEBINAR;Q4\nbo@example.com,Hot;hot\n';
      const data = await imported(csv, { on_duplicate: 'update', tags: 'Import,import,hot' });
      expect(data.results).toMatchObject({ inserted: 1, updated: 1, invalid: 0 });
      expect((await getLead(lead.id)).tags).toEqual(['VIP', 'q4', 'Webinar', 'Import', 'hot']);
      const [bo] = (await leadsOf()).filter((l) => l.email === 'bo@example.com');
      expect(bo.tags).toEqual(['Hot', 'Import']);
    });

    it("keeps a lead's tags at 50: on_duplicate=update keeps the lead's own first, a new row the file's first", async () => {
      const own = Array.from({ length: 48 }, (_, i) => `own${i}`);
      const lead = await createLead({ email: 'ana@example.com', tags: own });
      const fileTags = Array.from({ length: 40 }, (_, i) => `file${i}`).join(';');
      const csv = `Email,Tags\nana@example.com,${fileTags}\nbo@example.com,${fileTags}\n`;
      const data = await imported(csv, {
        on_duplicate: 'update',
        tags: Array.from({ length: 20 }, (_, i) => `imp${i}`).join(','),
      });
      expect(data.results).toMatchObject({ inserted: 1, updated: 1, invalid: 0 });
      expect((await getLead(lead.id)).tags).toEqual([...own, 'file0', 'file1']);
      const [bo] = (await leadsOf()).filter((l) => l.email === 'bo@example.com');
      expect(bo.tags).toEqual([
        ...Array.from({ length: 40 }, (_, i) => `file${i}`),
        ...Array.from({ length: 10 }, (_, i) => `imp${i}`),
      ]);
    });

    it('on_duplicate=skip (the default) leaves the existing lead as it was and counts a duplicate', async () => {
      const lead = await createLead({
        name: 'Ana Silva',
        email: 'ana@example.com',
        phone: '+351 912 345 678',
        company: 'Old Co',
        tags: ['vip'],
      });
      const before = await getLead(lead.id);
      const csv = 'Email,Phone,Company,Tags\n,00351 912 345 678,New Co,webinar\nbo@example.com,,Bo Co,\n';
      const data = await imported(csv, { tags: 'import-2026' });
      expect(data.results).toEqual({
        total: 2,
        valid: 1,
        invalid: 0,
        duplicates: 1,
        dnc: 0,
        inserted: 1,
        updated: 0,
      });
      expect(await getLead(lead.id)).toEqual(before);
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(2);
    });

    it("refuses a row whose phone is one lead's and email another's, naming both leads", async () => {
      const [a, b] = [
        await createLead({ name: 'A', phone: '+351 912 345 678', email: 'a@example.com' }),
        await createLead({ name: 'B', phone: '+44 7911 123456', email: 'b@example.com' }),
      ];
      const before = [await getLead(a.id), await getLead(b.id)];
      const csv = 'Phone,Email,Company\n+351912345678,B@example.com,Merged\n';
      for (const on_duplicate of ['skip', 'update']) {
        const data = await imported(csv, { on_duplicate });
        expect(data.results).toMatchObject({ total: 1, invalid: 1, inserted: 0, updated: 0, duplicates: 0 });
        expect(data.errors).toHaveLength(1);
        const [error] = data.errors as { row: number; field: string; error: string }[];
        expect(error.row).toBe(1);
        expect(error.error).toContain(a.id);
        expect(error.error).toContain(b.id);
      }
      expect([await getLead(a.id), await getLead(b.id)]).toEqual(before);
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(2);
    });

    it('on_duplicate=update: two rows that reach the same lead (one by phone, one by email) update it once', async () => {
      // Every row lands in exactly one outcome and `updated` counts leads updated: the second row that reaches
      // the same lead is a duplicate of the first (as it is when the rows fall in different batches).
      const lead = await createLead({
        name: 'L',
        phone: '+351 912 345 678',
        email: 'l@example.com',
        company: 'Orig',
      });
      const csv = 'Phone,Email,Company\n+351912345678,,First\n,L@example.com,Second\n';
      const data = await imported(csv, { on_duplicate: 'update' });
      expect(data.results).toEqual({
        total: 2,
        valid: 1,
        invalid: 0,
        duplicates: 1,
        dnc: 0,
        inserted: 0,
        updated: 1,
      });
      expect((await getLead(lead.id)).company).toBe('First');
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });

    it("on_duplicate=update keeps the lead's phone and the country it goes with when the row brings another number", async () => {
      const lead = await createLead({ name: 'Pt', phone: '+351 912 345 678', email: 'pt@example.com' });
      const data = await imported('Email,Phone,Company\npt@example.com,+1 415 555 2671,Moved\n', {
        on_duplicate: 'update',
      });
      expect(data.results).toMatchObject({ total: 1, updated: 1 });
      expect(await getLead(lead.id)).toMatchObject({
        company: 'Moved',
        phone_normalized: '+351912345678',
        country: 'PT',
      });
    });

    it('on_duplicate=update fills in an email the lead lacked, and a later row with that email is a duplicate', async () => {
      const lead = await createLead({ name: 'P', phone: '+44 7911 123456' });
      const csv = 'Phone,Email,Company\n07911 123456,new@example.com,Filled\n,NEW@example.com,Again\n';
      const data = await imported(csv, { on_duplicate: 'update', default_country: 'GB' });
      expect(data.results).toMatchObject({ total: 2, updated: 1, duplicates: 1, inserted: 0 });
      expect(await getLead(lead.id)).toMatchObject({ email: 'new@example.com', company: 'Filled' });
      // The filled-in email is now the lead's identity: importing it again finds the same lead.
      const again = await imported('Email\nnew@example.com\n');
      expect(again.results).toMatchObject({ duplicates: 1, inserted: 0 });
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });
  });

  describe('the same people imported twice at once', () => {
    it('makes one lead per person: the inserts of both imports add up to the distinct people', async () => {
      const distinct = 260;
      const rows: string[] = [];
      for (let i = 0; i < distinct; i++) {
        // Some people by phone only, some by email only, most by both.
        const email = i % 10 === 3 ? '' : `person${i}@example.com`;
        const phone = i % 10 === 7 ? '' : ukMobile(i);
        rows.push(`Person,${i},${email},${phone}`);
      }
      for (let i = 0; i < 40; i++) {
        // The same people again further down: the email in other case, the phone in national format.
        const j = i * 5;
        rows.push(
          j % 10 === 3 ? `Again,${j},,0${ukMobile(j).slice(3)}` : `Again,${j},PERSON${j}@Example.com,`,
        );
      }
      expect(rows).toHaveLength(300);
      const csv = `First Name,Last Name,Email,Phone\n${rows.join('\n')}\n`;

      const [a, b] = await Promise.all([
        upload(tenant.admin.headers, csv, { default_country: 'GB' }),
        upload(tenant.admin.headers, csv, { default_country: 'GB' }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const [ra, rb] = [a.body.data.results, b.body.data.results] as Record<string, number>[];
      for (const r of [ra, rb]) {
        expect(r).toMatchObject({ total: 300, invalid: 0, dnc: 0, updated: 0 });
        expect(r.inserted + r.duplicates).toBe(300);
      }
      expect(ra.inserted + rb.inserted).toBe(distinct);
      expect([ra.inserted, rb.inserted].sort((x, y) => x - y)).toEqual([0, distinct]);
      expect([ra.duplicates, rb.duplicates].sort((x, y) => x - y)).toEqual([300 - distinct, 300]);

      const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [
        tenant.id,
      ])) as { n: number }[];
      expect(n).toBe(distinct);
      const [{ people }] = (await db.query(
        `SELECT count(DISTINCT coalesce(lower(email), phone_normalized))::int AS people
           FROM leads WHERE tenant_id = $1`,
        [tenant.id],
      )) as { people: number }[];
      expect(people).toBe(distinct);
    });
  });

  describe('do-not-contact', () => {
    async function addDnc(body: Json) {
      const res = await api.http.post('/api/dnc').set(tenant.admin.headers).send(body);
      expect(res.status).toBe(201);
    }

    it('counts an all-channel entry as dnc (no lead) and creates a channel-only one opted out of that channel', async () => {
      await addDnc({ phone: '+1 415 555 2671', channel: 'all', reason: 'manual' });
      await addDnc({ phone: '+1 415 555 2672', channel: 'sms', reason: 'manual' });
      await addDnc({ email: 'Blocked@Example.com', channel: 'all', reason: 'complaint' });
      const csv = [
        'Name,Phone,Email',
        'All Blocked,(415) 555-2671,',
        'Sms Only,(415) 555-2672,sms@example.com',
        'Mail Blocked,,blocked@example.COM',
        'Fine,(415) 555-2673,',
      ].join('\n');
      const data = await imported(csv, { default_country: 'US' });
      expect(data.results).toEqual({
        total: 4,
        valid: 2,
        invalid: 0,
        duplicates: 0,
        dnc: 2,
        inserted: 2,
        updated: 0,
      });
      const leads = await leadsOf();
      expect(
        leads.map((l) => [l.first_name, l.phone_normalized, l.opted_out_channels, l.do_not_call]),
      ).toEqual([
        ['Sms', '+14155552672', ['sms'], false],
        ['Fine', '+14155552673', [], false],
      ]);
    });

    it('opts a new lead out of every channel entry that matches its phone or its email', async () => {
      await addDnc({ phone: '+44 7911 123456', channel: 'whatsapp' });
      await addDnc({ email: 'multi@example.com', channel: 'email' });
      const data = await imported('Phone,Email\n+447911123456,Multi@Example.com\n');
      expect(data.results).toMatchObject({ total: 1, inserted: 1, dnc: 0 });
      const [lead] = await leadsOf();
      expect([...(lead.opted_out_channels as string[])].sort()).toEqual(['email', 'whatsapp']);
      expect(lead.do_not_call).toBe(false);
    });

    it('an update that fills in a phone or email a channel entry names opts the lead out of that channel', async () => {
      const byEmail = await createLead({ name: 'Mail', email: 'fill@example.com' });
      const byPhone = await createLead({ name: 'Phone', phone: '+44 7911 123457' });
      await addDnc({ phone: '+44 7911 123458', channel: 'whatsapp' });
      await addDnc({ email: 'later@example.com', channel: 'email' });
      const csv = 'Phone,Email\n07911 123458,fill@example.com\n07911 123457,later@example.com\n';
      const data = await imported(csv, { on_duplicate: 'update', default_country: 'GB' });
      expect(data.results).toMatchObject({ total: 2, updated: 2, inserted: 0, dnc: 0 });
      expect(await getLead(byEmail.id)).toMatchObject({
        phone_normalized: '+447911123458',
        opted_out_channels: ['whatsapp'],
        do_not_call: false,
      });
      expect(await getLead(byPhone.id)).toMatchObject({
        email: 'later@example.com',
        opted_out_channels: ['email'],
        do_not_call: false,
      });
    });
  });
});
