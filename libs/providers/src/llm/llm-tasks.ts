/**
 * What the product asks of a language model (issue 7): each task has a typed input and a typed output, so the
 * OpenAI adapter (a prompt and a JSON schema per task, its answer validated against the DTOs in llm-output.dto.ts)
 * and the local provider (rules and templates, no network) are interchangeable behind LlmPort.
 */

/** The classes of a lead's reply. */
export const REPLY_LABELS = [
  'interested',
  'meeting_request',
  'question',
  'not_now',
  'not_interested',
  'out_of_office',
  'wrong_person',
  'unsubscribe',
  'neutral',
] as const;
export type ReplyLabel = (typeof REPLY_LABELS)[number];

/** Whether a value is one of the labels (a lead's classification stored before they were enforced may not be). */
export function isReplyLabel(value: unknown): value is ReplyLabel {
  return (REPLY_LABELS as readonly unknown[]).includes(value);
}

export type LlmProviderName = 'openai' | 'local';

/** What one model call cost. The local provider answers zero cost and estimated tokens. */
export interface LlmUsage {
  provider: LlmProviderName;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  latency_ms: number;
}

export interface LlmResult<T> {
  output: T;
  usage: LlmUsage;
  /** The version of the prompt (or of the local rules) that produced the output, e.g. `classify-reply@3`. */
  prompt_version: string;
}

/** A raw prompt (`POST llm/test-prompt`). */
export interface PromptInput {
  prompt: string;
  system?: string | null;
  temperature?: number;
  max_tokens?: number;
}

export interface ClassifyReplyInput {
  /** The whole body as received: quoted history, signatures and forwarded parts included; the classifier judges the new text. */
  text: string;
  subject?: string | null;
  channel?: string | null;
  /** When the reply arrived (ISO): relative dates ("back on Monday") resolve from it. */
  received_at: string;
  /** The lead's IANA zone, when known (dates resolve in it). */
  timezone?: string | null;
}

export interface Referral {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface ReplyClassification {
  label: ReplyLabel;
  /** 0..1 */
  confidence: number;
  /** One short sentence: why this label. */
  reason: string;
  /** out_of_office: the day the person is back (YYYY-MM-DD), when the reply gives one; else null. */
  return_date: string | null;
  /** wrong_person: who to contact instead, when the reply names someone; else null. */
  referral: Referral | null;
  /** ISO 639-1 of the reply when detected, else null. */
  language: string | null;
}

/** The tenant's product context metadata (seed 002), also what AI messages are written from. */
export interface ProductMetadata {
  product: string | null;
  description: string | null;
  value_propositions: string[];
  industries: string[];
  ideal_customer: string | null;
  tone: string | null;
}

/** Every field of the product metadata, in the order they are asked for and shown. */
export const PRODUCT_FIELDS = [
  'product',
  'description',
  'value_propositions',
  'industries',
  'ideal_customer',
  'tone',
] as const satisfies ReadonlyArray<keyof ProductMetadata>;

/** What a product context needs before it can be confirmed (the rest is nice to have). */
export const REQUIRED_PRODUCT_FIELDS: ReadonlyArray<keyof ProductMetadata> = [
  'product',
  'value_propositions',
  'industries',
  'ideal_customer',
];

/** The fields a metadata object leaves unknown, in PRODUCT_FIELDS order. */
export function missingProductFields(metadata: ProductMetadata): Array<keyof ProductMetadata> {
  return PRODUCT_FIELDS.filter((field) => {
    const value = metadata[field];
    return Array.isArray(value) ? value.length === 0 : !value;
  });
}

export const EMPTY_PRODUCT: ProductMetadata = {
  product: null,
  description: null,
  value_propositions: [],
  industries: [],
  ideal_customer: null,
  tone: null,
};

/** The lead fields a writer may use. */
export interface LeadFacts {
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  position: string | null;
  country: string | null;
  custom_fields: Record<string, unknown>;
  /** The lead's IANA zone (its own, else its phone's, else the tenant's): times proposed to it are in it. */
  timezone?: string | null;
}

export interface HistoryEntry {
  direction: 'inbound' | 'outbound';
  sender: 'lead' | 'agent' | 'ai' | 'system';
  /** The channel it went on: the history is the lead's on every channel, a human's words on another included. */
  channel?: string;
  content: string;
  at: string;
}

export interface WriteMessageInput {
  /** A campaign's AI_MESSAGE step, or an answer to the lead's last message in an `ai_mode: auto` conversation. */
  purpose: 'campaign_step' | 'auto_reply';
  channel: 'email' | 'sms' | 'whatsapp' | 'telegram';
  /** The step's content: what this message should do ("introduce the product", "follow up on pricing"). */
  instructions: string | null;
  product: ProductMetadata;
  lead: LeadFacts;
  /** The conversation so far with the lead on all its channels, oldest first (human agents' messages included). */
  history: HistoryEntry[];
  /** The class of the lead's last reply, when there is one. */
  last_classification: ReplyLabel | null;
  /** True when a human had taken over and ceded back: the writer must take up from what the human said. */
  resumed_after_cede: boolean;
  /** The channel's limit for the body, in characters. */
  max_chars: number;
}

export interface WrittenMessage {
  body: string;
  /** Email only; null elsewhere. */
  subject: string | null;
  /** The body's length as written when it was cut to fit `max_chars`; null when it fit. */
  shortened_from_chars: number | null;
}

export interface ProductContextTurnInput {
  user_message: string;
  metadata: ProductMetadata;
  /** The earlier turns, oldest first. */
  history: Array<{ role: 'user' | 'assistant'; content: string }>;
}

export interface ProductContextTurn {
  /** A clarifying question, or a confirmation of what was understood. */
  reply: string;
  status: 'clarifying' | 'confirmed';
  /** The whole metadata after this turn (what was known, updated by what the user said). */
  metadata: ProductMetadata;
  /** Metadata fields still unknown. */
  missing: Array<keyof ProductMetadata>;
}

export interface AgentProfile {
  name: string;
  type: string;
  capabilities: string[];
  system_prompt: string | null;
  temperature: number | null;
  max_tokens: number | null;
}

export interface AgentRunInput {
  agent: AgentProfile;
  message: string;
  lead:
    | (LeadFacts & {
        id: string;
        email: string | null;
        phone: string | null;
        score: number;
        classification: string | null;
      })
    | null;
  context: Record<string, unknown>;
  product: ProductMetadata;
  /** The time of the run (ISO), for actions that suggest a time. */
  now: string;
}

export interface AgentAction {
  type: string;
  parameters: Record<string, unknown>;
}

export interface AgentRunOutput {
  response: string;
  actions: AgentAction[];
  /** 0..1 */
  confidence: number;
  /** Whether the run judged the lead qualified (null when the run is not about qualification). */
  qualified: boolean | null;
}
