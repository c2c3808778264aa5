export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model?: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  /** When set, the answer must be JSON matching this schema. */
  json_schema?: { name: string; schema: Record<string, unknown> };
}

export interface CompletionResult {
  content: string;
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
  latency_ms: number;
}

/** The LLM port: the OpenAI(-compatible) adapter and the local provider implement it. */
export abstract class LlmPort {
  abstract complete(request: CompletionRequest): Promise<CompletionResult>;
}
