import type { FieldIssue } from '@app/common';
import { LEAD_STATUSES, WORKFLOW_TRIGGERS } from '@app/db';
import { REPLY_LABELS } from '@app/providers';
import type { WorkflowEdge, WorkflowNode } from '@app/db';
import { placeholderIssues } from '../campaigns/message-template';

export const NODE_TYPES = [
  'trigger',
  'condition',
  'wait',
  'send_message',
  'update_lead',
  'add_to_campaign',
  'notify',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const MAX_NODES = 200;
export const MAX_EDGES = 400;
const MAX_ID = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SEND_CHANNELS = ['sms', 'whatsapp', 'email', 'telegram'] as const;
/** The lead fields a condition reads, and the operators each takes. */
export const CONDITION_OPERATORS: Record<string, readonly string[]> = {
  status: ['equals', 'not_equals', 'in', 'not_in'],
  classification: ['equals', 'not_equals', 'in', 'not_in'],
  country: ['equals', 'not_equals', 'in', 'not_in'],
  tags: ['contains', 'not_contains'],
  score: ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte'],
};
/** The values a condition on these fields may name: any other never matches. */
const KNOWN_VALUES: Record<string, readonly string[]> = {
  status: LEAD_STATUSES,
  classification: REPLY_LABELS,
};
const DELAY_UNITS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const MAX_DELAY_MS = 365 * 86_400_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_ID;
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** The React Flow handle an edge leaves from (`sourceHandle`, or `source_handle`). */
export function handleOf(edge: WorkflowEdge): string | null {
  const h = edge.sourceHandle ?? (edge as Obj).source_handle;
  return typeof h === 'string' ? h : null;
}

/**
 * What a definition must be to be saved at all (a draft too): nodes with unique ids, known types and a position,
 * edges between existing nodes, exactly one trigger node that no edge enters, and no cycle. Fields are named as the
 * validation pipe names them (`nodes.2.type`).
 */
export function structureIssues(nodes: unknown[], edges: unknown[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ids = new Map<string, number>();
  nodes.forEach((n, i) => {
    const at = `nodes.${i}`;
    if (!isObj(n)) return issues.push({ field: at, reason: 'must be an object' });
    if (!isId(n.id))
      issues.push({ field: `${at}.id`, reason: `must be a string of 1 to ${MAX_ID} characters` });
    else if (ids.has(n.id))
      issues.push({ field: `${at}.id`, reason: `is used by another node (nodes.${ids.get(n.id)})` });
    else ids.set(n.id, i);
    if (!(NODE_TYPES as readonly unknown[]).includes(n.type))
      issues.push({ field: `${at}.type`, reason: `must be one of ${NODE_TYPES.join(', ')}` });
    const p = n.position;
    if (!isObj(p) || !Number.isFinite(p.x) || !Number.isFinite(p.y))
      issues.push({ field: `${at}.position`, reason: 'must be { x, y } with numbers' });
    if (n.data !== undefined && !isObj(n.data))
      issues.push({ field: `${at}.data`, reason: 'must be an object' });
    if (n.type === 'trigger' && isObj(n.data) && n.data.event !== undefined && n.data.event !== null)
      if (!(WORKFLOW_TRIGGERS as readonly unknown[]).includes(n.data.event))
        issues.push({ field: `${at}.data.event`, reason: `must be one of ${WORKFLOW_TRIGGERS.join(', ')}` });
  });
  const triggers = nodes.filter((n) => isObj(n) && n.type === 'trigger');
  if (triggers.length !== 1)
    issues.push({ field: 'nodes', reason: `must hold exactly one trigger node (found ${triggers.length})` });
  const triggerId = triggers.length === 1 ? (triggers[0] as Obj).id : undefined;
  const edgeIds = new Set<string>();
  const valid: { source: string; target: string; index: number }[] = [];
  edges.forEach((e, i) => {
    const at = `edges.${i}`;
    if (!isObj(e)) return issues.push({ field: at, reason: 'must be an object' });
    if (!isId(e.id))
      issues.push({ field: `${at}.id`, reason: `must be a string of 1 to ${MAX_ID} characters` });
    else if (edgeIds.has(e.id)) issues.push({ field: `${at}.id`, reason: 'is used by another edge' });
    else edgeIds.add(e.id);
    let ok = true;
    for (const end of ['source', 'target'] as const) {
      if (typeof e[end] !== 'string' || !ids.has(e[end])) {
        issues.push({ field: `${at}.${end}`, reason: 'must be the id of a node of this workflow' });
        ok = false;
      }
    }
    if (ok && e.target === triggerId)
      issues.push({ field: `${at}.target`, reason: 'cannot be the trigger node: a run starts there' });
    else if (ok) valid.push({ source: e.source as string, target: e.target as string, index: i });
  });
  const cycle = cycleEdge([...ids.keys()], valid);
  if (cycle !== null)
    issues.push({ field: `edges.${cycle}.target`, reason: 'closes a cycle: a run must end' });
  return issues;
}

/** An edge that closes a cycle (its index), or null: depth-first search, iterative. */
function cycleEdge(ids: string[], edges: { source: string; target: string; index: number }[]): number | null {
  const out = new Map<string, { target: string; index: number }[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const state = new Map<string, 1 | 2>();
  for (const start of ids) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edge = (out.get(top.id) ?? [])[top.next++];
      if (!edge) {
        state.set(top.id, 2);
        stack.pop();
      } else if (state.get(edge.target) === 1) return edge.index;
      else if (!state.has(edge.target)) {
        state.set(edge.target, 1);
        stack.push({ id: edge.target, next: 0 });
      }
    }
  }
  return null;
}

/**
 * What an active workflow must be besides (checked at activation, and on every save of an active one): a trigger
 * event, one path out of each node (a condition's out of its `true` and `false` handles), and each node's settings.
 * `nodes` and `edges` passed structureIssues.
 */
export function runnableIssues(
  nodes: WorkflowNode[],
  edges: WorkflowEdge[],
  trigger: string | null,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!trigger)
    issues.push({
      field: 'trigger',
      reason: `is required to activate: one of ${WORKFLOW_TRIGGERS.join(', ')} (or the trigger node's data.event)`,
    });
  const types = new Map(nodes.map((n) => [n.id, n.type]));
  const taken = new Map<string, Set<string>>();
  edges.forEach((e, i) => {
    const handle = types.get(e.source) === 'condition' ? handleOf(e) : '';
    if (handle !== '' && handle !== 'true' && handle !== 'false')
      return issues.push({
        field: `edges.${i}.sourceHandle`,
        reason: "must be 'true' or 'false' out of a condition",
      });
    const used = taken.get(e.source) ?? new Set<string>();
    if (used.has(handle ?? ''))
      issues.push({
        field: `edges.${i}.source`,
        reason: handle
          ? `has another edge out of its '${handle}' handle`
          : 'has another outgoing edge: a run follows one path',
      });
    used.add(handle ?? '');
    taken.set(e.source, used);
  });
  nodes.forEach((n, i) => issues.push(...dataIssues(n.type, n.data ?? {}, `nodes.${i}.data`)));
  return issues;
}

