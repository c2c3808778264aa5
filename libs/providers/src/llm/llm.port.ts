import type {
  AgentRunInput,
  AgentRunOutput,
  ClassifyReplyInput,
  LlmProviderName,
  LlmResult,
  ProductContextTurn,
  ProductContextTurnInput,
  PromptInput,
  ReplyClassification,
  WriteMessageInput,
  WrittenMessage,
} from './llm-tasks';

/**
 * The LLM port (issue 7): the OpenAI(-compatible) adapter and the built-in local provider implement it. Adapters
 * are stateless, built per tenant from its LLM config. A failed call throws ProviderError (provider `openai`);
 * an answer that does not validate is ProviderError kind `invalid_response`.
 */
export abstract class LlmPort {
  abstract readonly provider: LlmProviderName;
  /** The model it asks by default. */
  abstract readonly model: string;

  abstract complete(input: PromptInput): Promise<LlmResult<string>>;
  abstract classifyReply(input: ClassifyReplyInput): Promise<LlmResult<ReplyClassification>>;
  abstract writeMessage(input: WriteMessageInput): Promise<LlmResult<WrittenMessage>>;
  abstract productContextTurn(input: ProductContextTurnInput): Promise<LlmResult<ProductContextTurn>>;
  abstract runAgent(input: AgentRunInput): Promise<LlmResult<AgentRunOutput>>;
  /**
   * Checks that the provider answers with these credentials without spending tokens (seed 002's admin health);
   * throws ProviderError when it does not within `timeoutMs`.
   */
  abstract ping(timeoutMs: number): Promise<void>;
}
