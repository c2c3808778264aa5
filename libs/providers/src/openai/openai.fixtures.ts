import { EMPTY_PRODUCT } from '../llm/llm-tasks';
import type {
  AgentRunInput,
  ClassifyReplyInput,
  ProductContextTurnInput,
  WriteMessageInput,
} from '../llm/llm-tasks';

/** Test data in the documented OpenAI shapes (Chat Completions, Responses, error bodies) and task inputs. */

export const API_KEY = 'sk-test-4f9c2a7e1b3d5f6a8c0e';

/** A `chat.completion` object as `POST /v1/chat/completions` answers it. */
export function chatCompletion(
  content: string | null,
  overrides: {
    model?: string;
    finish_reason?: string;
    refusal?: string | null;
    usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  } = {},
): Record<string, unknown> {
  const usage =
    overrides.usage === undefined
      ? { prompt_tokens: 812, completion_tokens: 64, total_tokens: 876 }
      : overrides.usage;
  return {
    id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
    object: 'chat.completion',
    created: 1741569952,
    model: overrides.model ?? 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: overrides.refusal ?? null, annotations: [] },
        logprobs: null,
        finish_reason: overrides.finish_reason ?? 'stop',
      },
    ],
    ...(usage ? { usage } : {}),
    service_tier: 'default',
    system_fingerprint: 'fp_06737a9306',
  };
}

/** A `response` object as `POST /v1/responses` answers it. */
export function responsesAnswer(
  text: string,
  overrides: {
    model?: string;
    status?: string;
    incomplete_details?: { reason: string } | null;
    error?: { code: string; message: string } | null;
  } = {},
): Record<string, unknown> {
  return {
    id: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
    object: 'response',
    created_at: 1741476542,
    status: overrides.status ?? 'completed',
    error: overrides.error ?? null,
    incomplete_details: overrides.incomplete_details ?? null,
    model: overrides.model ?? 'gpt-4.1-2025-04-14',
    output: [
      {
        type: 'message',
        id: 'msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: {
      input_tokens: 1200,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 90,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1290,
    },
  };
}

/** OpenAI's error body. */
export function openAiError(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, code, param } };
}

export const ERROR_400 = openAiError(
  "Invalid schema for response_format 'reply_classification': missing 'required'.",
  'invalid_request_error',
  'invalid_json_schema',
  'response_format',
);
/** Structured Outputs asked of a model without them (gpt-4, gpt-4-turbo, gpt-3.5-turbo...), Chat Completions. */
export const ERROR_400_NO_STRUCTURED_OUTPUTS = openAiError(
  "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model. Learn more about " +
    'supported models at the Structured Outputs guide: https://platform.openai.com/docs/guides/structured-outputs',
  'invalid_request_error',
  null,
  'response_format',
);
/** The same refusal on the Responses API. */
export const ERROR_400_NO_STRUCTURED_OUTPUTS_RESPONSES = openAiError(
  "Invalid parameter: 'text.format' of type 'json_schema' is not supported with model version `gpt-3.5-turbo`.",
  'invalid_request_error',
  null,
  'text.format',
);
/** JSON mode asked of a model without it (gpt-4). */
export const ERROR_400_NO_JSON_MODE = openAiError(
  "Invalid parameter: 'response_format' of type 'json_object' is not supported with this model.",
  'invalid_request_error',
  null,
  'response_format',
);
/** JSON mode without the word "json" in the messages: the request's fault, not the model's. */
export const ERROR_400_JSON_WORD_MISSING = openAiError(
  "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
  'invalid_request_error',
  null,
  'messages',
);
/** An OpenAI-compatible server that takes JSON mode only, naming the value it refuses. */
export const ERROR_400_COMPATIBLE_NO_JSON_SCHEMA = {
  error: {
    code: 'InvalidParameter',
    message:
      'The parameter `response_format.type` specified in the request are not valid: invalid value: `json_schema`, ' +
      'supported values are: `json_object` and `text`.',
    param: 'response_format.type',
    type: 'BadRequest',
  },
};
export const ERROR_401 = openAiError(
  'Incorrect API key provided: sk-test-****************8c0e. You can find your API key at https://platform.openai.com/account/api-keys.',
  'invalid_request_error',
  'invalid_api_key',
);
export const ERROR_429 = openAiError(
  'Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.',
  'requests',
  'rate_limit_exceeded',
);
export const ERROR_429_QUOTA = openAiError(
  'You exceeded your current quota, please check your plan and billing details.',
  'insufficient_quota',
  'insufficient_quota',
);
export const ERROR_500 = openAiError(
  'The server had an error while processing your request.',
  'server_error',
  null,
);
export const ERROR_503 = openAiError(
  'The engine is currently overloaded, please try again later.',
  'server_error',
  null,
);

export const CLASSIFY_INPUT: ClassifyReplyInput = {
  text: [
    "I'm out of the office until Monday 7 December with limited access to email.",
    '',
    'On Mon, 30 Nov 2026 at 09:00, Reachline <hello@reachline.test> wrote:',
    '> Hi Ada, would a short call next week work? Reply STOP to unsubscribe.',
  ].join('\n'),
  subject: 'Re: Quick question',
  channel: 'email',
  received_at: '2026-11-30T09:00:00Z',
  timezone: 'Europe/Berlin',
};

export const CLASSIFY_ANSWER = {
  label: 'out_of_office',
  confidence: 0.93,
  reason: 'An automatic away reply giving the day the person is back.',
  return_date: '2026-12-07',
  referral: null,
  language: 'en',
};

export const WRITE_INPUT: WriteMessageInput = {
  purpose: 'auto_reply',
  channel: 'email',
  instructions: null,
  product: {
    ...EMPTY_PRODUCT,
    product: 'Reachline',
    value_propositions: ['Answers every reply within a minute'],
    industries: ['dental clinics'],
  },
  lead: {
    first_name: 'Ada',
    last_name: 'Lovelace',
    company: 'Analytical Engines',
    position: 'COO',
    country: 'GB',
    custom_fields: {},
  },
  history: [
    {
      direction: 'outbound',
      sender: 'ai',
      content: 'Hi Ada, may I show you Reachline?',
      at: '2026-11-28T09:00:00Z',
    },
    { direction: 'inbound', sender: 'lead', content: 'What does it cost?', at: '2026-11-30T09:00:00Z' },
  ],
  last_classification: 'question',
  resumed_after_cede: false,
  max_chars: 600,
};

export const PRODUCT_INPUT: ProductContextTurnInput = {
  user_message: 'We sell Reachline, an outreach platform for dental clinics. Keep it friendly.',
  metadata: EMPTY_PRODUCT,
  history: [],
};

export const AGENT_INPUT: AgentRunInput = {
  agent: {
    name: 'Qualifier',
    type: 'qualification',
    capabilities: ['lead-qualification', 'scheduling'],
    system_prompt: 'Qualify leads for budget and timing.',
    temperature: 0.2,
    max_tokens: 400,
  },
  message: 'The lead has budget approved and wants to start next month.',
  lead: {
    id: '5b0e7a53-1f4e-4b8a-9d0c-2a6f3e1b7c44',
    first_name: 'Ada',
    last_name: 'Lovelace',
    company: 'Analytical Engines',
    position: 'COO',
    country: 'GB',
    custom_fields: {},
    email: 'ada@engines.test',
    phone: null,
    score: 40,
    classification: 'interested',
  },
  context: { previous_interactions: 3 },
  product: EMPTY_PRODUCT,
  now: '2026-11-30T09:00:00Z',
};