function dataIssues(type: string, d: Obj, at: string): FieldIssue[] {
  const issue = (field: string, reason: string) => [{ field: `${at}.${field}`, reason }];
  switch (type) {
    case 'condition': {
      const ops = CONDITION_OPERATORS[d.field as string];
      if (!ops) return issue('field', `must be one of ${Object.keys(CONDITION_OPERATORS).join(', ')}`);
      if (!ops.includes(d.operator as string))
        return issue('operator', `must be one of ${ops.join(', ')} for ${String(d.field)}`);
      const many = d.operator === 'in' || d.operator === 'not_in';
      if (d.field === 'score')
        return typeof d.value === 'number' && Number.isFinite(d.value)
          ? []
          : issue('value', 'must be a number');
      if (many && !(Array.isArray(d.value) && d.value.length > 0 && d.value.every((v) => text(v, 100))))
        return issue('value', 'must be a non-empty list of strings');
      if (!many && !text(d.value, 100)) return issue('value', 'must be a string of 1 to 100 characters');
      // A status or classification no lead can have would never match (matched in any case, as the run reads it).
      const known = KNOWN_VALUES[d.field as string];
      const unknown =
        known &&
        (many ? (d.value as string[]) : [d.value as string]).find((v) => !known.includes(v.toLowerCase()));
      return unknown === undefined || !known
        ? []
        : issue('value', `has ${unknown}, which no lead's ${String(d.field)} is: one of ${known.join(', ')}`);
    }
    case 'wait':
      return delayMsOf(d) === null
        ? issue(
            'delay',
            'must be { value, unit } (unit minutes, hours or days; at most 365 days), or delay_minutes',
          )
        : [];
    case 'send_message':
      if (!(SEND_CHANNELS as readonly unknown[]).includes(d.channel))
        return issue('channel', `must be one of ${SEND_CHANNELS.join(', ')}`);
      if (d.body !== undefined && d.content !== undefined && d.body !== d.content)
        return issue('content', 'is an alias of body: give one of them, or both the same');
      if (!text(sendBodyOf(d), 4096))
        return issue(
          d.body === undefined && d.content !== undefined ? 'content' : 'body',
          'must be a string of 1 to 4096 characters',
        );
      if (d.subject !== undefined && !text(d.subject, 998)) return issue('subject', 'must be a string');
      return templateTextsOf(type, d, at).flatMap(({ field, text }) => placeholderIssues(field, text));
    case 'update_lead':
      return updateLeadIssues(d, at);
    case 'add_to_campaign':
      return typeof d.campaign_id === 'string' && UUID.test(d.campaign_id)
        ? []
        : issue('campaign_id', 'must be a UUID');
    case 'notify':
      if (!text(d.title, 200)) return issue('title', 'must be a string of 1 to 200 characters');
      if (d.message !== undefined && !text(d.message, 2000))
        return issue('message', 'must be a string of 1 to 2000 characters');
      if (
        d.user_ids !== undefined &&
        !(Array.isArray(d.user_ids) && d.user_ids.every((u) => typeof u === 'string' && UUID.test(u)))
      )
        return issue('user_ids', 'must be a list of user ids');
      return templateTextsOf(type, d, at).flatMap(({ field, text }) => placeholderIssues(field, text));
    default:
      return [];
  }
}

