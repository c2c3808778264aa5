import type {
  AgentRunInput,
  AgentRunOutput,
  ClassifyReplyInput,
  LlmResult,
  ProductContextTurn,
  ProductContextTurnInput,
  PromptInput,
  ReplyClassification,
  WriteMessageInput,
  WrittenMessage,
} from '../llm/llm-tasks';
import { LlmPort } from '../llm/llm.port';
import { runLocalAgent } from './agent/local-agent';
import { classifyReplyText } from './classify/reply-classifier';
import { completeLocally } from './complete/local-complete';
import { productContextTurnLocally } from './product-context/local-product-context';
import { LOCAL_MODEL, localResult } from './local-usage';
import { writeMessageLocally } from './write/local-writer';

/** Versions of the local rules, bumped when a task's behaviour changes. */
export const LOCAL_PROMPT_VERSIONS = {
  complete: 'local-complete@2',
  classify: 'local-classify@4',
  write: 'local-write@2',
  product_context: 'local-product-context@2',
  agent: 'local-agent@2',
} as const;

/**
 * The built-in provider (issue 7): rules and templates, no network, deterministic. Usage counts ~4 characters a
 * token and costs nothing.
 */
export class LocalLlmProvider extends LlmPort {
  readonly provider = 'local' as const;
  readonly model: string;

  constructor(options?: { model?: string }) {
    super();
    this.model = options?.model ?? LOCAL_MODEL;
  }

  /** Nothing to reach: it runs in the process. */
  ping(): Promise<void> {
    return Promise.resolve();
  }

  complete(input: PromptInput): Promise<LlmResult<string>> {
    return this.run(LOCAL_PROMPT_VERSIONS.complete, input, () => completeLocally(input));
  }

  classifyReply(input: ClassifyReplyInput): Promise<LlmResult<ReplyClassification>> {
    return this.run(LOCAL_PROMPT_VERSIONS.classify, input, () => classifyReplyText(input));
  }

  writeMessage(input: WriteMessageInput): Promise<LlmResult<WrittenMessage>> {
    return this.run(LOCAL_PROMPT_VERSIONS.write, input, () => writeMessageLocally(input));
  }

  productContextTurn(input: ProductContextTurnInput): Promise<LlmResult<ProductContextTurn>> {
    return this.run(LOCAL_PROMPT_VERSIONS.product_context, input, () => productContextTurnLocally(input));
  }

  runAgent(input: AgentRunInput): Promise<LlmResult<AgentRunOutput>> {
    return this.run(LOCAL_PROMPT_VERSIONS.agent, input, () => runLocalAgent(input));
  }

  private async run<T>(version: string, input: unknown, task: () => T | Promise<T>): Promise<LlmResult<T>> {
    try {
      return await localResult(this.model, version, input, task);
    } catch (err) {
      throw err instanceof Error ? err : new Error(String(err));
    }
  }
}
