import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { CampaignStepRunner } from './campaign-step-runner.service';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * A send held outside the campaign's window waits for the window's next opening; a change of the window (a PATCH of
 * its time zone, calling hours, days on a running campaign), or of the zone it is read in (the tenant's time zone for
 * campaigns and leads without one, a lead's own zones, by PATCH or by an update import) takes those waits back, so
 * the lead is reached at the new window's opening, not at the old one's. Waits of the plan itself (a DELAY) stay as
 * they are.
 */
describe('campaign window changes (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  async function lead(body: Record<string, unknown>): Promise<string> {
    const res = await api.http.post('/api/leads').set(t.admin.headers).send(body);
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  /** One pass of the scheduler for the campaign: its due enrollments claimed and their turns run. */
  async function runDue(campaignId: string): Promise<void> {
    const claimed = await api.app.get(EnrollmentsRepository).claimDue(t.id, campaignId, api.clock.now(), 100);
    await api.app.get(CampaignStepRunner).run({
      tenant_id: t.id,
      turns: claimed.map((e) => ({ enrollment_id: e.id, step: e.current_step, attempt: e.attempts + 1 })),
    });
  }

  const enrollment = async (campaignId: string, leadId: string) =>
    (
      await api.db.query(
        `SELECT status, current_step, next_action_at FROM campaign_enrollments WHERE campaign_id = $1 AND lead_id = $2`,
        [campaignId, leadId],
      )
    )[0] as { status: string; current_step: number; next_action_at: Date };

  const heldAt = new Date('2026-03-03T00:00:00Z');
  const afterDelay = new Date('2026-03-03T10:00:00Z');
  const sentTo = async (campaignId: string): Promise<string[]> =>
    (await api.db.query(`SELECT lead_id FROM messages WHERE campaign_id = $1`, [campaignId]))
      .map((m: { lead_id: string }) => m.lead_id)
      .sort();

  /** A started campaign (09:00-17:00, EMAIL, DELAY 24 h, EMAIL) of `leadIds`, its first turns run. */
  async function started(name: string, leadIds: string[], timezone?: string): Promise<string> {
    const created = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({
        name,
        ...(timezone ? { timezone } : {}),
        calling_hours_start: '09:00',
        calling_hours_end: '17:00',
        lead_ids: leadIds,
        steps: [
          { type: 'EMAIL', subject: 'Hello', content: 'Hi {{first_name}}' },
          { type: 'DELAY', content: '24' },
          { type: 'EMAIL', subject: 'Again', content: 'Still there?' },
        ],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await api.http.post(`/api/campaigns/${id}/start`).set(t.admin.headers)).status).toBe(200);
    await runDue(id);
    return id;
  }

  const waiting = (current_step: number, next_action_at: Date) => ({
    status: 'waiting',
    current_step,
    next_action_at,
  });

  it('a new time zone takes back the sends held for the old window; a DELAY wait stays', async () => {
    // Monday 10:00 UTC: 19:00 in Tokyo (closed), 10:00 in London (open).
    api.clock.set('2026-03-02T10:00:00Z');
    const held = await lead({ first_name: 'Held', email: 'held@example.com' });
    const delayed = await lead({
      first_name: 'Delayed',
      email: 'delayed@example.com',
      timezone: 'Europe/London',
    });
    const id = await started('Tokyo hours', [held, delayed], 'Asia/Tokyo');

    // Tokyo opens at 09:00 local, 00:00 UTC tomorrow; London's lead got its first step and waits 24 hours.
    expect(await enrollment(id, held)).toEqual({
      status: 'waiting',
      current_step: 0,
      next_action_at: new Date('2026-03-03T00:00:00Z'),
    });
    const afterDelay = new Date('2026-03-03T10:00:00Z');
    expect(await enrollment(id, delayed)).toEqual({
      status: 'waiting',
      current_step: 2,
      next_action_at: afterDelay,
    });

    const patched = await api.http
      .patch(`/api/campaigns/${id}`)
      .set(t.admin.headers)
      .send({ timezone: 'Europe/London' });
    expect(patched.status).toBe(200);

    expect(await enrollment(id, held)).toEqual({
      status: 'waiting',
      current_step: 0,
      next_action_at: api.clock.now(),
    });
    expect(await enrollment(id, delayed)).toEqual({
      status: 'waiting',
      current_step: 2,
      next_action_at: afterDelay,
    });
    await runDue(id);
    expect((await enrollment(id, held)).current_step).toBe(2);
    const sent = await api.db.query(
      `SELECT lead_id FROM messages WHERE campaign_id = $1 ORDER BY created_at`,
      [id],
    );
    expect(sent.map((m: { lead_id: string }) => m.lead_id).sort()).toEqual([held, delayed].sort());
  });

  it("a new tenant time zone takes back the sends held in it; a lead's own zone and a DELAY wait stay", async () => {
    // Monday 10:00 UTC: 19:00 in Tokyo (closed), 10:00 in London (open).
    api.clock.set('2026-03-02T10:00:00Z');
    const tokyo = await api.http.patch('/api/tenant').set(t.admin.headers).send({ timezone: 'Asia/Tokyo' });
    expect(tokyo.status).toBe(200);
    const held = await lead({ first_name: 'Tenant', email: 'tenant-zone@example.com' });
    const own = await lead({ first_name: 'Own', email: 'own-zone@example.com', timezone: 'Asia/Tokyo' });
    const delayed = await lead({
      first_name: 'Later',
      email: 'later@example.com',
      timezone: 'Europe/London',
    });
    // A campaign without a time zone: a lead without one is reached in the tenant's.
    const id = await started('Tenant hours', [held, own, delayed]);
    expect(await enrollment(id, held)).toEqual(waiting(0, heldAt));
    expect(await enrollment(id, own)).toEqual(waiting(0, heldAt));
    expect(await enrollment(id, delayed)).toEqual(waiting(2, afterDelay));

    const patched = await api.http
      .patch('/api/tenant')
      .set(t.admin.headers)
      .send({ timezone: 'Europe/London' });
    expect(patched.status).toBe(200);

    expect(await enrollment(id, held)).toEqual(waiting(0, api.clock.now()));
    expect(await enrollment(id, own)).toEqual(waiting(0, heldAt));
    expect(await enrollment(id, delayed)).toEqual(waiting(2, afterDelay));
    await runDue(id);
    expect((await enrollment(id, held)).current_step).toBe(2);
    expect(await sentTo(id)).toEqual([held, delayed].sort());
  });

  it("a lead's new time zone or phone takes back its held sends; other leads and a DELAY wait stay", async () => {
    api.clock.set('2026-03-02T10:00:00Z');
    const zoned = await lead({ first_name: 'Zoned', email: 'zoned@example.com' });
    const phoned = await lead({ first_name: 'Phoned', email: 'phoned@example.com' });
    const renamed = await lead({ first_name: 'Renamed', email: 'renamed@example.com' });
    const delayed = await lead({
      first_name: 'Moved',
      email: 'moved@example.com',
      timezone: 'Europe/London',
    });
    const id = await started('Tokyo hours for leads', [zoned, phoned, renamed, delayed], 'Asia/Tokyo');
    for (const l of [zoned, phoned, renamed]) expect(await enrollment(id, l)).toEqual(waiting(0, heldAt));
    expect(await enrollment(id, delayed)).toEqual(waiting(2, afterDelay));

    const patch = (leadId: string, body: Record<string, unknown>) =>
      api.http.patch(`/api/leads/${leadId}`).set(t.admin.headers).send(body);
    expect((await patch(zoned, { timezone: 'Europe/London' })).status).toBe(200);
    // A London number: the lead's zones are its phone's.
    const phone = await api.http
      .put(`/api/leads/${phoned}`)
      .set(t.admin.headers)
      .send({ phone: '+44 20 7946 0958' });
    expect(phone.status).toBe(200);
    expect((await patch(renamed, { first_name: 'Still held' })).status).toBe(200);
    expect((await patch(delayed, { timezone: 'America/New_York' })).status).toBe(200);

    expect(await enrollment(id, zoned)).toEqual(waiting(0, api.clock.now()));
    expect(await enrollment(id, phoned)).toEqual(waiting(0, api.clock.now()));
    expect(await enrollment(id, renamed)).toEqual(waiting(0, heldAt));
    expect(await enrollment(id, delayed)).toEqual(waiting(2, afterDelay));
    await runDue(id);
    expect(await sentTo(id)).toEqual([zoned, phoned, delayed].sort());
  });

  it('an import that updates leads into new zones takes back their held sends; other leads and a DELAY wait stay', async () => {
    api.clock.set('2026-03-02T10:00:00Z');
    const zoned = await lead({ first_name: 'Zoned', email: 'imp-zoned@example.com' });
    const phoned = await lead({ first_name: 'Phoned', email: 'imp-phoned@example.com' });
    const countried = await lead({ first_name: 'Countried', email: 'imp-country@example.com' });
    const renamed = await lead({ first_name: 'Renamed', email: 'imp-renamed@example.com' });
    const delayed = await lead({
      first_name: 'Moved',
      email: 'imp-moved@example.com',
      timezone: 'Europe/London',
    });
    const held = [zoned, phoned, countried, renamed];
    const id = await started('Tokyo hours for imports', [...held, delayed], 'Asia/Tokyo');
    for (const l of held) expect(await enrollment(id, l)).toEqual(waiting(0, heldAt));
    expect(await enrollment(id, delayed)).toEqual(waiting(2, afterDelay));

    const csv = [
      'email,first_name,timezone,phone,country',
      'imp-zoned@example.com,,Europe/London,,',
      // A London number (the lead had none): its zones are the phone's.
      'imp-phoned@example.com,,,+44 20 7946 0960,',
      'imp-country@example.com,,,,GB',
      'imp-renamed@example.com,Still held,,,',
      'imp-moved@example.com,,America/New_York,,',
    ].join('\n');
    const res = await api.http
      .post('/api/leads/import')
      .set(t.admin.headers)
      .field('on_duplicate', 'update')
      .attach('file', Buffer.from(csv), { filename: 'moves.csv', contentType: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.data.results).toMatchObject({ total: 5, updated: 5, inserted: 0, invalid: 0 });

    for (const l of [zoned, phoned, countried])
      expect(await enrollment(id, l)).toEqual(waiting(0, api.clock.now()));
    expect(await enrollment(id, renamed)).toEqual(waiting(0, heldAt));
    expect(await enrollment(id, delayed)).toEqual(waiting(2, afterDelay));
    await runDue(id);
    expect(await sentTo(id)).toEqual([zoned, phoned, countried, delayed].sort());
  });
});
