import { lockAddresses, lockAllAddresses, refreshContactFlags } from '@app/domain';
import { applyLeadReply, createTenant, PgSessions, TestTenant, useTestApi } from '@app/testing';
import { uuidv7 } from 'uuidv7';

/**
 * A lead created and a do-not-contact entry added at once for the same address take turns on the address: each
 * finds what the other committed. Here one side is held mid-transaction on another connection, as it would be
 * between its advisory lock and its commit, while the other is a request.
 */
type PgSessionTx = Awaited<ReturnType<PgSessions['begin']>>['tx'];

describe('a lead and a do-not-contact entry for one address at once (e2e)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  /** `request`'s answer, sent while a transaction that ran `hold` is open, and once that committed. */
  async function whileHeld<T>(
    hold: (tx: PgSessionTx) => Promise<void>,
    request: () => Promise<T>,
  ): Promise<T> {
    const sessions = new PgSessions(api.db);
    try {
      const holder = await sessions.begin();
      await hold(holder.tx);
      const answer = request();
      expect(await sessions.doneOrWaiting(answer, [holder.pid])).toHaveLength(1);
      await holder.tx.commitTransaction();
      return await answer;
    } finally {
      await sessions.close();
    }
  }

  /** What POST /api/dnc holds while it lists `phone` for every channel. */
  async function listing(tx: PgSessionTx, phone: string): Promise<void> {
    await lockAddresses(tx, t.id, { phone, email: null });
    await tx.query(
      `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, $2, 'all', 'manual')`,
      [t.id, phone],
    );
  }

  /** What POST /api/leads holds while it writes a lead (`all`: an array of leads, holding every address). */
  async function creating(
    tx: PgSessionTx,
    lead: { id: string; name: string; phone: string; all?: boolean },
  ): Promise<void> {
    if (lead.all) await lockAllAddresses(tx, t.id);
    else await lockAddresses(tx, t.id, { phone: lead.phone, email: null });
    await tx.query(
      `INSERT INTO leads (id, tenant_id, first_name, phone, phone_normalized) VALUES ($1, $2, $3, $4, $4)`,
      [lead.id, t.id, lead.name, lead.phone],
    );
    await tx.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'phone', $3)`,
      [t.id, lead.id, lead.phone],
    );
  }

  it('a lead created while the address goes on the list is refused', async () => {
    const phone = '+14155550711';
    const res = await whileHeld(
      (tx) => listing(tx, phone),
      () =>
        api.http
          .post('/api/leads')
          .set(t.admin.headers)
          .send({ first_name: 'Dee', phone })
          .then((r) => r),
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'POLICY_VIOLATION', details: { rule: 'do_not_contact' } });
    expect(
      await api.db.query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [
        t.id,
        phone,
      ]),
    ).toEqual([]);
  });

  it('an address listed while its lead is created flags the lead', async () => {
    const phone = '+14155550712';
    const leadId = uuidv7();
    const res = await whileHeld(
      (tx) => creating(tx, { id: leadId, name: 'Lee', phone }),
      () =>
        api.http
          .post('/api/dnc')
          .set(t.admin.headers)
          .send({ phone })
          .then((r) => r),
    );
    expect(res.status).toBe(201);
    const [lead] = await api.db.query(`SELECT do_not_call FROM leads WHERE id = $1`, [leadId]);
    expect(lead.do_not_call).toBe(true);
  });

  it('an array created while one of its addresses goes on the list: that item is refused, the others land', async () => {
    const phone = '+14155550721';
    const res = await whileHeld(
      (tx) => listing(tx, phone),
      () =>
        api.http
          .post('/api/leads')
          .set(t.admin.headers)
          .send([
            { first_name: 'Ann', phone: '+14155550722' },
            { first_name: 'Dee', phone },
          ])
          .then((r) => r),
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      created: 1,
      errors: [{ index: 1, code: 'POLICY_VIOLATION', details: { rule: 'do_not_contact' } }],
    });
    expect(
      await api.db.query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [
        t.id,
        phone,
      ]),
    ).toEqual([]);
  });

  it("an address listed while an array creates its lead flags the lead (the array holds all the tenant's addresses)", async () => {
    const phone = '+14155550723';
    const leadId = uuidv7();
    const res = await whileHeld(
      (tx) => creating(tx, { id: leadId, name: 'Lou', phone, all: true }),
      () =>
        api.http
          .post('/api/dnc')
          .set(t.admin.headers)
          .send({ phone })
          .then((r) => r),
    );
    expect(res.status).toBe(201);
    const [lead] = await api.db.query(`SELECT do_not_call FROM leads WHERE id = $1`, [leadId]);
    expect(lead.do_not_call).toBe(true);
  });

  it('a lead moved to an address while the address goes on the list is flagged', async () => {
    const phone = '+14155550713';
    const email = 'moved@example.com';
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Mo', phone: '+14155550714', email: 'mo@example.com' });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    for (const [address, change] of [
      [{ phone, email: null }, { phone }],
      [{ phone: null, email }, { email: 'Moved@Example.com' }],
    ] as const) {
      const res = await whileHeld(
        async (tx) => {
          await lockAddresses(tx, t.id, address);
          await tx.query(
            `INSERT INTO dnc_entries (tenant_id, phone_normalized, email, channel, reason)
             VALUES ($1, $2, $3, 'all', 'manual')`,
            [t.id, address.phone, address.email],
          );
        },
        () =>
          api.http
            .patch(`/api/leads/${leadId}`)
            .set(t.admin.headers)
            .send(change)
            .then((r) => r),
      );
      expect(res.status).toBe(200);
      expect(res.body.data.do_not_call).toBe(true);
      const [lead] = await api.db.query(`SELECT do_not_call FROM leads WHERE id = $1`, [leadId]);
      expect(lead.do_not_call).toBe(true);
      // Off the list again (the entry goes), for the next address.
      await api.db.query(
        `DELETE FROM dnc_entries WHERE tenant_id = $1 AND (phone_normalized = $2 OR email = $3)`,
        [t.id, address.phone, address.email],
      );
      await api.db.query(`UPDATE leads SET do_not_call = false WHERE id = $1`, [leadId]);
    }
  });

  it('an entry taken off the list while a lead moves to its address unflags the lead', async () => {
    const phone = '+14155550715';
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ren', phone: '+14155550716' });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const added = await api.http.post('/api/dnc').set(t.admin.headers).send({ phone });
    expect(added.status).toBe(201);
    const res = await whileHeld(
      async (tx) => {
        // What PATCH /api/leads/:id { phone } does, having found the entry: the lead on the number, flagged.
        await lockAddresses(tx, t.id, { phone, email: null });
        await tx.query(
          `UPDATE leads SET phone = $3, phone_normalized = $3, do_not_call = true WHERE tenant_id = $1 AND id = $2`,
          [t.id, leadId, phone],
        );
        await tx.query(
          `UPDATE lead_identities SET address = $3 WHERE tenant_id = $1 AND lead_id = $2 AND channel = 'phone'`,
          [t.id, leadId, phone],
        );
      },
      () =>
        api.http
          .delete(`/api/dnc/${added.body.data.id}`)
          .set(t.admin.headers)
          .then((r) => r),
    );
    expect(res.status).toBe(200);
    const [lead] = await api.db.query(`SELECT phone_normalized, do_not_call FROM leads WHERE id = $1`, [
      leadId,
    ]);
    expect(lead).toEqual({ phone_normalized: phone, do_not_call: false });
  });

  it('an address a do-not-contact file lists while its lead is created flags the lead', async () => {
    const phone = '+14155550731';
    const leadId = uuidv7();
    const res = await whileHeld(
      (tx) => creating(tx, { id: leadId, name: 'Ivy', phone }),
      () =>
        api.http
          .post('/api/dnc/import')
          .set(t.admin.headers)
          .attach('file', Buffer.from(`phone\n${phone}\n`), { filename: 'dnc.csv', contentType: 'text/csv' })
          .then((r) => r),
    );
    expect(res.status).toBe(200);
    expect(res.body.data.results).toMatchObject({ added: 1, leads_flagged: 1 });
    const [lead] = await api.db.query(`SELECT do_not_call FROM leads WHERE id = $1`, [leadId]);
    expect(lead.do_not_call).toBe(true);
  });

  it('a lead a file imports while its address goes on the list is counted dnc, not created', async () => {
    const phone = '+14155550732';
    const res = await whileHeld(
      (tx) => listing(tx, phone),
      () =>
        api.http
          .post('/api/leads/import')
          .set(t.admin.headers)
          .attach('file', Buffer.from(`first_name,phone\nIra,${phone}\nJo,+14155550733\n`), {
            filename: 'leads.csv',
            contentType: 'text/csv',
          })
          .then((r) => r),
    );
    expect(res.status).toBe(200);
    expect(res.body.data.results).toMatchObject({ total: 2, inserted: 1, dnc: 1 });
    expect(
      await api.db.query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [
        t.id,
        phone,
      ]),
    ).toEqual([]);
  });

  it('a number an outbound-call broadcast makes a lead for while it goes on the list is skipped, no lead made', async () => {
    const phone = '+14155550734';
    const res = await whileHeld(
      (tx) => listing(tx, phone),
      () =>
        api.http
          .post('/api/outbound-calls')
          .set(t.admin.headers)
          .send({ campaign_name: 'Race', phone_numbers: [phone, '+14155550735'], message: 'Hello' })
          .then((r) => r),
    );
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ leads_created: 1 });
    expect(
      await api.db.query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [
        t.id,
        phone,
      ]),
    ).toEqual([]);
  });

  it('a lead an inbound message makes while its number goes on the list is flagged', async () => {
    const phone = '+14155550736';
    const res = await whileHeld(
      (tx) => listing(tx, phone),
      () => applyLeadReply(api.app, t.id, { from: phone, body: 'Hi, who is this?', now: new Date() }),
    );
    const [lead] = await api.db.query(`SELECT phone_normalized, do_not_call FROM leads WHERE id = $1`, [
      res.leadId,
    ]);
    expect(lead).toEqual({ phone_normalized: phone, do_not_call: true });
  });

  it.each([
    [
      'POST /api/dnc',
      '+14155550737',
      (tx: PgSessionTx, phone: string) => lockAddresses(tx, t.id, { phone, email: null }),
    ],
    ['a do-not-contact file', '+14155550738', (tx: PgSessionTx) => lockAllAddresses(tx, t.id)],
  ])(
    'a lead erased while %s lists its number: both go through (the erasure takes the address before the lead)',
    async (_, phone, lock) => {
      const made = await api.http.post('/api/leads').set(t.admin.headers).send({ first_name: 'Em', phone });
      expect(made.status).toBe(201);
      const leadId = made.body.data.id as string;
      const sessions = new PgSessions(api.db);
      try {
        // The listing's transaction: its address lock and its entry, then (once the erasure waits) the lead's flags.
        const holder = await sessions.begin();
        await lock(holder.tx, phone);
        await holder.tx.query(
          `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, $2, 'all', 'manual')`,
          [t.id, phone],
        );
        const erasing = api.http
          .delete(`/api/leads/${leadId}?erase=true`)
          .set(t.admin.headers)
          .then((r) => r);
        expect(await sessions.doneOrWaiting(erasing, [holder.pid])).toHaveLength(1);
        // Held the lead's row while it waited for the entry, the erasure would deadlock with this.
        expect(await refreshContactFlags(holder.tx, t.id, { phones: [phone] })).toHaveLength(1);
        await holder.tx.commitTransaction();
        const erased = await erasing;
        expect(erased.status).toBe(200);
        expect(erased.body.data).toMatchObject({ id: leadId, erased: true, dnc_entries: 1 });
      } finally {
        await sessions.close();
      }
      expect(await api.db.query(`SELECT id FROM leads WHERE id = $1`, [leadId])).toEqual([]);
      // The listing's entry, taken over by the erasure.
      expect(
        await api.db.query(`SELECT reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2`, [
          t.id,
          phone,
        ]),
      ).toEqual([{ reason: 'erasure' }]);
    },
  );

  it('a lead moved to another number while its erasure waits for the old one is erased at the new one', async () => {
    const [from, to] = ['+14155550739', '+14155550740'];
    const made = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Fy', phone: from });
    const leadId = made.body.data.id as string;
    const res = await whileHeld(
      async (tx) => {
        // What PATCH /api/leads/:id holds while it moves the lead.
        await lockAddresses(tx, t.id, { phone: from, email: null });
        await lockAddresses(tx, t.id, { phone: to, email: null });
        await tx.query(`UPDATE leads SET phone = $2, phone_normalized = $2 WHERE id = $1`, [leadId, to]);
        await tx.query(`UPDATE lead_identities SET address = $2 WHERE lead_id = $1 AND channel = 'phone'`, [
          leadId,
          to,
        ]);
      },
      () =>
        api.http
          .delete(`/api/leads/${leadId}?erase=true`)
          .set(t.admin.headers)
          .then((r) => r),
    );
    expect(res.status).toBe(200);
    expect(
      await api.db.query(
        `SELECT phone_normalized, reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = ANY($2)`,
        [t.id, [from, to]],
      ),
    ).toEqual([{ phone_normalized: to, reason: 'erasure' }]);
  });
});
