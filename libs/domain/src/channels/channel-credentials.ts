import { E164, FieldIssue, invalidInput, maskSecret } from '@app/common';
import type { Channel, ChannelProvider } from '@app/db';
import { isValidTelegramSecretToken } from '@app/providers';

/** Which providers may carry each channel (DESIGN §3 key shapes). */
export const CHANNEL_PROVIDER_CHOICES: Record<Channel, readonly ChannelProvider[]> = {
  sms: ['twilio', 'simulator'],
  whatsapp: ['twilio', 'whatsapp_cloud', 'simulator'],
  telegram: ['telegram', 'simulator'],
  email: ['smtp', 'simulator'],
  voice: ['twilio', 'simulator'],
};

interface FieldSpec {
  type: 'string' | 'number' | 'boolean';
  required?: boolean;
  /** Never shown back: masked with maskSecret. */
  secret?: boolean;
  /**
   * The field naming whom the secret is for (the server it is sent to, the account it signs for): a stored secret is
   * kept only while that field keeps its stored value, never handed to another server or account.
   */
  keptWith?: string;
  check?: (value: never) => string | undefined;
}

const matches = (pattern: RegExp, reason: string) => (value: string) =>
  pattern.test(value) ? undefined : reason;

/** What Twilio sends an SMS from: a number, or an alphanumeric sender id. */
export const TWILIO_SMS_SENDER = /^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/;

