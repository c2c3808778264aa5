import type { SqlRunner, WorkflowNode } from '@app/db';

/** The node a step job runs, and the run it belongs to. */
export interface NodeContext {
  tenantId: string;
  workflowId: string;
  runId: string;
  /** Null once the lead was erased (its runs are stopped then too). */
  leadId: string | null;
  /** The workflows whose runs' changes started this run (WorkflowRunEntity.triggerChain). */
  chain: string[];
  node: WorkflowNode;
  now: Date;
}

/**
 * What a node did. `write` runs in the transaction that records the step's end, under the run's lock and only when
 * no other job ended the step first (what must happen at most once and has no key of its own: a notification);
 * what it answers runs after that commits (and is waited for).
 */
export type NodeResult =
  | {
      status: 'done';
      outcome: string;
      detail?: Record<string, unknown>;
      branch?: string;
      /**
       * Locks the rows `write` changes that other writers lock before a run's (an erasure locks its lead, then the
       * lead's runs): taken in the step's transaction before the run's lock.
       */
      lock?: (tx: SqlRunner) => Promise<void>;
      write?: (tx: SqlRunner) => Promise<(() => void | Promise<void>) | void>;
    }
  | { status: 'waiting'; outcome: string; resumeAt: Date; detail?: Record<string, unknown> }
  | { status: 'failed'; outcome: string; error: string; detail?: Record<string, unknown> };

export const failed = (outcome: string, error: string, detail?: Record<string, unknown>): NodeResult => ({
  status: 'failed',
  outcome,
  error,
  detail,
});

/** The lead as templates, conditions and updates read it (a live lead of the tenant), or null. */
export const LEAD_FOR_NODES_SQL = `SELECT id, first_name, last_name, email, phone_normalized AS phone, company, position,
         source, type, country, value, custom_fields, status, tags, score, classification
    FROM leads WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL`;
