import {
  connectLiveClient,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  HeardEvent,
  ISO_TIMESTAMP,
  TestApi,
  TestTenant,
  TestUser,
  UUID_PATTERN,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * Seed 003's appointments through HTTP: booking for a lead or a patient, local dates and times in a zone, the list's
 * filters, status rules, cancelling (the row stays), tenancy, and the `appointment_update` socket event.
 */

type Json = Record<string, unknown>;

describe('appointments (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let t: TestTenant;
  let theirs: TestTenant;
  let agent: TestUser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi();
    api.clock.set('2026-12-01T12:00:00.000Z');
    db = api.app.get(DataSource);
    [t, theirs] = await Promise.all([createTenant(api.http), createTenant(api.http)]);
    await db.query(`UPDATE tenants SET timezone = 'America/New_York', default_country = 'US' WHERE id = $1`, [
      t.id,
    ]);
    agent = await createUser(api.http, t, 'agent');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await api.close();
  });

  const rows = (tenant: TestTenant) =>
    db.query('SELECT * FROM appointments WHERE tenant_id = $1 ORDER BY id', [tenant.id]);

  async function book(tenant: TestTenant, body: Json, headers = tenant.admin.headers): Promise<Json> {
    const res = await api.http.post('/api/appointments').set(headers).send(body);
    if (res.status !== 201)
      throw new Error(`POST /api/appointments answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  async function createLead(tenant: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/leads').set(tenant.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`POST /api/leads answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  const patient = (over: Json = {}): Json => ({
    patient_name: 'John Doe',
    phone: '(415) 555-2671',
    appointment_date: '2026-12-24',
    appointment_time: '14:00',
    ...over,
  });

  describe('POST /api/appointments', () => {
    it("books a patient from seed 003's body: E.164 phone, the tenant's zone, pending", async () => {
      const res = await api.http.post('/api/appointments').set(t.admin.headers).send({
        patientName: 'John Doe',
        phoneNumber: '(415) 555-2671',
        appointmentDate: '2026-12-24',
        appointmentTime: '14:00',
        service: 'Consultation',
        notes: 'First visit',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          tenant_id: t.id,
          lead_id: null,
          patient_name: 'John Doe',
          phone: '+14155552671',
          phone_number: '+14155552671',
          appointment_date: '2026-12-24',
          appointment_time: '14:00',
          timezone: 'America/New_York',
          starts_at: '2026-12-24T19:00:00.000Z',
          service: 'Consultation',
          status: 'pending',
          notes: 'First visit',
          created_by: t.admin.id,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      const one = await api.http.get(`/api/appointments/${res.body.data.id}`).set(agent.headers);
      expect(one.status).toBe(200);
      expect(one.body.data).toEqual(res.body.data);
    });

    it("books a lead's appointment with the lead's name and phone, in a zone of its own, by an agent", async () => {
      const leadId = await createLead(t, {
        first_name: 'Ana',
        last_name: 'Silva',
        phone: '+351 912 345 678',
      });
      const booked = await book(
        t,
        {
          leadId,
          appointment_date: '2026-07-01',
          appointment_time: '09:30',
          timezone: 'Europe/Lisbon',
          status: 'CONFIRMED',
        },
        agent.headers,
      );
      expect(booked).toMatchObject({
        lead_id: leadId,
        patient_name: 'Ana Silva',
        phone: '+351912345678',
        timezone: 'Europe/Lisbon',
        starts_at: '2026-07-01T08:30:00.000Z',
        status: 'confirmed',
        created_by: agent.id,
      });
      // What is sent wins over the lead's.
      expect(
        await book(t, {
          ...patient(),
          lead_id: leadId,
          patient_name: 'Ana (mother)',
          phone: '+1 212 555 0100',
        }),
      ).toMatchObject({ patient_name: 'Ana (mother)', phone: '+12125550100' });
    });

    it('records who booked it: the caller, kept through changes by others; none for an API key', async () => {
      const mine = await book(t, patient({ patient_name: 'Booked by agent' }), agent.headers);
      expect(mine.created_by).toBe(agent.id);
      const changed = await api.http
        .put(`/api/appointments/${mine.id}`)
        .set(t.admin.headers)
        .send({ status: 'confirmed' });
      expect(changed.status).toBe(200);
      expect(changed.body.data).toMatchObject({ status: 'confirmed', created_by: agent.id });
      const listed = await api.http.get('/api/appointments?limit=100').set(t.admin.headers);
      expect(listed.body.data.find((a: Json) => a.id === mine.id)).toMatchObject({ created_by: agent.id });

      const key = await createApiKey(api.http, t, 'manager');
      const byKey = await book(t, patient({ patient_name: 'Booked by key' }), { 'X-API-Key': key.key });
      expect(byKey.created_by).toBeNull();
      // A row from before the column (written without it) answers null.
      const [earlier] = await db.query(
        `INSERT INTO appointments (tenant_id, patient_name, appointment_date, appointment_time, timezone, starts_at)
         VALUES ($1, 'Booked earlier', '2026-12-20', '09:00', 'UTC', '2026-12-20T09:00:00Z') RETURNING id`,
        [t.id],
      );
      const earlierRes = await api.http.get(`/api/appointments/${earlier.id}`).set(t.admin.headers);
      expect(earlierRes.body.data).toMatchObject({ patient_name: 'Booked earlier', created_by: null });

      // Another tenant's token finds nothing to read or change.
      expectError(
        await api.http.get(`/api/appointments/${mine.id}`).set(theirs.admin.headers),
        404,
        'NOT_FOUND',
        'Appointment not found',
      );
      expectError(
        await api.http.put(`/api/appointments/${mine.id}`).set(theirs.admin.headers).send({ notes: 'x' }),
        404,
        'NOT_FOUND',
        'Appointment not found',
      );
      const [stored] = await db.query('SELECT created_by FROM appointments WHERE id = $1', [mine.id]);
      expect(stored.created_by).toBe(agent.id);
    });

    it("books a lead whose names are as long as a lead's may be, their joined name cut to what the appointment holds", async () => {
      const first = 'F'.repeat(100);
      const last = 'L'.repeat(100);
      const leadId = await createLead(t, { first_name: first, last_name: last, phone: '+14155550188' });
      const booked = await book(t, {
        lead_id: leadId,
        appointment_date: '2026-12-28',
        appointment_time: '11:00',
      });
      expect(booked.patient_name).toBe(`${first} ${last}`.slice(0, 200));
      expect(booked).toMatchObject({ lead_id: leadId, phone: '+14155550188' });
    });

    it('refuses every bad input with the field named, and books nothing', async () => {
      const theirLead = await createLead(theirs, { first_name: 'Their', phone: '+14155550199' });
      const archived = await createLead(t, {
        first_name: 'Gone',
        email: `gone-${randomUUID()}@example.test`,
      });
      expect((await api.http.delete(`/api/leads/${archived}`).set(t.admin.headers)).status).toBe(200);
      const before = await rows(t);
      const cases: [Json, string[]][] = [
        [{}, ['appointment_date', 'appointment_time']],
        [patient({ patient_name: undefined }), ['patient_name']],
        [patient({ patient_name: '   ' }), ['patient_name']],
        [patient({ appointment_date: '2026-02-30' }), ['appointment_date']],
        [patient({ appointment_date: '24/12/2026' }), ['appointment_date']],
        [patient({ appointment_date: '2026-12-24T10:00:00Z' }), ['appointment_date']],
        [patient({ appointment_time: '24:00' }), ['appointment_time']],
        [patient({ appointment_time: '2pm' }), ['appointment_time']],
        [patient({ appointment_time: 1400 }), ['appointment_time']],
        [patient({ timezone: 'Mars/Olympus' }), ['timezone']],
        [patient({ timezone: null }), ['timezone']],
        [patient({ phone: '12' }), ['phone']],
        [patient({ phone: 'call me' }), ['phone']],
        [patient({ status: 'cancelled' }), ['status']],
        [patient({ status: 'done' }), ['status']],
        [patient({ service: 'x'.repeat(201) }), ['service']],
        [patient({ color: 'red' }), ['color']],
        [patient({ lead_id: 'not-a-uuid' }), ['lead_id']],
        [patient({ lead_id: randomUUID() }), ['lead_id']],
        [patient({ lead_id: theirLead }), ['lead_id']],
        [patient({ lead_id: archived }), ['lead_id']],
        [patient({ patientName: 'Jane', patient_name: 'John' }), ['patient_name']],
        // 02:30 on the night New York's clocks go forward does not exist.
        [patient({ appointment_date: '2026-03-08', appointment_time: '02:30' }), ['appointment_time']],
        // In New York, 23:30 on 9999-12-31 starts in year 10000 (UTC); so long ago or ahead is a typing error.
        [patient({ appointment_date: '9999-12-31', appointment_time: '23:30' }), ['appointment_date']],
        [patient({ appointment_date: '2101-01-01' }), ['appointment_date']],
        [patient({ appointment_date: '1899-12-31' }), ['appointment_date']],
        [patient({ appointment_date: '0000-01-01' }), ['appointment_date']],
      ];
      for (const [body, fields] of cases) {
        const res = await api.http.post('/api/appointments').set(t.admin.headers).send(body);
        try {
          expectValidation(res, fields);
        } catch (err) {
          throw new Error(`${JSON.stringify(body)}: ${String(err)}`);
        }
      }
      const farOff = await api.http
        .post('/api/appointments')
        .set(t.admin.headers)
        .send(patient({ appointment_date: '9999-12-31', appointment_time: '23:30' }));
      expect(farOff.body.error.details).toEqual([
        { field: 'appointment_date', reason: 'must be a date from 1900-01-01 to 2100-12-31' },
      ]);
      expect(await rows(t)).toEqual(before);
      expect(await rows(theirs)).toEqual([]);
    });

    it('keeps a time zone sent in any case, or as an alias, in its canonical spelling; the ends of the range book', async () => {
      const lower = await book(t, patient({ timezone: 'america/los_angeles' }));
      expect(lower).toMatchObject({ timezone: 'America/Los_Angeles', starts_at: '2026-12-24T22:00:00.000Z' });
      const alias = await book(t, patient({ timezone: 'US/Pacific' }));
      expect(alias).toMatchObject({ timezone: 'America/Los_Angeles', starts_at: '2026-12-24T22:00:00.000Z' });
      const upper = await book(
        t,
        patient({ timezone: 'UTC', appointment_date: '2100-12-31', appointment_time: '23:59' }),
      );
      expect(upper).toMatchObject({ timezone: 'UTC', starts_at: '2100-12-31T23:59:00.000Z' });
      const first = await book(
        t,
        patient({ timezone: 'utc', appointment_date: '1900-01-01', appointment_time: '00:00' }),
      );
      expect(first).toMatchObject({ timezone: 'UTC', starts_at: '1900-01-01T00:00:00.000Z' });
      const moved = await api.http
        .put(`/api/appointments/${lower.id as string}`)
        .set(t.admin.headers)
        .send({ timezone: 'europe/lisbon' });
      expect(moved.status).toBe(200);
      expect(moved.body.data).toMatchObject({
        timezone: 'Europe/Lisbon',
        starts_at: '2026-12-24T14:00:00.000Z',
      });
      const stored = await db.query(
        `SELECT id, timezone FROM appointments WHERE id = ANY($1) ORDER BY timezone`,
        [[lower.id, alias.id]],
      );
      expect(stored.map((r: { timezone: string }) => r.timezone)).toEqual([
        'America/Los_Angeles',
        'Europe/Lisbon',
      ]);
      // A tenant whose own zone was saved in another case books in its canonical spelling too.
      const other = await createTenant(api.http);
      await db.query(`UPDATE tenants SET timezone = 'america/chicago' WHERE id = $1`, [other.id]);
      expect(await book(other, patient({ phone: '+14155552671' }))).toMatchObject({
        timezone: 'America/Chicago',
      });
    });

    it('books a time shown twice (the night clocks fall back) at its first showing, and documents it', async () => {
      const booked = await book(t, patient({ appointment_date: '2026-11-01', appointment_time: '01:30' }));
      // 01:30 EDT (UTC-4), not the 01:30 EST an hour later.
      expect(booked).toMatchObject({ appointment_time: '01:30', starts_at: '2026-11-01T05:30:00.000Z' });
      const doc = (await api.http.get('/api/docs-json').expect(200)).body;
      for (const dto of ['CreateAppointmentDto', 'UpdateAppointmentDto'])
        expect(doc.components.schemas[dto].properties.appointment_time.description).toMatch(
          /skip.*400.*twice.*first showing, the earlier instant/,
        );
    });

    it('asks for a token', async () => {
      expectError(await api.http.post('/api/appointments').send(patient()), 401, 'AUTHENTICATION_REQUIRED');
      expectError(await api.http.get('/api/appointments'), 401, 'AUTHENTICATION_REQUIRED');
    });
  });

  describe('GET /api/appointments', () => {
    let x: TestTenant;
    let leadId: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      x = await createTenant(api.http);
      leadId = await createLead(x, { first_name: 'Lee', phone: '+14155550123' });
      // This tenant has no default country: a national number is refused, an international one taken.
      expectValidation(await api.http.post('/api/appointments').set(x.admin.headers).send(patient()), [
        'phone',
      ]);
      const at = async (key: string, date: string, time: string, extra: Json = {}) =>
        (ids[key] = (
          await book(
            x,
            patient({ phone: '+1 415 555 2671', appointment_date: date, appointment_time: time, ...extra }),
          )
        ).id as string);
      await at('late', '2026-12-24', '16:00');
      await at('early', '2026-12-24', '09:00', { status: 'confirmed' });
      await at('lead', '2026-12-23', '10:00', { lead_id: leadId });
      await at('tokyo', '2026-12-24', '08:00', { timezone: 'Asia/Tokyo' });
      await at('jan', '2027-01-05', '11:00');
    });

    const list = async (query: string) => {
      const res = await api.http.get(`/api/appointments${query}`).set(x.admin.headers);
      expect(res.status).toBe(200);
      return res.body as { data: Json[]; meta: Json };
    };
    const keys = (data: Json[]) => data.map((a) => Object.keys(ids).find((k) => ids[k] === a.id));

    it('lists soonest first (by the instant, whatever the zone), with meta', async () => {
      const all = await list('');
      // Tokyo's 08:00 on the 24th is 23:00Z on the 23rd: after the lead's 10:00Z, before 09:00Z on the 24th.
      expect(keys(all.data)).toEqual(['lead', 'tokyo', 'early', 'late', 'jan']);
      expect(all.meta).toEqual({ total: 5, limit: 50, offset: 0 });
    });

    it('filters by local date, status, lead and date range; pages by limit and offset or page', async () => {
      expect(keys((await list('?date=2026-12-24')).data)).toEqual(['tokyo', 'early', 'late']);
      expect(keys((await list('?date=2026-12-24&status=CONFIRMED')).data)).toEqual(['early']);
      expect(keys((await list(`?leadId=${leadId}`)).data)).toEqual(['lead']);
      expect(keys((await list('?date_from=2026-12-24&date_to=2026-12-31')).data)).toEqual([
        'tokyo',
        'early',
        'late',
      ]);
      expect(keys((await list('?date_from=2027-01-01')).data)).toEqual(['jan']);
      const second = await list('?limit=2&page=2');
      expect(keys(second.data)).toEqual(['early', 'late']);
      expect(second.meta).toEqual({ total: 5, limit: 2, offset: 2 });
      expect(keys((await list('?limit=1&offset=4')).data)).toEqual(['jan']);
    });

    it('refuses bad filters', async () => {
      for (const [query, fields] of [
        ['?date=tomorrow', ['date']],
        ['?date=2026-13-01', ['date']],
        ['?status=done', ['status']],
        ['?lead_id=42', ['lead_id']],
        ['?date_from=2026-12-31&date_to=2026-12-01', ['date_to']],
        ['?limit=101', ['limit']],
        ['?page=1&offset=0', ['page']],
        ['?colour=red', ['colour']],
      ] as [string, string[]][]) {
        expectValidation(await api.http.get(`/api/appointments${query}`).set(x.admin.headers), fields);
      }
    });

    it('shows another tenant none of them, and its own list is its own', async () => {
      const other = await api.http.get('/api/appointments').set(theirs.admin.headers);
      expect(other.status).toBe(200);
      expect(other.body.data.map((a: Json) => a.id)).not.toEqual(expect.arrayContaining([ids.early]));
      expect(other.body.data.every((a: Json) => a.tenant_id === theirs.id)).toBe(true);
      expectError(
        await api.http.get(`/api/appointments/${ids.early}`).set(theirs.admin.headers),
        404,
        'NOT_FOUND',
      );
      expectError(await api.http.get('/api/appointments/nope').set(x.admin.headers), 404, 'NOT_FOUND');
    });
  });

  describe('PUT and DELETE /api/appointments/:id', () => {
    const put = (id: string, body: Json, tenant = t) =>
      api.http.put(`/api/appointments/${id}`).set(tenant.admin.headers).send(body);
    const row = async (id: string) => (await db.query('SELECT * FROM appointments WHERE id = $1', [id]))[0];

    it('confirms with notes (seed 003), reschedules in another zone, changes only what is sent', async () => {
      const a = await book(t, patient({ service: 'Cleaning' }));
      const confirmed = await put(a.id as string, {
        status: 'confirmed',
        notes: 'Patient confirmed attendance',
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.data).toEqual({
        ...a,
        status: 'confirmed',
        notes: 'Patient confirmed attendance',
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      const moved = await put(a.id as string, {
        appointmentDate: '2026-12-27',
        appointmentTime: '10:15',
        timezone: 'Europe/Lisbon',
      });
      expect(moved.body.data).toMatchObject({
        appointment_date: '2026-12-27',
        appointment_time: '10:15',
        timezone: 'Europe/Lisbon',
        starts_at: '2026-12-27T10:15:00.000Z',
        status: 'confirmed',
        service: 'Cleaning',
        notes: 'Patient confirmed attendance',
      });
      // Back to pending is allowed; so is clearing the notes.
      expect((await put(a.id as string, { status: 'pending', notes: null })).body.data).toMatchObject({
        status: 'pending',
        notes: null,
      });
    });

    it('keeps a cancelled or completed appointment final (409), its notes aside, changing nothing', async () => {
      const done = await book(t, patient());
      expect((await put(done.id as string, { status: 'completed' })).status).toBe(200);
      const cancelled = await book(t, patient());
      expect((await api.http.delete(`/api/appointments/${cancelled.id}`).set(t.admin.headers)).status).toBe(
        200,
      );
      for (const [id, status] of [
        [done.id, 'completed'],
        [cancelled.id, 'cancelled'],
      ] as [string, string][]) {
        const before = await row(id);
        for (const body of [
          { status: 'confirmed' },
          { status: 'pending' },
          { appointment_time: '15:00' },
          { service: 'Other', notes: 'and a note' },
        ]) {
          const res = await put(id, body);
          expect(res.status).toBe(409);
          expect(res.body).toEqual({
            success: false,
            error: {
              code: 'CONFLICT',
              message: expect.any(String),
              details: expect.objectContaining({ status }),
            },
          });
        }
        const moved = await put(id, { appointment_time: '15:00', timezone: 'Europe/Lisbon' });
        expect(moved.body.error.details).toEqual({ fields: ['appointment_time', 'timezone'], status });
        expect(await row(id)).toEqual(before);
        // Notes still take a follow-up; sending what it already has is no change.
        const noted = await put(id, { notes: 'No-show fee waived', status, appointment_time: '14:00' });
        expect(noted.status).toBe(200);
        expect(noted.body.data).toMatchObject({ status, notes: 'No-show fee waived' });
      }
      const cancelDone = await api.http.delete(`/api/appointments/${done.id}`).set(t.admin.headers);
      expect(cancelDone.status).toBe(409);
      expect(cancelDone.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'completed' } });
      expect((await row(done.id as string)).status).toBe('completed');
    });

    it('a confirmation racing a cancellation never leaves a cancelled appointment confirmed', async () => {
      for (let i = 0; i < 10; i++) {
        const a = await book(t, patient());
        const [confirm, cancel] = await Promise.all([
          put(a.id as string, { status: 'confirmed' }),
          api.http.delete(`/api/appointments/${a.id}`).set(t.admin.headers),
        ]);
        expect(cancel.status).toBe(200);
        // Confirmed first (200, then cancelled) or refused after the cancellation (409): cancelled either way.
        expect([200, 409]).toContain(confirm.status);
        expect((await row(a.id as string)).status).toBe('cancelled');
      }
    });

    it('refuses bad bodies (400) and unknown ids (404), changing nothing', async () => {
      const a = await book(t, patient());
      const before = await row(a.id as string);
      for (const [body, fields] of [
        [{ status: 'done' }, ['status']],
        [{ status: null }, ['status']],
        [{ appointment_date: '2026-02-29' }, ['appointment_date']],
        [{ appointment_time: '7:00' }, ['appointment_time']],
        [{ timezone: 'EST5EDT-nope' }, ['timezone']],
        [{ phone: '555' }, ['phone']],
        [{ patient_name: null }, ['patient_name']],
        [{ lead_id: randomUUID() }, ['lead_id']],
        [{ appointment_date: '2026-03-08', appointment_time: '02:00' }, ['appointment_time']],
        [{ appointment_date: '9999-12-31', appointment_time: '23:30' }, ['appointment_date']],
        [{ appointment_date: '1899-12-31' }, ['appointment_date']],
      ] as [Json, string[]][]) {
        expectValidation(await put(a.id as string, body), fields);
      }
      expect(await row(a.id as string)).toEqual(before);
      expectError(await put(randomUUID(), { status: 'confirmed' }), 404, 'NOT_FOUND');
      expectError(await put('42', { status: 'confirmed' }), 404, 'NOT_FOUND');
    });

    it('DELETE cancels: the row stays, cancelled; again answers the same', async () => {
      const a = await book(t, patient());
      const res = await api.http.delete(`/api/appointments/${a.id}`).set(agent.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          ...a,
          status: 'cancelled',
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
          message: 'Appointment cancelled successfully',
        },
      });
      expect((await row(a.id as string)).status).toBe('cancelled');
      const again = await api.http.delete(`/api/appointments/${a.id}`).set(agent.headers);
      expect(again.status).toBe(200);
      expect(again.body.data.status).toBe('cancelled');
      expectError(
        await api.http.delete(`/api/appointments/${randomUUID()}`).set(t.admin.headers),
        404,
        'NOT_FOUND',
      );
    });

    it('another tenant can neither change nor cancel an appointment (404), which stays as it was', async () => {
      const a = await book(t, patient());
      const before = await row(a.id as string);
      expectError(await put(a.id as string, { status: 'confirmed' }, theirs), 404, 'NOT_FOUND');
      expectError(
        await api.http.delete(`/api/appointments/${a.id}`).set(theirs.admin.headers),
        404,
        'NOT_FOUND',
      );
      expect(await row(a.id as string)).toEqual(before);
    });
  });

  describe('appointment_update', () => {
    const heardOf = (heard: HeardEvent[], id: string, action: string) =>
      waitFor(
        () =>
          heard.find(
            (h) =>
              h.event === 'appointment_update' &&
              h.payload.appointment_id === id &&
              h.payload.action === action,
          ),
        10_000,
        `appointment_update ${action}`,
        async () => heard,
      );

    it("tells the tenant's sockets of a booking, a change and a cancellation; no other tenant hears of them", async () => {
      const mine = await connectLiveClient(api.url, agent.token);
      const other = await connectLiveClient(api.url, theirs.admin.token);
      sockets.push(mine.socket, other.socket);
      const a = await book(t, patient());
      const created = await heardOf(mine.heard, a.id as string, 'created');
      expect(created.payload).toEqual({
        action: 'created',
        appointment_id: a.id,
        previous_status: null,
        status: 'pending',
        appointment: a,
        timestamp: '2026-12-01T12:00:00.000Z',
      });
      const confirmed = (
        await api.http.put(`/api/appointments/${a.id}`).set(t.admin.headers).send({ status: 'confirmed' })
      ).body.data;
      expect((await heardOf(mine.heard, a.id as string, 'updated')).payload).toMatchObject({
        previous_status: 'pending',
        status: 'confirmed',
        appointment: confirmed,
      });
      await api.http.delete(`/api/appointments/${a.id}`).set(t.admin.headers).expect(200);
      expect((await heardOf(mine.heard, a.id as string, 'cancelled')).payload).toMatchObject({
        previous_status: 'confirmed',
        status: 'cancelled',
      });
      // Cancelling again changes nothing, and tells nothing.
      await api.http.delete(`/api/appointments/${a.id}`).set(t.admin.headers).expect(200);
      // The other tenant hears its own booking, published after ours, and nothing of ours.
      const theirsBooked = await book(theirs, patient({ phone: undefined }));
      await heardOf(other.heard, theirsBooked.id as string, 'created');
      expect(other.heard.filter((h) => h.payload.appointment_id === a.id)).toEqual([]);
      expect(
        mine.heard.filter((h) => h.payload.appointment_id === a.id).map((h) => h.payload.action),
      ).toEqual(['created', 'updated', 'cancelled']);
    });
  });
});
