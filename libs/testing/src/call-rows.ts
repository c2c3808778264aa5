import type { DataSource } from 'typeorm';

/** A call's columns as a test sets them (snake_case, as in the table); the rest take their defaults. */
export interface CallRowFields {
  /** Chosen by the test when it must name the row before it exists (a fault set up first); else generated. */
  id?: string;
  campaign_id?: string | null;
  lead_id?: string | null;
  agent_id?: string | null;
  parent_call_id?: string | null;
  enrollment_id?: string | null;
  attempt?: number | null;
  kind?: 'dialer' | 'broadcast' | 'agent_leg' | 'inbound' | 'manual';
  direction?: 'inbound' | 'outbound';
  call_sid?: string | null;
  conference_sid?: string | null;
  from_number?: string | null;
  to_number?: string | null;
  contact_name?: string | null;
  status?: string;
  answered_by?: string | null;
  disposition?: string | null;
  start_time?: Date | string | null;
  answer_time?: Date | string | null;
  connected_at?: Date | string | null;
  end_time?: Date | string | null;
  duration?: number | null;
  talk_time?: number | null;
  cost?: number | null;
  notes?: string | null;
  metadata?: Record<string, unknown>;
  created_at?: Date | string;
}

/**
 * A call written straight into Postgres (a dialed call's row as the dialer leaves it), for tests of what reads
 * calls apart from what makes them. Defaults: an outbound dialer call, completed.
 */
export async function insertCallRow(
  db: DataSource,
  tenantId: string,
  fields: CallRowFields = {},
): Promise<string> {
  const row: Record<string, unknown> = {
    kind: 'dialer',
    direction: 'outbound',
    status: 'completed',
    ...fields,
    tenant_id: tenantId,
  };
  const columns = Object.keys(row);
  const [{ id }] = (await db.query(
    `INSERT INTO calls (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    columns.map((c) => row[c]),
  )) as { id: string }[];
  return id;
}

/** An agent of the tenant (optionally a user's profile, in a group), written straight into Postgres. */
export async function insertAgentRow(
  db: DataSource,
  tenantId: string,
  fields: { name?: string; user_id?: string | null; agent_group_id?: string | null } = {},
): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO agents (tenant_id, name, user_id, agent_group_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [tenantId, fields.name ?? 'Agent', fields.user_id ?? null, fields.agent_group_id ?? null],
  )) as { id: string }[];
  return id;
}
