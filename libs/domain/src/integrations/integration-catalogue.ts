import { FieldIssue, INPUT_ALIASES, invalidInput, maskSecret } from '@app/common';
import { INTEGRATION_DATA_TYPES, IntegrationDataType, IntegrationType } from '@app/db';
import type { EgressPolicy } from '@app/providers';

/** One entry of the catalogue every tenant sees. */
export interface CatalogueEntry {
  id: IntegrationType;
  name: string;
  category: string;
  description: string;
  /** The credentials it takes: required ones first. */
  credentials: { required: readonly string[]; optional: readonly string[] };
  /** The config fields it takes besides `sync_frequency` and `data_types`. */
  config: readonly string[];
}

export const INTEGRATION_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'slack',
    name: 'Slack',
    category: 'notifications',
    description:
      "Posts the team's events (a qualified lead, a message from a lead, an import finished) to a Slack channel " +
      'through an incoming-webhook URL.',
    credentials: { required: ['webhook_url'], optional: [] },
    config: ['channel'],
  },
  {
    id: 'zapier',
    name: 'Zapier',
    category: 'automation',
    description:
      'POSTs the same events as JSON `{ event, data_type, title, text, data, timestamp }` to a Zapier catch hook ' +
      '(or any HTTPS endpoint: Make, n8n...); an `api_key`, when given, is sent as `Authorization: Bearer`.',
    credentials: { required: ['webhook_url'], optional: ['api_key'] },
    config: [],
  },
];

/** The only sync frequency: events are posted as they happen. */
export const SYNC_FREQUENCIES = ['real-time'] as const;

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return INTEGRATION_CATALOGUE.find((e) => e.id === id);
}

/** The credentials of a connection, as sealed. */
export interface IntegrationCredentials {
  webhook_url: string;
  api_key?: string;
}

/** What a connect stores, once checked. */
export interface CheckedConnection {
  credentials: IntegrationCredentials;
  hint: Record<string, string>;
  dataTypes: IntegrationDataType[];
  config: Record<string, unknown>;
}

/**
 * Checks a connect's `credentials` and `config` for the entry (each field in our spelling or the seed's camelCase),
 * refusing, field by field, anything missing, unknown or wrong. The webhook URL must be HTTPS (plain HTTP only to a
 * host the operator allows, EGRESS_ALLOWED), hold no user name or password, and pass the egress policy.
 */
