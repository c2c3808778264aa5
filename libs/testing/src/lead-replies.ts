import type { ResolvedChannel } from '@app/domain';
import { SIMULATOR_DEFAULT_SENDERS, simulatorRequest, type MessagingChannel } from '@app/providers';
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';

/**
 * The lead writes to the tenant on `channel`: the webhook request the simulator would make (same URL, body and
 * signature, from the simulator's callback builders and the channel's signing secret), posted to the test API.
 */
export async function postLeadReply(
  http: TestAgent,
  resolved: ResolvedChannel,
  options: { publicBaseUrl: string; seed: string; from: string; body: string; now?: Date },
) {
  const channel: MessagingChannel = resolved.channel;
  const request = simulatorRequest(
    { kind: 'reply', scenario: 'interested', body: options.body },
    {
      tenant_id: resolved.tenantId,
      channel,
      // A fresh id per reply: the reply's provider id (and update id) derive from it.
      provider_message_id: `reply-${randomUUID()}`,
      message_id: randomUUID(),
      to: options.from,
      from: SIMULATOR_DEFAULT_SENDERS[channel],
      subject: channel === 'email' ? 'Hello' : undefined,
      status: 'delivered',
      sent_at: (options.now ?? new Date()).toISOString(),
    },
    {
      publicBaseUrl: options.publicBaseUrl,
      webhookKey: resolved.webhookKey,
      signingSecret: resolved.signingSecret,
      seed: options.seed,
    },
    options.now ?? new Date(),
  );
  const url = new URL(request.url);
  return http.post(`${url.pathname}${url.search}`).set(request.headers).send(request.body);
}
