import { ASYNC_COMMIT } from '@app/db';
import { leadHeldByHuman } from './human-hold';
import { STATUS_COLUMNS } from './messages.repository';

/**
 * Writes made with many messages in their statement (OutboundMessagesService.sendMovingMany): CTEs reading the
 * tenant `$1` and their own parameters `$2`, `$3`..., of which `held(n)` answers the sends whose row the statement
 * holds and `moved(n)` those it moved (`n`, a send's 1-based place among them).
 */
export interface RowsWrite {
  sql: string;
  params: unknown[];
}

/** One automated message's row as the statement takes it (a jsonb_to_recordset record); `n` its place. */
export interface MovingSendRow {
  n: number;
  id: string;
  lead_id: string;
  channel: string;
  campaign_id: string | null;
  step_id: string | null;
  sender: string;
  sender_user_id: string | null;
  content: string | null;
  subject: string | null;
  template: unknown;
  media_urls: string[];
  provider: string;
  idempotency_key: string;
  external_thread_id: string | null;
  ai_usage: unknown;
  attachments: unknown[];
}

const SEND_RECORD = `n int, id uuid, lead_id uuid, channel varchar, campaign_id uuid, step_id uuid, sender varchar,
  sender_user_id uuid, content text, subject varchar, template jsonb, media_urls text[], provider varchar,
  idempotency_key varchar, external_thread_id varchar, ai_usage jsonb, attachments jsonb`;

/**
 * The statement of sendMovingMany (`$1` the tenant, `$2` the rows as jsonb, `$3` their time, then the writes'
 * parameters): the writes, then each moved send's conversation (made, or moved on: an automated message leaves how
 * it stands as it is, and a new one starts with humans when a human holds the lead, as outboundConversationSql) and
 * its message. Answers per send its place, whether its row was held and moved, and its message's status columns
 * (null when its key was taken).
 */
export function movingSendsSql(moves: RowsWrite): string {
  const movesSql = moves.sql.replace(/\$(\d+)/g, (whole, n: string) =>
    n === '1' ? whole : `$${Number(n) + 2}`,
  );
  return `WITH sends AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($2::jsonb) AS s(${SEND_RECORD})),
     ${movesSql},
     conversation AS (
       INSERT INTO conversations AS c (tenant_id, lead_id, channel, last_message_at, ai_mode)
       SELECT $1::uuid, s.lead_id, s.channel, $3::timestamptz,
              CASE WHEN ${leadHeldByHuman('s.lead_id')} THEN 'human' ELSE 'auto' END
         FROM sends s WHERE s.n IN (SELECT n FROM moved)
       ON CONFLICT (tenant_id, lead_id, channel) DO UPDATE
         SET last_message_at = GREATEST(c.last_message_at, EXCLUDED.last_message_at), updated_at = now()
       WHERE c.tenant_id = $1
       RETURNING id, lead_id, channel),
     message AS (
       INSERT INTO messages (id, tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
         sender_user_id, content, subject, template, media_urls, provider, status, idempotency_key, external_thread_id,
         ai_usage, attachments, created_at, updated_at)
       SELECT s.id, $1, c.id, s.lead_id, s.campaign_id, s.step_id, 'outbound', s.channel, s.sender, s.sender_user_id,
              s.content, s.subject, s.template, s.media_urls, s.provider, 'queued', s.idempotency_key,
              s.external_thread_id, s.ai_usage, s.attachments, $3, $3
         FROM sends s JOIN conversation c ON c.lead_id = s.lead_id AND c.channel = s.channel
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING ${STATUS_COLUMNS})
     SELECT s.n, s.n IN (SELECT n FROM held) AS held, s.n IN (SELECT n FROM moved) AS moved, message.*
       FROM sends s LEFT JOIN message ON message.id = s.id
      WHERE ${ASYNC_COMMIT}
      ORDER BY s.n`;
}
