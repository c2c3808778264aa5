import type { IntegrationType } from '@app/db';
import type { IntegrationCredentials } from './integration-catalogue';
import type { IntegrationContent } from './integration-content';

/** The event an integration's data type names in what it is sent. */
export const INTEGRATION_EVENTS: Record<string, string> = {
  leads: 'lead.qualified',
  messages: 'message.received',
  imports: 'import.finished',
};

/** Slack's mrkdwn escapes: a lead's words never make a link or a mention. */
const slackText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The POST of one event to an integration: its body and headers. */
export function integrationRequest(
  type: IntegrationType,
  credentials: IntegrationCredentials,
  config: Record<string, unknown>,
  dataType: string,
  content: IntegrationContent,
  occurredAt: string,
): { url: string; body: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'Reachline-Integrations/1.0',
  };
  if (type === 'slack') {
    const body = {
      text: `*${slackText(content.title)}*\n${slackText(content.text)}`,
      ...(typeof config.channel === 'string' && { channel: config.channel }),
    };
    return { url: credentials.webhook_url, body: JSON.stringify(body), headers };
  }
  if (credentials.api_key) headers.Authorization = `Bearer ${credentials.api_key}`;
  const body = {
    event: INTEGRATION_EVENTS[dataType] ?? dataType,
    data_type: dataType,
    title: content.title,
    text: content.text,
    data: content.data,
    timestamp: occurredAt,
  };
  return { url: credentials.webhook_url, body: JSON.stringify(body), headers };
}
