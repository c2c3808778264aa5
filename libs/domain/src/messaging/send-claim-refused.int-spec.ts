import { JobProducer, QueueName } from '@app/queues';
import { createTenant, TestTenant, useTestApi, zoneInDaytime } from '@app/testing';
import { uuidv7 } from 'uuidv7';
import { MessageSenderService } from './message-sender.service';
import { MessagesRepository } from './messages.repository';
import { insertOutboundSms } from './send-messages.fixture';

/**
 * A send whose claim is refused (the lead opted out, or a human took the conversation over, after the sender's
 * checks, while the send waited for its slot) is decided again at once: it ends `failed` with why, as those checks
 * would have ended it, instead of staying `queued` with no job until the sweep of lost enqueues (15 minutes) found it.
 * The job is run here as a worker would run it, twice: the send, then the retry it queued.
 */
describe('a send whose claim is refused (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });
  afterEach(() => jest.restoreAllMocks());

  async function queued(sender: 'agent' | 'ai') {
    phone += 1;
    const id = await insertOutboundSms(api.db, t.id, {
      key: `refused-${uuidv7()}`,
      phone: `+1415555${String(6300 + phone).padStart(4, '0')}`,
      sender,
    });
    const [m] = await api.db.query(`SELECT lead_id, conversation_id FROM messages WHERE id = $1`, [id]);
    // The AI answers within 08:00-21:00 in the lead's local time.
    await api.db.query(`UPDATE leads SET timezone = $2 WHERE id = $1`, [m.lead_id, zoneInDaytime()]);
    return { id, leadId: m.lead_id as string, conversationId: m.conversation_id as string };
  }

  /** The next claim, preceded by what `meanwhile` commits: as if it came while the send waited for its slot. */
  function beforeClaim(meanwhile: () => Promise<unknown>) {
    const repo = api.app.get(MessagesRepository);
    const claim = repo.claim.bind(repo);
    jest.spyOn(repo, 'claim').mockImplementationOnce(async (...args) => {
      await meanwhile();
      return claim(...args);
    });
  }

  const send = (id: string) => api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
  const row = async (id: string) =>
    (await api.db.query(`SELECT status, error_code FROM messages WHERE id = $1`, [id]))[0] as {
      status: string;
      error_code: string | null;
    };
  const jobsOf = async (id: string) =>
    (await api.app.get(JobProducer).queue(QueueName.OutboundMessages).getJobs(['delayed', 'waiting'])).filter(
      (j) => j?.data.message_id === id,
    );

  it("fails an agent's message whose lead opted out just before its claim, with the policy's reason", async () => {
    const m = await queued('agent');
    beforeClaim(() =>
      api.db.query(`UPDATE leads SET opted_out_channels = '{sms}' WHERE id = $1`, [m.leadId]),
    );
    await send(m.id);
    expect(await row(m.id)).toEqual({ status: 'queued', error_code: null });
    expect(await jobsOf(m.id)).toHaveLength(1);

    await send(m.id);
    expect(await row(m.id)).toEqual({ status: 'failed', error_code: 'policy:opted_out' });
  });

  it("fails the AI's answer when an agent wrote in its conversation just before its claim", async () => {
    const m = await queued('ai');
    beforeClaim(() =>
      api.db.query(
        `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
           idempotency_key, content)
         VALUES ($1, $2, $3, $4, 'outbound', 'sms', 'agent', 'simulator', 'sent', $5, 'I will take it from here')`,
        [uuidv7(), t.id, m.conversationId, m.leadId, `agent-${uuidv7()}`],
      ),
    );
    await send(m.id);
    expect(await row(m.id)).toEqual({ status: 'queued', error_code: null });
    expect(await jobsOf(m.id)).toHaveLength(1);

    await send(m.id);
    expect(await row(m.id)).toEqual({ status: 'failed', error_code: 'ai:human_took_over' });
  });
});
