import { ChannelConfigsService, VoiceChannelsService } from '@app/domain';
import { signMetaPayload, signTwilioRequest, TELEGRAM_SECRET_HEADER } from '@app/providers';
import { JobProducer, QUEUE_NAMES } from '@app/queues';
import { createTenant, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { PHOTO_UPDATE } from '../libs/providers/test/fixtures/telegram.fixtures';
import {
  changesWebhook,
  INBOUND_TEXT_WEBHOOK,
  PHONE_NUMBER_ID,
  STATUS_WEBHOOK,
} from '../libs/providers/test/fixtures/whatsapp-cloud.fixtures';
import type { Response, Test } from 'supertest';

/**
 * DESIGN §3 ("a 500 is a bug") on the routes outside the OpenAPI document, which anyone on the internet can reach:
 * the providers' webhooks, the email tracking links and the public media links. Unsigned requests in every odd
 * shape (no key, a key that is a list or 10 KB long, bodies that are not the provider's format, a signature header
 * that is garbage) are refused below 500; signed requests with one field at a time given an odd value (empty, NUL
 * bytes, 10 KB, numbers at the edge, a lone surrogate, a wrong type in JSON) are answered below 500 too. An error
 * is the envelope with a code.
 */

type Form = Record<string, string>;
type Json = Record<string, unknown>;

const ACCOUNT = `AC${'0'.repeat(32)}`;
const sid = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '')}`;

/** Odd values for a form field (all a form can carry is text). */
const ODD_TEXT = ['', 'a\u0000b', 'x'.repeat(10_000), '1e309', '-1', '\ud800', '2025-13-45T99:99:99Z'];

/** Odd values for a JSON leaf: a few odd texts, and every other type. */
const ODD_JSON: unknown[] = ['', 'x'.repeat(10_000), '1e309', null, -1, 1e308, true, [], {}, [null]];

const twilioMessaging = (): Form => ({
  MessageSid: sid('SM'),
  SmsSid: sid('SM'),
  AccountSid: ACCOUNT,
  From: '+15558675310',
  To: '+15005550006',
  Body: 'Yes, tell me more',
  NumMedia: '1',
  MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0',
  MediaContentType0: 'image/jpeg',
  ProfileName: 'Ada',
});

const twilioStatus = (): Form => ({
  MessageSid: sid('SM'),
  AccountSid: ACCOUNT,
  MessageStatus: 'undelivered',
  ErrorCode: '30003',
  To: '+15558675310',
  From: '+15005550006',
});

const callForm = (): Form => ({
  CallSid: sid('CA'),
  AccountSid: ACCOUNT,
  From: '+14155550000',
  To: '+14155552681',
  Direction: 'outbound-api',
  CallStatus: 'completed',
  CallDuration: '42',
  Timestamp: 'Tue, 10 Jun 2025 12:00:01 +0000',
  SequenceNumber: '3',
  AnsweredBy: 'human',
  MachineDetectionDuration: '2100',
});

const inboundCallForm = (): Form => ({ ...callForm(), Direction: 'inbound', CallStatus: 'ringing' });

const conferenceForm = (): Form => ({
  ConferenceSid: sid('CF'),
  FriendlyName: `call_${randomUUID()}`,
  AccountSid: ACCOUNT,
  StatusCallbackEvent: 'participant-join',
  CallSid: sid('CA'),
  Muted: 'false',
  Hold: 'false',
  SequenceNumber: '1',
  Timestamp: 'Tue, 10 Jun 2025 12:00:01 +0000',
});

const recordingForm = (): Form => ({
  AccountSid: ACCOUNT,
  CallSid: sid('CA'),
  RecordingSid: sid('RE'),
  RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE0',
  RecordingStatus: 'completed',
  RecordingDuration: '12',
  RecordingChannels: '1',
  RecordingStartTime: 'Tue, 10 Jun 2025 12:00:01 +0000',
  RecordingSource: 'DialVerb',
});

/** A WhatsApp Cloud change carrying a new message and a failed status, each with an id of its own. */
const whatsappEvent = (): Json =>
  changesWebhook({
    contacts: [{ profile: { name: 'Ada' }, wa_id: '16505551234' }],
    messages: [
      { ...INBOUND_TEXT_WEBHOOK.entry[0].changes[0].value.messages[0], id: `wamid.${randomUUID()}` },
    ],
    statuses: [{ ...STATUS_WEBHOOK.entry[0].changes[0].value.statuses[1], id: `wamid.${randomUUID()}` }],
  });

/** A Telegram Update with a photo and its caption (undefined fields left out, as JSON leaves them). */
const telegramUpdate = (): Json => JSON.parse(JSON.stringify(PHOTO_UPDATE)) as Json;

const inboundEmail = (): Json => ({
  from: 'Ada <ada@example.com>',
  to: 'inbox@example.com',
  subject: 'Re: hello',
  text: 'Yes please',
  html: '<p>Yes please</p>',
  message_id: `<${randomUUID()}@example.com>`,
  in_reply_to: '<earlier@example.com>',
  references: '<earlier@example.com>',
  headers: { 'X-Mailer': 'test' },
});

/** Every path to a leaf of a JSON value, as a list of keys. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return entries.flatMap(([k, v]) => [[...path, k], ...leaves(v, [...path, k])]);
  }
  return [];
}

/** A copy of `value` with the node at `path` replaced. */
function replacedAt(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (!path.length) return by;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Json) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replacedAt(copy[head], rest, by);
  return copy;
}

describe('hostile input on the webhooks and public links (e2e)', () => {
  // The worker applies what the walks record: an event it cannot apply is a fault too.
  const { api } = useTestApiAndWorker();
  let tenant: TestTenant;
  const faults: string[] = [];
  const APP_SECRET = 'meta-app-secret-hostile';
  let sms: { webhookKey: string; signingSecret: string };
  let voice: { webhookKey: string; signingSecret: string };
  let whatsapp: { webhookKey: string };
  let telegram: { webhookKey: string; signingSecret: string };
  let email: { webhookKey: string; signingSecret: string };

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const put = await api.http
      .put('/api/config/whatsapp')
      .set(tenant.admin.headers)
      .send({
        provider: 'whatsapp_cloud',
        credentials: {
          access_token: 'EAAG-test-token',
          phone_number_id: PHONE_NUMBER_ID,
          app_secret: APP_SECRET,
          verify_token: 'hostile-verify',
        },
      });
    expect(put.status).toBe(200);
    const channels = api.app.get(ChannelConfigsService);
    sms = await channels.resolve(tenant.id, 'sms');
    whatsapp = await channels.resolve(tenant.id, 'whatsapp');
    telegram = await channels.resolve(tenant.id, 'telegram');
    email = await channels.resolve(tenant.id, 'email');
    voice = await api.app.get(VoiceChannelsService).resolve(tenant.id);
  }, 60_000);
  beforeEach(() => faults.splice(0));

  /** Notes what is wrong with an answer: a 5xx, or a JSON error that is not the envelope. */
  async function check(what: string, request: Test): Promise<Response> {
    const res = await request;
    if (res.status >= 500) faults.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
    else if (res.status >= 400 && res.type === 'application/json') {
      const error = res.body?.error;
      if (
        res.body?.success !== false ||
        typeof error?.code !== 'string' ||
        typeof error?.message !== 'string'
      )
        faults.push(`${what}: ${res.status} without the error envelope: ${res.text.slice(0, 200)}`);
    }
    return res;
  }

  const url = (path: string) => `${api.config.publicBaseUrl}${path}`;

  /** Twilio's routes: the path (query included) and the form each is signed for. */
  const twilioRoutes = (): { path: string; form: () => Form; signer: () => { signingSecret: string } }[] => {
    const callId = randomUUID();
    const v = (route: string, query = `&callId=${callId}`) =>
      `/webhooks/twilio/${route}?key=${voice.webhookKey}${query}`;
    return [
      { path: `/webhooks/twilio/messaging?key=${sms.webhookKey}`, form: twilioMessaging, signer: () => sms },
      {
        path: `/webhooks/twilio/message-status?key=${sms.webhookKey}&messageId=${randomUUID()}`,
        form: twilioStatus,
        signer: () => sms,
      },
      { path: v('answer'), form: callForm, signer: () => voice },
      { path: v('agent-answer'), form: callForm, signer: () => voice },
      { path: v('voice-inbound', ''), form: inboundCallForm, signer: () => voice },
      { path: v('status'), form: callForm, signer: () => voice },
      { path: v('status', ''), form: callForm, signer: () => voice },
      { path: v('amd'), form: callForm, signer: () => voice },
      { path: v('conference-status'), form: conferenceForm, signer: () => voice },
      { path: v('recording'), form: recordingForm, signer: () => voice },
    ];
  };

  it('refuses unsigned and malformed requests to every webhook below 500', async () => {
    const routes = [
      '/webhooks/twilio/messaging',
      '/webhooks/twilio/message-status',
      '/webhooks/twilio/answer',
      '/webhooks/twilio/agent-answer',
      '/webhooks/twilio/voice-inbound',
      '/webhooks/twilio/status',
      '/webhooks/twilio/amd',
      '/webhooks/twilio/conference-status',
      '/webhooks/twilio/recording',
      '/webhooks/whatsapp',
      `/webhooks/telegram/${telegram.webhookKey}`,
      '/webhooks/telegram/x',
      '/webhooks/email-inbound',
      '/webhooks/email-inbound/mime',
    ];
    const keys = ['', 'x', 'A'.repeat(4000), 'a%00b', `${sms.webhookKey}&key=${voice.webhookKey}`, '%ZZ'];
    const bodies: { type: string; body: string }[] = [
      { type: 'application/json', body: '{"unclosed": ' },
      { type: 'application/json', body: '[1, 2, 3]' },
      { type: 'application/json', body: '"text"' },
      { type: 'application/json', body: 'null' },
      { type: 'application/json', body: JSON.stringify({ a: { b: { c: { d: { e: { f: { g: {} } } } } } } }) },
      { type: 'application/x-www-form-urlencoded', body: 'a[b][c]=1&a=2&%ZZ=%ZZ&CallSid=CA1&CallSid=CA2' },
      { type: 'application/x-www-form-urlencoded', body: '' },
      {
        type: 'multipart/form-data; boundary=xyz',
        body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
      },
      { type: 'text/plain', body: 'hello' },
      { type: 'application/xml', body: '<a><b/></a>' },
    ];
    for (const route of routes) {
      for (const key of keys) {
        const path = `${route}?key=${key}&callId=${key}&messageId=${key}&secret=${key}`;
        await check(
          `POST ${route} key=${key.slice(0, 20)}`,
          api.http.post(path).type('form').send({ a: '1' }),
        );
      }
      for (const { type, body } of bodies) {
        const path = `${route}?key=${sms.webhookKey}&secret=${email.signingSecret}`;
        await check(
          `POST ${route} ${type} ${body.slice(0, 30)}`,
          api.http
            .post(path)
            .set('Content-Type', type)
            .set('X-Twilio-Signature', 'garbage')
            .set('X-Hub-Signature-256', 'sha256=zz')
            .set(TELEGRAM_SECRET_HEADER, telegram.signingSecret)
            .send(body),
        );
      }
    }
    // Meta's verification handshake with every query shape.
    for (const query of [
      '',
      'hub.mode=subscribe',
      `key=${whatsapp.webhookKey}&hub.mode=subscribe&hub.verify_token=hostile-verify`,
      `key=${whatsapp.webhookKey}&hub.mode=subscribe&hub.verify_token=hostile-verify&hub.challenge=${'9'.repeat(5000)}`,
      `key=${whatsapp.webhookKey}&hub.mode=subscribe&hub.verify_token=hostile-verify&hub.challenge=<script>`,
      `key=${whatsapp.webhookKey}&key=x&hub.mode[a]=b&hub.verify_token=hostile-verify&hub.challenge=1`,
    ])
      await check(
        `GET /webhooks/whatsapp?${query.slice(0, 60)}`,
        api.http.get(`/webhooks/whatsapp?${query}`),
      );
    expect(faults).toEqual([]);
  }, 300_000);

  it('answers signed Twilio requests with one odd field at a time below 500', async () => {
    for (const route of twilioRoutes()) {
      const base = route.form();
      // The request as the provider sends it passes the signature check (else the walk would test only that).
      const signed = signTwilioRequest(route.signer().signingSecret, url(route.path), base);
      const plain = await api.http.post(route.path).type('form').set('X-Twilio-Signature', signed).send(base);
      expect({ route: route.path, status: plain.status }).toEqual({ route: route.path, status: 200 });
      for (const field of Object.keys(base)) {
        for (const value of ODD_TEXT) {
          const form = { ...route.form(), [field]: value };
          const signature = signTwilioRequest(route.signer().signingSecret, url(route.path), form);
          await check(
            `POST ${route.path.split('?')[0]} ${field}=${JSON.stringify(value.slice(0, 20))}`,
            api.http.post(route.path).type('form').set('X-Twilio-Signature', signature).send(form),
          );
        }
      }
    }
    expect(faults).toEqual([]);
  }, 300_000);

  it('answers signed WhatsApp, Telegram and inbound-email JSON with one odd leaf at a time below 500', async () => {
    const json: { name: string; make: () => Json; send: (body: Json) => Test }[] = [
      {
        name: 'whatsapp',
        make: whatsappEvent,
        send: (body) => {
          const raw = JSON.stringify(body);
          return api.http
            .post(`/webhooks/whatsapp?key=${whatsapp.webhookKey}`)
            .set('Content-Type', 'application/json')
            .set('X-Hub-Signature-256', signMetaPayload(APP_SECRET, raw))
            .send(raw);
        },
      },
      {
        name: 'telegram',
        make: telegramUpdate,
        send: (body) =>
          api.http
            .post(`/webhooks/telegram/${telegram.webhookKey}`)
            .set(TELEGRAM_SECRET_HEADER, telegram.signingSecret)
            .send(body),
      },
      {
        name: 'email-inbound',
        make: inboundEmail,
        send: (body) =>
          api.http
            .post(`/webhooks/email-inbound?key=${email.webhookKey}&secret=${email.signingSecret}`)
            .send(body),
      },
    ];
    for (const route of json) {
      expect({ route: route.name, status: (await route.send(route.make())).status }).toEqual({
        route: route.name,
        status: 200,
      });
      for (const path of leaves(route.make())) {
        for (const value of ODD_JSON) {
          const body = replacedAt(route.make(), path, value) as Json;
          await check(
            `POST ${route.name} ${path.join('.')}=${JSON.stringify(value)?.slice(0, 20)}`,
            route.send(body),
          );
        }
      }
    }
    expect(faults).toEqual([]);
  }, 300_000);

  it('answers the email tracking links and public media links, whatever they carry, below 500', async () => {
    const ids = ['x', randomUUID(), 'A'.repeat(5000), '%00', '..%2F..%2Fetc%2Fpasswd'];
    const tokens = ['', 'x', 'A'.repeat(5000), '%00', '%ZZ'];
    for (const id of ids)
      for (const t of tokens) {
        await check(
          `GET open ${id.slice(0, 10)} t=${t.slice(0, 10)}`,
          api.http.get(`/webhooks/email/open/${id}?t=${t}`),
        );
        await check(
          `GET click ${id.slice(0, 10)} t=${t.slice(0, 10)}`,
          api.http.get(`/webhooks/email/click/${id}?t=${t}&u=${encodeURIComponent('javascript:alert(1)')}`),
        );
        await check(
          `GET media ${id.slice(0, 10)} t=${t.slice(0, 10)}`,
          api.http.get(`/webhooks/media/${id}/f.pdf?t=${t}`),
        );
      }
    expect(faults).toEqual([]);
  }, 120_000);

  it('the worker applies every event the walks recorded: no job failed or waits for a retry', async () => {
    const jobs = api.app.get(JobProducer);
    const queues = QUEUE_NAMES.map((name) => jobs.queue(name));
    await waitFor(
      async () => {
        const counts = await Promise.all(queues.map((q) => q.getJobCounts()));
        return counts.every((c) => c.waiting === 0 && c.active === 0);
      },
      120_000,
      'the queues idle',
    );
    const failures: string[] = [];
    // This file's tenant's jobs: the run's other files share the queues, and their jobs are theirs to judge.
    const ours = (job: { data: unknown }) => (job.data as { tenant_id?: string }).tenant_id === tenant.id;
    for (const queue of queues) {
      const retried = (await queue.getDelayed()).filter((j) => j.attemptsMade > 0);
      for (const job of [...(await queue.getFailed()), ...retried].filter(ours))
        failures.push(
          `${queue.name} ${job.name} ${JSON.stringify(job.data).slice(0, 200)}: ${job.failedReason}`,
        );
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