export function checkConnection(
  entry: CatalogueEntry,
  rawCredentials: unknown,
  rawConfig: unknown,
  egress: EgressPolicy,
): CheckedConnection {
  const issues: FieldIssue[] = [];
  const isObject =
    rawCredentials !== null && typeof rawCredentials === 'object' && !Array.isArray(rawCredentials);
  const credentials = readObject(rawCredentials, 'credentials', issues);
  const config = readObject(rawConfig ?? {}, 'config', issues);
  const known = [...entry.credentials.required, ...entry.credentials.optional];
  for (const key of Object.keys(credentials))
    if (!known.includes(key))
      issues.push({ field: `credentials.${key}`, reason: `is not taken by ${entry.name}` });
  for (const key of entry.credentials.required)
    if (isObject && credentials[key] === undefined)
      issues.push({ field: `credentials.${key}`, reason: 'is required' });
  const url = credentials.webhook_url;
  if (url !== undefined) {
    const refused = isMasked(url)
      ? 'is masked as GET shows it, with nothing stored to keep: send the whole URL'
      : urlRefusal(url, egress);
    if (refused) issues.push({ field: 'credentials.webhook_url', reason: refused });
  }
  const apiKey = credentials.api_key;
  if (isMasked(apiKey))
    issues.push({
      field: 'credentials.api_key',
      reason: 'is masked as GET shows it, with nothing stored to keep',
    });
  else if (apiKey !== undefined && (typeof apiKey !== 'string' || !/^[\x21-\x7e]{1,500}$/.test(apiKey)))
    issues.push({
      field: 'credentials.api_key',
      reason: 'must be 1-500 printable characters without spaces',
    });

  const allowed = ['sync_frequency', 'data_types', ...entry.config];
  for (const key of Object.keys(config))
    if (!allowed.includes(key))
      issues.push({ field: `config.${key}`, reason: `is not taken by ${entry.name}` });
  const frequency = config.sync_frequency ?? 'real-time';
  if (!(SYNC_FREQUENCIES as readonly unknown[]).includes(frequency))
    issues.push({ field: 'config.sync_frequency', reason: `must be one of ${SYNC_FREQUENCIES.join(', ')}` });
  const dataTypes = config.data_types ?? [...INTEGRATION_DATA_TYPES];
  if (
    !Array.isArray(dataTypes) ||
    !dataTypes.length ||
    dataTypes.some((t) => !(INTEGRATION_DATA_TYPES as readonly unknown[]).includes(t))
  )
    issues.push({
      field: 'config.data_types',
      reason: `must be a non-empty list of ${INTEGRATION_DATA_TYPES.join(', ')}`,
    });
  const channel = config.channel;
  if (channel !== undefined && (typeof channel !== 'string' || !/^[#@]?[\w.-]{1,80}$/.test(channel)))
    issues.push({ field: 'config.channel', reason: 'must be a channel name such as #sales' });
  if (issues.length) throw invalidInput(issues);

  const checked: IntegrationCredentials = { webhook_url: url as string };
  const hint: Record<string, string> = { webhook_url: maskUrl(url as string) };
  if (typeof apiKey === 'string') {
    checked.api_key = apiKey;
    hint.api_key = maskSecret(apiKey);
  }
  return {
    credentials: checked,
    hint,
    dataTypes: [...new Set(dataTypes as IntegrationDataType[])],
    config: { sync_frequency: frequency, ...(channel !== undefined && { channel }) },
  };
}

/**
 * A reconnect's credentials with what it sent back as GET shows it (the masked hint of a stored secret, e.g. to
 * change only `config`) read as the stored value, as channel configs keep a masked secret; `credentials` left out
 * keeps them all. Anything else sent is taken as written.
 */
export function keptCredentials(
  sent: unknown,
  hint: Record<string, string>,
  stored: Record<string, string>,
): unknown {
  if (sent === undefined) return stored;
  if (sent === null || typeof sent !== 'object' || Array.isArray(sent)) return sent;
  return Object.fromEntries(
    Object.entries(sent as Record<string, unknown>).map(([key, value]) => {
      const ours = INPUT_ALIASES[key] ?? key;
      return [
        key,
        hint[ours] !== undefined && value === hint[ours] && stored[ours] !== undefined ? stored[ours] : value,
      ];
    }),
  );
}

/** A credential as GET shows it (maskSecret's eight asterisks): never a secret of its own. */
function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.includes('********');
}

/** A webhook URL as the API shows it: its origin and its last four characters (the rest is the secret). */
export function maskUrl(url: string): string {
  return `${new URL(url).origin}/${maskSecret(url)}`;
}

function urlRefusal(url: unknown, egress: EgressPolicy): string | null {
  if (typeof url !== 'string' || !url.length || url.length > 2000)
    return 'must be an absolute https URL of at most 2000 characters';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute https URL';
  }
  if (
    parsed.protocol !== 'https:' &&
    !(parsed.protocol === 'http:' && egress.operatorAllows(parsed.hostname))
  )
    return 'must be an https URL (such as https://hooks.slack.com/services/...)';
  if (parsed.username || parsed.password) return 'must not hold a user name or password';
  return egress.refusal(url);
}

/** A free-form object of the body, its keys read in our spelling (a seed's camelCase one too, but not both). */
function readObject(value: unknown, path: string, issues: FieldIssue[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ field: path, reason: 'must be an object' });
    return {};
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, val] of Object.entries(value)) {
    const canonical = INPUT_ALIASES[key] ?? key;
    if (canonical in out)
      issues.push({ field: `${path}.${canonical}`, reason: 'was sent in two spellings: send one' });
    else out[canonical] = val;
  }
  return out;
}
