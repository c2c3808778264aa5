import { createTenant, TestTenant, useTestApi } from '@app/testing';

/**
 * Erasing a lead (DELETE /api/leads/:id?erase=true, GDPR Art. 17) erases its appointments' personal fields: those
 * booked for the lead, and those booked for its phone with no lead. Date, time, service and status stay; another
 * person's appointments and another tenant's are untouched.
 */

type Json = Record<string, unknown>;
const ERIN = '+12125550150';
const OTHER = '+12125550151';

describe('lead erasure: appointments (e2e)', () => {
  const api = useTestApi();

  async function post(tenant: TestTenant, path: string, body: Json): Promise<string> {
    const res = await api.http.post(path).set(tenant.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id as string;
  }

  const book = (tenant: TestTenant, body: Json) =>
    post(tenant, '/api/appointments', {
      appointment_date: '2026-12-24',
      appointment_time: '14:00',
      service: 'Consultation',
      notes: 'Allergic to penicillin',
      ...body,
    });

  const row = async (id: string): Promise<Json> =>
    (
      await api.db.query(
        `SELECT tenant_id, lead_id, patient_name, phone, notes, service, status, appointment_date::text AS date,
                appointment_time::text AS time, starts_at FROM appointments WHERE id = $1`,
        [id],
      )
    )[0];

  it("blanks the name, phone and notes of the lead's appointments and of those for its phone; the rest stays", async () => {
    const [t, theirs] = await Promise.all([createTenant(api.http), createTenant(api.http)]);
    const erin = await post(t, '/api/leads', { first_name: 'Erin', last_name: 'Erased', phone: ERIN });
    const other = await post(t, '/api/leads', { first_name: 'Olive', phone: OTHER });
    const booked = await book(t, { lead_id: erin });
    const confirmed = await book(t, { lead_id: erin, status: 'confirmed' });
    const walkIn = await book(t, { patient_name: 'Erin E.', phone: ERIN });
    const olives = await book(t, { lead_id: other });
    const stranger = await book(t, { patient_name: 'Sam', phone: OTHER });
    const theirErin = await book(theirs, { patient_name: 'Erin', phone: ERIN });
    const untouched = await Promise.all([olives, stranger, theirErin].map(row));
    const kept = await Promise.all([booked, confirmed, walkIn].map(row));

    const res = await api.http.delete(`/api/leads/${erin}?erase=true`).set(t.admin.headers);
    expect(res.status).toBe(200);

    for (const [i, id] of [booked, confirmed, walkIn].entries()) {
      expect(await row(id)).toEqual({
        ...kept[i],
        lead_id: null,
        patient_name: null,
        phone: null,
        notes: null,
      });
    }
    expect(kept.map((k) => k.status)).toEqual(['pending', 'confirmed', 'pending']);
    expect(await Promise.all([olives, stranger, theirErin].map(row))).toEqual(untouched);
    // The erased appointments are still listed (the schedule keeps its counts), without the person.
    const list = await api.http.get('/api/appointments').set(t.admin.headers);
    expect(list.body.meta.total).toBe(5);
    expect(JSON.stringify(list.body.data)).not.toMatch(/Erin|2125550150/);
  });
});
