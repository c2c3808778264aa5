import { WebhookEndpointEntity } from '@app/db';
import type { WebhookEndpointChange } from './webhook-endpoints.repository';
import type { WebhookEndpointInput } from './webhook-endpoints.service';

/**
 * What a PATCH changes of an endpoint, its fields that differ only (null: nothing). Enabling clears the failure
 * count and why it was disabled; disabling says a user did it.
 */
export function endpointChange(
  endpoint: WebhookEndpointEntity,
  input: WebhookEndpointInput,
  now: Date,
): WebhookEndpointChange | null {
  const change: WebhookEndpointChange = {};
  if (input.url !== undefined && input.url !== endpoint.url) change.url = input.url;
  if (input.events !== undefined) {
    const events = [...new Set(input.events)];
    if (!sameSet(events, endpoint.events)) change.events = events;
  }
  if (input.description !== undefined && (input.description || null) !== endpoint.description)
    change.description = input.description || null;
  if (input.enabled === true && !endpoint.enabled)
    Object.assign(change, { enabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
  if (input.enabled === false && endpoint.enabled)
    Object.assign(change, { enabled: false, disabledAt: now, disabledReason: 'disabled by a user' });
  return Object.keys(change).length ? change : null;
}

/**
 * The audit entry of a change: which fields changed, and the URL's host before and after (never its path or query,
 * which may carry a receiver's token). Redirecting every event elsewhere is the change an auditor looks for.
 */
export function changeEntry(
  before: WebhookEndpointEntity,
  after: WebhookEndpointEntity,
  change: WebhookEndpointChange,
): { type: string; description: string; data: Record<string, unknown> } {
  const fields = (['url', 'events', 'description', 'enabled'] as const).filter((f) => f in change);
  const from = new URL(before.url).host;
  const to = new URL(after.url).host;
  const said = fields.map((f) =>
    f === 'url'
      ? `its URL to ${to === from ? 'another on the same host' : to}`
      : f === 'events'
        ? `its events to ${after.events.join(', ')}`
        : f === 'description'
          ? 'its description'
          : after.enabled
            ? 'enabled'
            : 'disabled',
  );
  return {
    type: 'webhook.updated',
    description: `Webhook to ${from} changed: ${said.join('; ')}`,
    data: {
      webhook_id: after.id,
      changed: fields,
      ...(change.url !== undefined && { url_host: { from, to } }),
      ...(change.events !== undefined && { events: { from: before.events, to: after.events } }),
      ...(change.enabled !== undefined && { enabled: after.enabled }),
    },
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
