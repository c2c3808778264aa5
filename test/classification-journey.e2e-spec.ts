import { ManualClock } from '@app/common';
import { ChannelConfigsService, OPT_OUT_CONFIRMATION } from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import {
  connectLiveClient,
  createTenant,
  createUser,
  HeardEvent,
  postLeadReply,
  SchedulerPlatform,
  startSchedulerPlatform,
  TestApi,
  TestTenant,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * Issue 7 item 2's "Done means", through the API with the simulator and TWO workers on one platform clock: a lead
 * in an active campaign replies by SMS (the simulator's signed webhook); the worker classifies the reply with the
 * tenant's model (the built-in local one), scores the lead with the tenant's weights, moves its sequence, and
 * says so over socket.io to that tenant only. Free-text unsubscribe = STOP, out-of-office pauses until the
 * return date, a meeting request flags the lead, a manual override sticks, reclassify re-runs it idempotently.
 * Texts are unambiguous: the tests check the pipeline, not the classifier's judgement of borderline text.
 */

const SEED = 'classification-journey';
/** Tuesday 2026-12-01 10:00 in New York. */
const MORNING_NY = new Date('2026-12-01T15:00:00Z');
const MINUTE = 60_000;
/** Tenant weights: intent counts in full, so an interested reply always reaches the threshold. */
const SCORING = { qualified_threshold: 40, intent_weight: 1 };

type Json = Record<string, unknown>;

interface Enrollment {
  status: string;
  stop_reason: string | null;
  next_action_at: Date | null;
  replied_at: Date | null;
}

describe('classification journey: replies classified, leads scored, sequences moved, two workers (e2e)', () => {
  const clock = new ManualClock(MORNING_NY);
  let platform: SchedulerPlatform;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let other: TestTenant;
  let campaignId: string;
  const sockets: Socket[] = [];
  let heard: HeardEvent[] = [];
  let otherHeard: HeardEvent[] = [];
  let n = 0;

  beforeAll(async () => {
    platform = await startSchedulerPlatform(clock, {
      SIMULATOR_SEED: SEED,
      JWT_ACCESS_TTL_SECONDS: String(30 * 24 * 3600),
    });
    api = platform.api;
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
    other = await createTenant(api.http);
    const settings = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ settings: { scoring: SCORING } });
    expect(settings.status).toBe(200);
    const mine = await connectLiveClient(api.url, tenant.admin.token);
    const theirs = await connectLiveClient(api.url, other.admin.token);
    sockets.push(mine.socket, theirs.socket);
    heard = mine.heard;
    otherHeard = theirs.heard;
    campaignId = await campaign(8);
  }, 90_000);

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await platform?.close();
  });

  const http = () => api.http;
  const headers = () => tenant.admin.headers;
  const leads: { id: string; phone: string }[] = [];

  /** `count` leads in New York, in a started SMS campaign, each sent the first step and waiting for the next. */
  async function campaign(count: number): Promise<string> {
    for (let i = 0; i < count; i++) {
      n += 1;
      const res = await http()
        .post('/api/leads')
        .set(headers())
        .send({
          first_name: `Lead${n}`,
          phone: `+1415555${String(4100 + n).padStart(4, '0')}`,
          timezone: 'America/New_York',
        });
      expect(res.status).toBe(201);
      leads.push({ id: res.body.data.id, phone: res.body.data.phone_normalized });
    }
    const created = await http()
      .post('/api/campaigns')
      .set(headers())
      .send({
        name: 'Classification journey',
        lead_ids: leads.map((l) => l.id),
        steps: [
          { type: 'SMS', content: 'Hi {{first_name}}, may I show you Brightdesk?' },
          { type: 'DELAY', content: '72' },
          { type: 'SMS', content: 'Just following up on my last message.' },
        ],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await http().post(`/api/campaigns/${id}/start`).set(headers())).status).toBe(200);
    await waitFor(
      async () => {
        const rows = (await db.query(
          `SELECT status FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2`,
          [tenant.id, id],
        )) as { status: string }[];
        return rows.length === count && rows.every((r) => r.status === 'waiting') ? true : undefined;
      },
      20_000,
      'the first step sent to every lead',
    );
    return id;
  }

  /** The lead writes by SMS (the simulator's signed webhook); answers the stored message once applied. */
  async function leadWrites(lead: { id: string; phone: string }, body: string): Promise<string> {
    const inbound = () =>
      db.query(
        `SELECT id FROM messages WHERE tenant_id = $1 AND lead_id = $2 AND direction = 'inbound' AND content = $3`,
        [tenant.id, lead.id, body],
      ) as Promise<{ id: string }[]>;
    const before = new Set((await inbound()).map((m) => m.id));
    clock.advance(MINUTE);
    const resolved = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'sms');
    const res = await postLeadReply(http(), resolved, {
      publicBaseUrl: platform.publicBaseUrl,
      seed: SEED,
      from: lead.phone,
      body,
      now: clock.now(),
    });
    expect(res.status).toBeLessThan(300);
    return waitFor(
      async () => (await inbound()).find((m) => !before.has(m.id))?.id,
      15_000,
      'the inbound message',
    );
  }

  /** The `lead.classified` event of this message (the `nth` one, for a reclassification). */
  const classified = (messageId: string, nth = 1) =>
    waitFor(
      () => {
        const seen = heard.filter((e) => e.event === 'lead.classified' && e.payload.message_id === messageId);
        return seen.length >= nth ? seen[nth - 1].payload : undefined;
      },
      20_000,
      `lead.classified #${nth} of ${messageId}`,
    );

  const getLead = async (id: string, h = headers()) => {
    const res = await http().get(`/api/leads/${id}`).set(h);
    expect(res.status).toBe(200);
    return res.body.data as Json;
  };

  const enrollment = async (leadId: string): Promise<Enrollment> =>
    (
      (await db.query(
        `SELECT status, stop_reason, next_action_at, replied_at FROM campaign_enrollments
          WHERE tenant_id = $1 AND campaign_id = $2 AND lead_id = $3`,
        [tenant.id, campaignId, leadId],
      )) as Enrollment[]
    )[0];

  const confirmationsOf = (leadId: string) =>
    db.query(
      `SELECT idempotency_key, content FROM messages
        WHERE tenant_id = $1 AND lead_id = $2 AND sender = 'system' AND idempotency_key LIKE 'opt-out-confirmation:%'
        ORDER BY created_at`,
      [tenant.id, leadId],
    ) as Promise<{ idempotency_key: string; content: string }[]>;

  const activity = async (type: string, leadId: string) => {
    const res = await http().get(`/api/system/activity?type=${type}&limit=100`).set(headers());
    expect(res.status).toBe(200);
    return (res.body.data as { data: Json; description: string }[]).filter((a) => a.data.lead_id === leadId);
  };

  const reclassify = (leadId: string, h = headers()) =>
    http().post(`/api/leads/${leadId}/reclassify`).set(h).send({});

  it('"Yes, this sounds great, tell me more": interested, scored with the tenant\'s weights, sequence stopped as replied, qualified, live to this tenant only', async () => {
    const lead = leads[0];
    const messageId = await leadWrites(lead, 'Yes, this sounds great, tell me more');
    const event = await classified(messageId);
    expect(event).toMatchObject({
      lead_id: lead.id,
      classification: 'interested',
      return_date: null,
      referral: null,
      qualification_status: 'qualified',
    });
    // intent_weight 1 × 88 × (0.5 + 0.5 × confidence) + 4 for one reply.
    const confidence = event.confidence as number;
    expect(event.score).toBe(Math.round(88 * (0.5 + 0.5 * confidence) + 4));

    const got = await getLead(lead.id);
    expect(got).toMatchObject({
      classification: 'interested',
      score: event.score,
      qualification_status: 'qualified',
      classification_overridden: false,
      score_overridden: false,
      meeting_requested_at: null,
    });
    expect(got.classification_confidence).toBeCloseTo(confidence, 5);
    expect(got.classification_reason).toEqual(expect.any(String));
    expect(got.classified_at).toBe(clock.now().toISOString());
    expect(await enrollment(lead.id)).toMatchObject({ status: 'replied', stop_reason: null });

    // One stored classification and one recorded model call.
    const stored = await db.query(
      `SELECT r.label, i.kind, i.provider, i.lead_id FROM reply_classifications r
         JOIN ai_interactions i ON i.id = r.interaction_id
        WHERE r.tenant_id = $1 AND r.message_id = $2`,
      [tenant.id, messageId],
    );
    expect(stored).toEqual([
      { label: 'interested', kind: 'classification', provider: 'local', lead_id: lead.id },
    ]);

    // The score crossed the threshold: once, live and in the activity log.
    const qualified = await waitFor(
      () => heard.find((e) => e.event === 'lead.qualified' && e.payload.lead_id === lead.id)?.payload,
      5_000,
      'lead.qualified',
    );
    expect(qualified).toMatchObject({ score: event.score, threshold: 40, classification: 'interested' });
    expect(await activity('lead.qualified', lead.id)).toHaveLength(1);

    // The other tenant's client heard none of it.
    expect(otherHeard.filter((e) => e.payload.lead_id === lead.id)).toEqual([]);
    expect(otherHeard.filter((e) => e.event.startsWith('lead.'))).toEqual([]);
  });

  it('"Please remove me from your list" opts the lead out exactly as STOP does', async () => {
    const [free, keyword] = [leads[1], leads[2]];
    const freeId = await leadWrites(free, 'Please remove me from your list');
    expect(await classified(freeId)).toMatchObject({
      classification: 'unsubscribe',
      qualification_status: 'disqualified',
    });
    const stopId = await leadWrites(keyword, 'STOP');
    expect(await classified(stopId)).toMatchObject({
      classification: 'unsubscribe',
      confidence: 1,
      qualification_status: 'disqualified',
    });

    for (const [lead, messageId, key] of [
      [free, freeId, `opt-out-confirmation:classified:${freeId}`],
      [keyword, stopId, expect.stringMatching(/^opt-out-confirmation:[0-9a-f-]{36}$/)],
    ] as const) {
      const state = await getLead(lead.id);
      expect(state).toMatchObject({ opted_out_channels: ['sms'], classification: 'unsubscribe' });
      expect(await enrollment(lead.id)).toMatchObject({
        status: 'stopped',
        stop_reason: 'opted_out',
        replied_at: null,
        next_action_at: null,
      });
      const dnc = await db.query(
        `SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2`,
        [tenant.id, lead.phone],
      );
      expect(dnc).toEqual([{ channel: 'sms', reason: 'stop_keyword' }]);
      const confirmations = await waitFor(async () => {
        const rows = await confirmationsOf(lead.id);
        return rows.length ? rows : undefined;
      });
      expect(confirmations).toEqual([{ idempotency_key: key, content: OPT_OUT_CONFIRMATION }]);
      const optedOut = heard.filter((e) => e.event === 'lead.opted_out' && e.payload.lead_id === lead.id);
      expect(optedOut).toHaveLength(1);
      expect(optedOut[0].payload).toMatchObject({
        channel: 'sms',
        message_id: messageId,
        source: lead === free ? 'classification' : 'keyword',
        keyword: lead === free ? null : 'STOP',
      });
    }

    // Reclassifying the free-text opt-out repeats nothing: no second confirmation, no second event.
    const again = await reclassify(free.id);
    expect(again.status).toBe(202);
    expect(again.body.data).toEqual({
      lead_id: free.id,
      message_id: freeId,
      job_id: expect.stringMatching(new RegExp(`^reclassify:${freeId}:`)),
      queued: true,
    });
    const job = await api.app.get(JobProducer).queue(QueueName.Classification).getJob(again.body.data.job_id);
    expect(job?.data).toMatchObject({ message_id: freeId, reclassify: true });
    expect(await classified(freeId, 2)).toMatchObject({ classification: 'unsubscribe' });
    expect(await confirmationsOf(free.id)).toHaveLength(1);
    expect(heard.filter((e) => e.event === 'lead.opted_out' && e.payload.lead_id === free.id)).toHaveLength(
      1,
    );
    expect(await activity('lead.opted_out', free.id)).toHaveLength(1);
  });

  it('an out-of-office reply with a date puts the sequence back to waiting until 09:00 that day', async () => {
    const lead = leads[3];
    const messageId = await leadWrites(
      lead,
      'Thank you for your message. I am out of the office until Monday, December 14, 2026 with no access to email. I will respond when I return.',
    );
    expect(await classified(messageId)).toMatchObject({
      classification: 'out_of_office',
      return_date: '2026-12-14',
      qualification_status: 'nurture',
    });
    const resumed = await enrollment(lead.id);
    // 09:00 in New York on the return date; it keeps the instant of the reply that stopped it.
    expect(resumed).toEqual({
      status: 'waiting',
      stop_reason: null,
      replied_at: expect.any(Date),
      next_action_at: new Date('2026-12-14T14:00:00Z'),
    });
    const logged = await activity('lead.out_of_office', lead.id);
    expect(logged).toHaveLength(1);
    expect(logged[0].data).toMatchObject({ return_date: '2026-12-14', resumed_enrollments: 1 });

    // Reclassified: the same pause, not a second one.
    expect((await reclassify(lead.id)).status).toBe(202);
    await classified(messageId, 2);
    expect(await enrollment(lead.id)).toEqual(resumed);
    expect(await activity('lead.out_of_office', lead.id)).toHaveLength(1);
  });

  it('an out-of-office reply whose return comes before the next step keeps the step on its own day', async () => {
    const lead = leads[7];
    const planned = (await enrollment(lead.id)).next_action_at;
    // The 72-hour follow-up is due on Friday; the lead is back on Wednesday.
    expect(planned!.getTime()).toBeGreaterThan(new Date('2026-12-03T15:00:00Z').getTime());
    const messageId = await leadWrites(
      lead,
      'I am out of the office until Wednesday, December 2, 2026 with limited access to email.',
    );
    expect(await classified(messageId)).toMatchObject({
      classification: 'out_of_office',
      return_date: '2026-12-02',
    });
    expect(await enrollment(lead.id)).toEqual({
      status: 'waiting',
      stop_reason: null,
      replied_at: expect.any(Date),
      next_action_at: planned,
    });
  });

  it('an out-of-office reply holds a sequence that goes on after replies (stop_on_reply off) until the return too', async () => {
    const made = await http()
      .post('/api/leads')
      .set(headers())
      .send({ first_name: 'Away', phone: '+14155554997', timezone: 'America/New_York' });
    expect(made.status).toBe(201);
    const lead = { id: made.body.data.id as string, phone: made.body.data.phone_normalized as string };
    const created = await http()
      .post('/api/campaigns')
      .set(headers())
      .send({
        name: 'Goes on after replies',
        lead_ids: [lead.id],
        stop_on_reply: false,
        steps: [
          { type: 'SMS', content: 'Hi {{first_name}}, may I show you Brightdesk?' },
          { type: 'DELAY', content: '24' },
          { type: 'SMS', content: 'Just following up on my last message.' },
        ],
      });
    expect(created.status).toBe(201);
    const goesOn = created.body.data.id as string;
    expect((await http().post(`/api/campaigns/${goesOn}/start`).set(headers())).status).toBe(200);
    const enrollmentIn = async () =>
      (
        (await db.query(
          `SELECT status, stop_reason, next_action_at, replied_at FROM campaign_enrollments
            WHERE tenant_id = $1 AND campaign_id = $2`,
          [tenant.id, goesOn],
        )) as Enrollment[]
      )[0];
    const planned = await waitFor(
      async () => {
        const e = await enrollmentIn();
        return e?.status === 'waiting' && e.next_action_at ? e.next_action_at : undefined;
      },
      20_000,
      'the first step sent',
    );
    expect(planned.getTime()).toBeLessThan(new Date('2026-12-14T14:00:00Z').getTime());
    const messageId = await leadWrites(
      lead,
      'I am out of the office until Monday, December 14, 2026 with no access to email.',
    );
    expect(await classified(messageId)).toMatchObject({ classification: 'out_of_office' });
    // 09:00 in New York on the return date; the reply itself stopped nothing.
    expect(await enrollmentIn()).toEqual({
      status: 'waiting',
      stop_reason: null,
      replied_at: null,
      next_action_at: new Date('2026-12-14T14:00:00Z'),
    });
    const logged = await activity('lead.out_of_office', lead.id);
    expect(logged[0].data).toMatchObject({ return_date: '2026-12-14', resumed_enrollments: 1 });
  });

  it('"Can we set up a call Thursday?" flags a meeting request and stops the sequence, even one that sends on after replies', async () => {
    const lead = leads[4];
    // This campaign goes on after replies (stop_on_reply off): the reply leaves the sequence, the meeting stops it.
    await db.query(`UPDATE campaigns SET stop_on_reply = false WHERE id = $1`, [campaignId]);
    const event = await leadWrites(lead, 'Can we set up a call Thursday?')
      .then(classified)
      .finally(() => db.query(`UPDATE campaigns SET stop_on_reply = true WHERE id = $1`, [campaignId]));
    expect(event).toMatchObject({
      classification: 'meeting_request',
      qualification_status: 'meeting_requested',
    });
    const got = await getLead(lead.id);
    expect(got).toMatchObject({
      classification: 'meeting_request',
      qualification_status: 'meeting_requested',
    });
    expect(got.meeting_requested_at).toEqual(expect.any(String));
    expect(await enrollment(lead.id)).toMatchObject({
      status: 'stopped',
      stop_reason: 'meeting_requested',
      next_action_at: null,
    });
    expect(await activity('lead.meeting_requested', lead.id)).toHaveLength(1);
  });

  it('a referral is stored and logged; a refusal disqualifies the lead', async () => {
    const [moved, refusing] = [leads[5], leads[6]];
    const movedId = await leadWrites(
      moved,
      'I left the company in October. Please contact Jane Smith (jane.smith@acme.com) instead.',
    );
    const event = await classified(movedId);
    expect(event).toMatchObject({ classification: 'wrong_person', qualification_status: 'disqualified' });
    const [stored] = await db.query(
      `SELECT label, referral FROM reply_classifications WHERE tenant_id = $1 AND message_id = $2`,
      [tenant.id, movedId],
    );
    expect(stored).toEqual({ label: 'wrong_person', referral: event.referral });
    expect(event.referral).toMatchObject({ email: 'jane.smith@acme.com' });
    const logged = await activity('lead.wrong_person', moved.id);
    expect(logged).toHaveLength(1);
    expect(logged[0].description).toContain('jane.smith@acme.com');

    const refusedId = await leadWrites(refusing, 'No thanks, we are not interested.');
    expect(await classified(refusedId)).toMatchObject({
      classification: 'not_interested',
      qualification_status: 'disqualified',
    });
    expect(await getLead(refusing.id)).toMatchObject({
      classification: 'not_interested',
      qualification_status: 'disqualified',
      opted_out_channels: [],
    });
    for (const lead of [moved, refusing]) {
      expect(await enrollment(lead.id)).toMatchObject({ status: 'replied', stop_reason: null });
    }
  });

  it('a manual score and classification stick across a later reply until handed back', async () => {
    const lead = leads[0];
    const patched = await http()
      .patch(`/api/leads/${lead.id}`)
      .set(headers())
      .send({ score: 12, classification: 'not_interested' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      score: 12,
      classification: 'not_interested',
      score_overridden: true,
      classification_overridden: true,
    });

    const messageId = await leadWrites(lead, 'Yes, this sounds great, tell me more');
    const event = await classified(messageId);
    // The reply's own class is reported; the lead keeps what a person set.
    expect(event).toMatchObject({
      classification: 'interested',
      lead_classification: 'not_interested',
      score: 12,
    });
    const got = await getLead(lead.id);
    expect(got).toMatchObject({
      score: 12,
      classification: 'not_interested',
      // The qualification follows the class a person set, not the reply's reading.
      qualification_status: 'disqualified',
      classified_at: clock.now().toISOString(),
    });

    // Handing the score back (camelCase too): the next classification sets it; the classification stays pinned.
    const released = await http()
      .patch(`/api/leads/${lead.id}`)
      .set(headers())
      .send({ scoreOverride: false });
    expect(released.status).toBe(200);
    expect(released.body.data).toMatchObject({
      score: 12,
      score_overridden: false,
      classification_overridden: true,
    });
    const res = await reclassify(lead.id);
    expect(res.status).toBe(202);
    expect(res.body.data.message_id).toBe(messageId);
    const again = await classified(messageId, 2);
    // Two replies now: 8 engagement points.
    expect(again.score).toBe(Math.round(88 * (0.5 + 0.5 * (again.confidence as number)) + 8));
    expect(await getLead(lead.id)).toMatchObject({ score: again.score, classification: 'not_interested' });
  });

  it('reclassify: 409 without a message, 404 for another tenant, 403 for an agent, and a rejected input changes nothing', async () => {
    // An agent none of these conversations is assigned to hears none of their classifications.
    const agent = await createUser(http(), tenant, 'agent');
    const agentLive = await connectLiveClient(api.url, agent.token);
    const fresh = await http()
      .post('/api/leads')
      .set(headers())
      .send({ first_name: 'Quiet', phone: '+14155554999' });
    expect(fresh.status).toBe(201);
    const quiet = fresh.body.data as Json;

    const none = await reclassify(quiet.id as string);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('CONFLICT');
    expect(none.body.error.message).toMatch(/no message/);

    // An archived lead is not classified again (PATCH refuses it the same way).
    const gone = await http()
      .post('/api/leads')
      .set(headers())
      .send({ first_name: 'Gone', phone: '+14155554998' });
    expect(gone.status).toBe(201);
    const goneLead = { id: gone.body.data.id as string, phone: gone.body.data.phone_normalized as string };
    await classified(await leadWrites(goneLead, 'Sounds good, tell me more'));
    // It qualified the lead: staff heard so, the agent did not.
    await waitFor(
      () => heard.some((e) => e.event === 'lead.qualified' && e.payload.lead_id === goneLead.id) || undefined,
      5_000,
      "staff hear the lead's qualification",
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(
      agentLive.heard.filter((e) => e.event === 'lead.classified' || e.event === 'lead.qualified'),
    ).toEqual([]);
    agentLive.socket.disconnect();
    expect((await http().delete(`/api/leads/${goneLead.id}`).set(headers())).status).toBe(200);
    const archived = await reclassify(goneLead.id);
    expect(archived.status).toBe(409);
    expect(archived.body.error).toMatchObject({ code: 'CONFLICT', message: 'The lead is archived' });

    const lead = leads[4];
    const before = await getLead(lead.id);
    const foreign = await reclassify(lead.id, other.admin.headers);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const foreignPatch = await http()
      .patch(`/api/leads/${lead.id}`)
      .set(other.admin.headers)
      .send({ score: 99 });
    expect(foreignPatch.status).toBe(404);

    const refused = await reclassify(lead.id, agent.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AUTHORIZATION_FAILED');
    // An agent still reads the lead with its classification detail.
    expect((await getLead(lead.id, agent.headers)).classification).toBe('meeting_request');

    const badId = await reclassify('not-a-uuid');
    expect(badId.status).toBeGreaterThanOrEqual(400);
    expect(badId.status).toBeLessThan(500);

    for (const body of [{ score_override: 'yes' }, { score: 101 }, { classification_override: 1 }]) {
      const bad = await http().patch(`/api/leads/${lead.id}`).set(headers()).send(body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    }

    // Nothing changed, nothing was classified again.
    await new Promise((r) => setTimeout(r, 300));
    expect(await getLead(lead.id)).toEqual(before);
    expect(await getLead(quiet.id as string)).toMatchObject({ classified_at: null, classification: null });
    const [{ n: rows }] = await db.query(
      `SELECT count(*)::int AS n FROM reply_classifications WHERE tenant_id = $1 AND lead_id = ANY($2::uuid[])`,
      [tenant.id, [quiet.id, lead.id, goneLead.id]],
    );
    expect(rows).toBe(2);
    expect(heard.filter((e) => e.event === 'lead.classified' && e.payload.lead_id === lead.id)).toHaveLength(
      1,
    );
  });

  it('the sequence an out-of-office reply paused resumes on the return date, not before', async () => {
    const lead = leads[3];
    const followUps = () =>
      db.query(
        `SELECT content FROM messages WHERE tenant_id = $1 AND lead_id = $2 AND campaign_id = $3
            AND content = 'Just following up on my last message.'`,
        [tenant.id, lead.id, campaignId],
      ) as Promise<unknown[]>;
    // Past the campaign's own 72-hour delay, a minute before 09:00 in New York on the return date: nothing.
    clock.set('2026-12-14T13:59:00Z');
    await new Promise((r) => setTimeout(r, 600));
    expect(await followUps()).toEqual([]);
    expect((await enrollment(lead.id)).status).toBe('waiting');
    clock.set('2026-12-14T14:00:00Z');
    await waitFor(async () => ((await followUps()).length === 1 ? true : undefined), 20_000, 'the follow-up');
  });
});