/**
 * The texts of a node that are rendered from the lead (a send's body and subject, a notification's title and
 * message), each with its field: checked as a campaign step's are.
 */
function templateTextsOf(type: string, d: Obj, at: string): { field: string; text: string }[] {
  const keys =
    type === 'send_message'
      ? [d.body !== undefined ? 'body' : 'content', 'subject']
      : type === 'notify'
        ? ['title', 'message']
        : [];
  return keys.flatMap((key) =>
    typeof d[key] === 'string' ? [{ field: `${at}.${key}`, text: d[key] as string }] : [],
  );
}

/** The lead-rendered texts of every node (templateTextsOf), for the check that their custom fields exist. */
export function workflowTemplateTexts(nodes: readonly WorkflowNode[]): { field: string; text: string }[] {
  return nodes.flatMap((n, i) => templateTextsOf(n.type, n.data ?? {}, `nodes.${i}.data`));
}

function updateLeadIssues(d: Obj, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const tags = (v: unknown) => Array.isArray(v) && v.length <= 50 && v.every((t) => text(t, 100));
  if (d.status !== undefined && !(LEAD_STATUSES as readonly unknown[]).includes(d.status))
    issues.push({ field: `${at}.status`, reason: `must be one of ${LEAD_STATUSES.join(', ')}` });
  for (const key of ['add_tags', 'remove_tags'])
    if (d[key] !== undefined && !tags(d[key]))
      issues.push({ field: `${at}.${key}`, reason: 'must be a list of tags' });
  if (
    d.owner_id !== undefined &&
    d.owner_id !== null &&
    !(typeof d.owner_id === 'string' && UUID.test(d.owner_id))
  )
    issues.push({ field: `${at}.owner_id`, reason: 'must be a user id or null' });
  if (!issues.length && ['status', 'add_tags', 'remove_tags', 'owner_id'].every((k) => d[k] === undefined))
    issues.push({ field: at, reason: 'must change status, add_tags, remove_tags or owner_id' });
  return issues;
}

/** A send_message node's text: `body`, or `content` (its alias, as a campaign step names its text). */
export function sendBodyOf(d: Record<string, unknown>): unknown {
  return d.body !== undefined ? d.body : d.content;
}

/** A wait node's delay in ms: `{ delay: { value, unit } }` or `{ delay_minutes }` (DESIGN §3b), else null. */
export function delayMsOf(d: Obj): number | null {
  let ms: number | null = null;
  if (isObj(d.delay) && typeof d.delay.value === 'number' && DELAY_UNITS[d.delay.unit as string])
    ms = d.delay.value * DELAY_UNITS[d.delay.unit as string];
  else if (typeof d.delay_minutes === 'number') ms = d.delay_minutes * 60_000;
  return ms !== null && Number.isFinite(ms) && ms > 0 && ms <= MAX_DELAY_MS ? Math.round(ms) : null;
}

/** What a condition reads of a lead. */
export interface ConditionLead {
  status: string;
  tags: string[];
  score: number;
  classification: string | null;
  country: string | null;
}

/** Whether a condition node (its data passed runnableIssues) holds for the lead; text compared in any case. */
export function conditionHolds(d: Obj, lead: ConditionLead): boolean {
  const low = (v: unknown) => String(v ?? '').toLowerCase();
  if (d.field === 'tags') {
    const has = lead.tags.some((t) => low(t) === low(d.value));
    return d.operator === 'contains' ? has : !has;
  }
  if (d.field === 'score') {
    const v = d.value as number;
    const s = lead.score;
    const ops: Record<string, boolean> = {
      equals: s === v,
      not_equals: s !== v,
      gt: s > v,
      gte: s >= v,
      lt: s < v,
      lte: s <= v,
    };
    return ops[d.operator as string] ?? false;
  }
  const actual = low(lead[d.field as 'status' | 'classification' | 'country']);
  const values = (Array.isArray(d.value) ? d.value : [d.value]).map(low);
  const hit = values.includes(actual);
  return d.operator === 'equals' || d.operator === 'in' ? hit : !hit;
}

/** A saved definition, read for a run: its nodes by id and the one path out of each. */
export class WorkflowGraph {
  private readonly byId: Map<string, WorkflowNode>;

  constructor(
    nodes: WorkflowNode[],
    private readonly edges: WorkflowEdge[],
  ) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
  }

  node(id: string): WorkflowNode | undefined {
    return this.byId.get(id);
  }

  get trigger(): WorkflowNode | undefined {
    return [...this.byId.values()].find((n) => n.type === 'trigger');
  }

  /** The node after `id`: out of the condition's `branch` handle, or its one outgoing edge; undefined at the end. */
  next(id: string, branch?: string): string | undefined {
    return this.edges.find((e) => e.source === id && (branch === undefined || handleOf(e) === branch))
      ?.target;
  }
}
