import { createTenant, ISO_TIMESTAMP, TestApi, TestTenant, UUID_PATTERN } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { campaignRequests, SEED_000, step } from './campaign-requests.fixture';

/** POST /api/campaigns in seed 000's and seed 002's forms with seed 001's settings. */
describe('campaigns CRUD: creating campaigns (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  const { post, created, lead } = campaignRequests((s) => ({ api, db, tenant } = s));

  describe('POST /api/campaigns', () => {
    it("creates seed 000's campaign: a draft with its steps, DELAY content in hours; answers { id, status } and every column", async () => {
      const res = await post(tenant, SEED_000);
      expect(res.status).toBe(201);
      const data = res.body.data;
      expect(data).toEqual({
        id: expect.stringMatching(UUID_PATTERN),
        tenant_id: tenant.id,
        name: 'Welcome Series',
        description: null,
        status: 'draft',
        schedule_start: null,
        schedule_end: null,
        timezone: null,
        calling_hours_start: null,
        calling_hours_end: null,
        calling_days: null,
        caller_id: null,
        sender_id: null,
        agent_group_id: null,
        dialing_mode: 'preview',
        max_abandon_rate: 0.03,
        retry_policy: {},
        amd_enabled: false,
        voicemail_message_url: null,
        record_calls: false,
        ring_timeout_seconds: 25,
        preview_timeout_seconds: 30,
        lines_per_agent: 1,
        wrap_up_seconds: 30,
        abandon_lockout_minutes: 4320,
        safe_harbour_message: null,
        amd_actions: {},
        subject_line: null,
        follow_up_interval_days: null,
        target_filter: 'ALL',
        stop_on_reply: true,
        steps_version: 1,
        total_leads: 0,
        calls_made: 0,
        calls_completed: 0,
        created_by: tenant.admin.id,
        started_at: null,
        paused_at: null,
        pause_reason: null,
        completed_at: null,
        cancelled_at: null,
        archived_at: null,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
        steps: [
          step(0, { type: 'WHATSAPP', content: 'Welcome aboard!' }),
          step(1, { type: 'DELAY', content: '24', delay_minutes: 1440 }),
          step(2, { type: 'WHATSAPP', content: 'How are you finding things?' }),
        ],
        stats: {
          total_leads: 0,
          by_status: {
            pending: 0,
            queued: 0,
            in_progress: 0,
            waiting: 0,
            replied: 0,
            completed: 0,
            failed: 0,
            stopped: 0,
            dnc: 0,
          },
        },
        leads: { items: [], total: 0, limit: 10, next: null },
      });
      const rows = await db.query(
        'SELECT position, type, content, delay_minutes FROM campaign_steps WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY position',
        [tenant.id, data.id],
      );
      expect(rows).toEqual([
        { position: 0, type: 'WHATSAPP', content: 'Welcome aboard!', delay_minutes: null },
        { position: 1, type: 'DELAY', content: '24', delay_minutes: 1440 },
        { position: 2, type: 'WHATSAPP', content: 'How are you finding things?', delay_minutes: null },
      ]);
    });

    it("creates seed 002's form (camelCase): one EMAIL step from the template, the follow-up interval, its leads enrolled", async () => {
      const t = await createTenant(api.http);
      const sara = await lead(t, { first_name: 'Sara', email: 'sara@example.com' });
      const omar = await lead(t, { first_name: 'Omar', email: 'omar@example.com' });
      const res = await post(t, {
        name: 'My First Outreach',
        subjectLine: 'Hello from MyStartup',
        followUpIntervalDays: 3,
        leadIds: [sara, omar, sara],
        template: 'Hi {{firstName}}, we noticed you...',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        status: 'draft',
        subject_line: 'Hello from MyStartup',
        follow_up_interval_days: 3,
        total_leads: 2,
        target_filter: null,
        steps: [
          step(0, {
            type: 'EMAIL',
            content: 'Hi {{firstName}}, we noticed you...',
            subject: null,
          }),
        ],
        stats: { total_leads: 2, by_status: { pending: 2 } },
        enrollment: {
          enrolled: 2,
          already_enrolled: 0,
          skipped: { do_not_contact: 0, opted_out: 0, no_address: 0, archived: 0, not_found: 0 },
        },
      });
      const enrollments = await db.query(
        `SELECT lead_id, status, current_step, attempts, next_action_at FROM campaign_enrollments
          WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id`,
        [t.id, res.body.data.id],
      );
      expect(enrollments).toEqual(
        [sara, omar].sort().map((id) => ({
          lead_id: id,
          status: 'pending',
          current_step: 0,
          attempts: 0,
          next_action_at: null,
        })),
      );
    });

    it('takes seed 002 with channel sms as one SMS step (no subject)', async () => {
      const data = await created(tenant, {
        name: 'By text',
        template: 'Hi {{first_name|there}}',
        channel: 'SMS',
      });
      expect(data.steps).toEqual([step(0, { type: 'SMS', content: 'Hi {{first_name|there}}' })]);
    });

    it("stores seed 001's settings and answers them snake_case", async () => {
      const [{ id: groupId }] = await db.query(
        `INSERT INTO agent_groups (tenant_id, name) VALUES ($1, $2) RETURNING id`,
        [tenant.id, `Group ${randomUUID()}`],
      );
      const data = await created(tenant, {
        name: 'Q1 2024 Outreach',
        description: 'Voice and text',
        caller_id: '+14155551234',
        sender_id: 'Acme',
        schedule_start: '2030-01-01T09:00:00Z',
        schedule_end: '2030-03-31T17:00:00Z',
        timezone: 'America/Los_Angeles',
        calling_hours_start: '09:00',
        calling_hours_end: '17:30:00',
        calling_days: [5, 1, 2],
        agent_group_id: groupId,
        dialing_mode: 'power',
        max_abandon_rate: 0.05,
        retry_policy: {
          max_attempts: 3,
          delay_minutes: 60,
          retry_on_no_answer: true,
          retry_on_busy: true,
          retry_on_voicemail: false,
        },
        amd_enabled: true,
        voicemail_message_url: 'https://example.com/voicemail.mp3',
        record_calls: true,
        stop_on_reply: false,
        steps: [{ type: 'sms', content: 'Hi' }],
      });
      expect(data).toMatchObject({
        description: 'Voice and text',
        caller_id: '+14155551234',
        sender_id: 'Acme',
        schedule_start: '2030-01-01T09:00:00.000Z',
        schedule_end: '2030-03-31T17:00:00.000Z',
        timezone: 'America/Los_Angeles',
        calling_hours_start: '09:00:00',
        calling_hours_end: '17:30:00',
        calling_days: [1, 2, 5],
        agent_group_id: groupId,
        dialing_mode: 'power',
        max_abandon_rate: 0.05,
        retry_policy: {
          max_attempts: 3,
          delay_minutes: 60,
          retry_on_no_answer: true,
          retry_on_busy: true,
          retry_on_voicemail: false,
        },
        amd_enabled: true,
        voicemail_message_url: 'https://example.com/voicemail.mp3',
        record_calls: true,
        stop_on_reply: false,
        steps: [step(0, { type: 'SMS', content: 'Hi' })],
      });
    });

    it('says a DELAY in hours (decimals), in minutes, or as { value, unit }; stores every step kind', async () => {
      const data = await created(tenant, {
        name: 'Delays',
        steps: [
          { type: 'DELAY', content: '1.5' },
          { type: 'EMAIL', content: 'Hello {{company|there}}', subject: 'Hi {{first_name}}' },
          { type: 'DELAY', delay_minutes: 45 },
          {
            type: 'WHATSAPP',
            template_name: 'welcome_v2',
            template_language: 'en_US',
            options: { variables: { '1': '{{first_name|there}}', '2': 10 } },
          },
          { type: 'DELAY', delay: { value: 2, unit: 'days' } },
          { type: 'DELAY', content: 24 },
          { type: 'CALL', content: 'Script', options: { call_mode: 'connect_agent' } },
          { type: 'AI_MESSAGE', content: 'Follow up', options: { channel: 'sms' } },
        ],
      });
      expect(data.steps).toEqual([
        step(0, { type: 'DELAY', content: '1.5', delay_minutes: 90 }),
        step(1, { type: 'EMAIL', content: 'Hello {{company|there}}', subject: 'Hi {{first_name}}' }),
        step(2, { type: 'DELAY', delay_minutes: 45 }),
        step(3, {
          type: 'WHATSAPP',
          template_name: 'welcome_v2',
          template_language: 'en_US',
          options: { variables: { '1': '{{first_name|there}}', '2': 10 } },
        }),
        step(4, { type: 'DELAY', delay_minutes: 2880 }),
        step(5, { type: 'DELAY', content: '24', delay_minutes: 1440 }),
        step(6, { type: 'CALL', content: 'Script', options: { call_mode: 'connect_agent' } }),
        step(7, { type: 'AI_MESSAGE', content: 'Follow up', options: { channel: 'sms' } }),
      ]);
    });

    it('accepts lead fields, their seed 002 spellings, explicit custom fields and custom fields some lead has', async () => {
      const t = await createTenant(api.http);
      await lead(t, { email: 'a@example.com', custom_fields: { industry: 'Dental' } });
      const data = await created(t, {
        name: 'Fields',
        subject_line: 'For {{industry|you}}',
        steps: [
          {
            type: 'SMS',
            content:
              'Hi {{first_name|there}} {{ lastName }} of {{company}}: {{industry}} {{custom_fields.size}} {{custom.role}}',
          },
        ],
      });
      expect(data.subject_line).toBe('For {{industry|you}}');
    });

    it('stores a target filter of lead filters (as GET /api/leads takes them)', async () => {
      const ownerId = tenant.admin.id;
      const data = await created(tenant, {
        name: 'Filtered',
        targetFilter: {
          status: 'qualified',
          source: 'website',
          tags: 'vip,q4',
          tag: 'hot',
          classification: 'interested',
          score_min: 50,
          score_max: '90',
          created_from: '2026-01-01T00:00:00Z',
          owner_id: ownerId,
          search: 'acme',
        },
        steps: [{ type: 'SMS', content: 'Hi' }],
      });
      expect(data.target_filter).toEqual({
        status: 'qualified',
        source: 'website',
        tags: ['vip', 'q4', 'hot'],
        classification: 'interested',
        score_min: 50,
        score_max: 90,
        created_from: '2026-01-01T00:00:00.000Z',
        owner_id: ownerId,
        search: 'acme',
      });
    });
  });
});
