import { LeadEntity } from '@app/db';
import { createTenant, PgSessions, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { refreshContactFlags } from '../dnc/contact-flags';
import { listAddresses } from '../dnc/dnc-listing';
import { senderAddress } from './inbound-lead.resolver';
import { recordOptIn, recordOptOut } from './opt-out.recorder';

/**
 * A Telegram STOP (an opt-out the do-not-contact list cannot hold: it lives on the lead only) that another change of
 * the lead's flags crosses: the change waits for the STOP's row lock and then builds on the lead as the STOP left it,
 * so the opt-out is kept. A listing by an admin, an import or a bounce that crosses the lead's SMS STOP or START
 * (DESIGN §7.1: it stands until removed, whatever the person sends): it waits for the STOP's entry and takes it
 * over, or for the START's deletion of it and lists the address anew. No worker runs.
 */
describe('opt-outs crossing other flag changes (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  const db = () => api.app.get(DataSource);

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  async function lead(phone: string): Promise<LeadEntity> {
    const res = await api.http.post('/api/leads').set(t.admin.headers).send({ first_name: 'Tess', phone });
    expect(res.status).toBe(201);
    return db()
      .getRepository(LeadEntity)
      .findOneByOrFail({ id: res.body.data.id as string });
  }

  const flags = async (id: string) =>
    (
      await db().query('SELECT opted_out_channels, unlisted_opt_outs, do_not_call FROM leads WHERE id = $1', [
        id,
      ])
    )[0];

  /** Runs `change` while a transaction holds the lead's Telegram STOP uncommitted, then commits the STOP. */
  async function crossing(l: LeadEntity, change: () => Promise<unknown>): Promise<void> {
    const sessions = new PgSessions(db());
    try {
      const holder = await sessions.begin();
      const telegram = senderAddress({ channel: 'telegram', from: '777000111' });
      expect(await recordOptOut(holder.tx.manager, t.id, l, telegram, new Date())).toBe(true);
      const crossing = change();
      expect(await sessions.doneOrWaiting(crossing, [holder.pid])).toHaveLength(1);
      await holder.tx.commitTransaction();
      await crossing;
    } finally {
      await sessions.close();
    }
  }

  /** Runs `change` while a transaction holds `hold` uncommitted, then commits it; answers what `change` did. */
  async function whileHeld<T>(hold: (tx: EntityManager) => Promise<unknown>, change: () => Promise<T>) {
    const sessions = new PgSessions(db());
    try {
      const holder = await sessions.begin();
      await hold(holder.tx.manager);
      const crossing = change();
      expect(await sessions.doneOrWaiting(crossing, [holder.pid])).toHaveLength(1);
      await holder.tx.commitTransaction();
      return await crossing;
    } finally {
      await sessions.close();
    }
  }

  const sms = (l: LeadEntity) => senderAddress({ channel: 'sms', from: l.phone! });
  const smsEntries = (l: LeadEntity) =>
    db().query(
      `SELECT reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2 AND channel = 'sms'`,
      [t.id, l.phoneNormalized],
    );
  const addDnc = (l: LeadEntity) =>
    api.http
      .post('/api/dnc')
      .set(t.admin.headers)
      .send({ phone: l.phoneNormalized, channel: 'sms', reason: 'manual' })
      .then((res) => res);

  it("an admin's listing that crosses the lead's SMS STOP waits for its entry and takes it over", async () => {
    const l = await lead('+14155550933');
    const res = await whileHeld(
      (tx) => recordOptOut(tx, t.id, l, sms(l), new Date()),
      () => addDnc(l),
    );
    expect(res.body.data).toMatchObject({ reason: 'manual', created: false, taken_over: true });
    expect(await smsEntries(l)).toEqual([{ reason: 'manual' }]);
    await db().transaction((tx) => recordOptIn(tx, t.id, l, sms(l), new Date()));
    expect((await flags(l.id)).opted_out_channels).toEqual(['sms']);
  });

  it("an admin's listing that crosses the lead's START lists the address anew once the STOP's entry is gone", async () => {
    const l = await lead('+14155550934');
    const stopped = new Date(Date.now() - 60_000);
    await db().transaction((tx) => recordOptOut(tx, t.id, l, sms(l), stopped));
    const res = await whileHeld(
      (tx) => recordOptIn(tx, t.id, l, sms(l), new Date()),
      () => addDnc(l),
    );
    expect(res.body.data).toMatchObject({ reason: 'manual', created: true, taken_over: false });
    expect(await smsEntries(l)).toEqual([{ reason: 'manual' }]);
    expect((await flags(l.id)).opted_out_channels).toEqual(['sms']);
  });

  it("an import's or a bounce's listing that crosses the lead's STOP or START takes the entry over or lists it anew", async () => {
    const listing = (l: LeadEntity) => () =>
      listAddresses(
        db(),
        t.id,
        [{ phone: l.phoneNormalized, email: null, channel: 'sms', reason: 'import' }],
        null,
      );
    const a = await lead('+14155550935');
    expect(await whileHeld((tx) => recordOptOut(tx, t.id, a, sms(a), new Date()), listing(a))).toEqual({
      added: 0,
      takenOver: 1,
    });
    expect(await smsEntries(a)).toEqual([{ reason: 'import' }]);

    const b = await lead('+14155550936');
    await db().transaction((tx) => recordOptOut(tx, t.id, b, sms(b), new Date(Date.now() - 60_000)));
    expect(await whileHeld((tx) => recordOptIn(tx, t.id, b, sms(b), new Date()), listing(b))).toEqual({
      added: 1,
      takenOver: 0,
    });
    expect(await smsEntries(b)).toEqual([{ reason: 'import' }]);
  });

  it("a refresh of the lead's flags (a do-not-contact entry added) keeps the Telegram STOP", async () => {
    const l = await lead('+14155550931');
    await crossing(l, async () => {
      await db().query(
        `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, $2, 'sms', 'manual')`,
        [t.id, l.phoneNormalized],
      );
      await refreshContactFlags(db(), t.id, { leadIds: [l.id] });
    });
    expect(await flags(l.id)).toEqual({
      opted_out_channels: ['sms', 'telegram'],
      unlisted_opt_outs: ['telegram'],
      do_not_call: false,
    });
  });

  it('an SMS STOP of the same lead keeps the Telegram STOP', async () => {
    const l = await lead('+14155550932');
    await crossing(l, () =>
      db().transaction((tx) =>
        recordOptOut(tx, t.id, l, senderAddress({ channel: 'sms', from: l.phone! }), new Date()),
      ),
    );
    expect(await flags(l.id)).toEqual({
      opted_out_channels: ['sms', 'telegram'],
      unlisted_opt_outs: ['telegram'],
      do_not_call: false,
    });
  });

  it("an email STOP from another address than the lead's (a reply in its thread) outlives a refresh of the flags", async () => {
    const res = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Wes', email: 'work@example.com' });
    const l = await db()
      .getRepository(LeadEntity)
      .findOneByOrFail({ id: res.body.data.id as string });
    const personal = senderAddress({ channel: 'email', from: 'Personal@Example.org' });
    await db().transaction((tx) => recordOptOut(tx, t.id, l, personal, new Date()));
    expect((await flags(l.id)).opted_out_channels).toEqual(['email']);
    await refreshContactFlags(db(), t.id, { leadIds: [l.id] });
    expect(await flags(l.id)).toEqual({
      opted_out_channels: ['email'],
      unlisted_opt_outs: [],
      do_not_call: false,
    });
    const listed = await db().query(
      `SELECT email FROM dnc_entries WHERE tenant_id = $1 AND channel = 'email' ORDER BY email`,
      [t.id],
    );
    expect(listed).toEqual([{ email: 'personal@example.org' }, { email: 'work@example.com' }]);
  });
});