/** Every credential each vendor takes; anything else is refused. The simulator takes none. */
export const PROVIDER_CREDENTIALS: Record<ChannelProvider, Record<string, FieldSpec>> = {
  twilio: {
    account_sid: {
      type: 'string',
      required: true,
      check: matches(/^AC[0-9a-fA-F]{32}$/, 'must be AC and 32 hex characters'),
    },
    auth_token: { type: 'string', required: true, secret: true, keptWith: 'account_sid' },
    from: {
      type: 'string',
      check: matches(TWILIO_SMS_SENDER, 'must be an E.164 number or an alphanumeric sender id'),
    },
    whatsapp_from: { type: 'string', check: matches(E164, 'must be an E.164 number') },
    messaging_service_sid: {
      type: 'string',
      check: matches(/^MG[0-9a-fA-F]{32}$/, 'must be MG and 32 hex characters'),
    },
  },
  whatsapp_cloud: {
    access_token: { type: 'string', required: true, secret: true },
    phone_number_id: { type: 'string', required: true, check: matches(/^\d{5,20}$/, 'must be digits') },
    app_secret: { type: 'string', required: true, secret: true },
    verify_token: { type: 'string', required: true, secret: true },
    graph_api_version: {
      type: 'string',
      check: matches(/^v\d{1,3}\.0$/, 'must be a Graph API version such as v25.0'),
    },
  },
  telegram: {
    bot_token: {
      type: 'string',
      required: true,
      secret: true,
      check: matches(
        /^\d{3,20}:[A-Za-z0-9_-]{20,}$/,
        'must be a BotFather token (digits, a colon, the secret)',
      ),
    },
    secret_token: {
      type: 'string',
      required: true,
      secret: true,
      check: (v: string) => (isValidTelegramSecretToken(v) ? undefined : 'must be 1-256 of A-Z a-z 0-9 _ -'),
    },
  },
  smtp: {
    host: { type: 'string', required: true, check: matches(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name') },
    port: {
      type: 'number',
      required: true,
      check: (v: number) =>
        Number.isInteger(v) && v >= 1 && v <= 65535 ? undefined : 'must be a port (1-65535)',
    },
    secure: { type: 'boolean', required: true },
    user: { type: 'string' },
    pass: { type: 'string', secret: true, keptWith: 'host' },
    from: {
      type: 'string',
      required: true,
      check: matches(/^(.*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'must be an email address'),
    },
    inbound_secret: { type: 'string', required: true, secret: true },
    // Mailgun's HTTP webhook signing key: when set, every inbound post must carry Mailgun's signature.
    mailgun_signing_key: { type: 'string', secret: true },
  },
  simulator: {},
};

/** The secret a provider signs its webhooks with (the simulator's is generated: `signing_secret`). */
export function signingSecretOf(provider: ChannelProvider, credentials: Record<string, unknown>): string {
  const field: Record<ChannelProvider, string> = {
    twilio: 'auth_token',
    whatsapp_cloud: 'app_secret',
    telegram: 'secret_token',
    smtp: 'inbound_secret',
    simulator: 'signing_secret',
  };
  const value = credentials[field[provider]];
  return typeof value === 'string' ? value : '';
}

const MASKED = /^\*{8}/;

/**
 * Checks a channel config's credentials for its provider and answers them clean. A secret that is left out, or
 * sent back masked as GET showed it, keeps its stored value when the provider is unchanged (`stored`). A Twilio
 * config needs a sender: `from` or `messaging_service_sid`, or for WhatsApp its own number (`whatsapp_from`).
 */
export function validateCredentials(
  channel: Channel,
  provider: ChannelProvider,
  input: Record<string, unknown>,
  stored: Record<string, unknown> | null,
): Record<string, unknown> {
  const specs = PROVIDER_CREDENTIALS[provider];
  const issues: FieldIssue[] = [];
  const clean: Record<string, unknown> = {};
  for (const name of Object.keys(input)) {
    if (!specs[name])
      issues.push({ field: `credentials.${name}`, reason: `is not a credential of ${provider}` });
  }
  for (const [name, spec] of Object.entries(specs)) {
    let value = input[name];
    if (typeof value === 'string') value = value.trim();
    if (spec.secret && (value === undefined || (typeof value === 'string' && MASKED.test(value)))) {
      const owner = spec.keptWith;
      // A bad `owner` is named on its own; a good new one needs the secret sent with it.
      if (
        owner &&
        stored?.[name] !== undefined &&
        !sameValue(input[owner], stored[owner]) &&
        !issues.some((issue) => issue.field === `credentials.${owner}`)
      ) {
        issues.push({
          field: `credentials.${name}`,
          reason: `must be sent again with a new ${owner}: the stored one is only used with the ${owner} it was given for`,
        });
        continue;
      }
      value = stored?.[name] ?? (value === undefined ? undefined : '');
    }
    if (value === undefined || value === null || value === '') {
      if (spec.required) issues.push({ field: `credentials.${name}`, reason: 'is required' });
      continue;
    }
    if (typeof value !== spec.type) {
      issues.push({ field: `credentials.${name}`, reason: `must be a ${spec.type}` });
      continue;
    }
    if (typeof value === 'string' && value.length > 1000) {
      issues.push({ field: `credentials.${name}`, reason: 'must be at most 1000 characters' });
      continue;
    }
    const problem = spec.check?.(value as never);
    if (problem) issues.push({ field: `credentials.${name}`, reason: problem });
    else clean[name] = value;
  }
  const sender = clean.from || clean.messaging_service_sid || (channel === 'whatsapp' && clean.whatsapp_from);
  if (provider === 'twilio' && !sender && !issues.length) {
    const reason =
      channel === 'whatsapp' ? 'or whatsapp_from or messaging_service_sid' : 'or messaging_service_sid';
    issues.push({ field: 'credentials.from', reason: `${reason} is required` });
  }
  if (issues.length) throw invalidInput(issues);
  return clean;
}

/** An identifier as sent and as stored are the same (host names in any case). */
function sameValue(sent: unknown, stored: unknown): boolean {
  return (
    typeof sent === 'string' &&
    typeof stored === 'string' &&
    sent.trim().toLowerCase() === stored.trim().toLowerCase()
  );
}

/** What the API shows of stored credentials: identifiers as they are, secrets masked. */
export function maskCredentials(
  provider: ChannelProvider,
  credentials: Record<string, unknown>,
): Record<string, unknown> {
  const specs = PROVIDER_CREDENTIALS[provider];
  return Object.fromEntries(
    Object.entries(credentials)
      .filter(([name]) => specs[name])
      .map(([name, value]) => [
        name,
        specs[name].secret && typeof value === 'string' ? maskSecret(value) : value,
      ]),
  );
}
