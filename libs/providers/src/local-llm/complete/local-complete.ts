import type { PromptInput } from '../../llm/llm-tasks';
import { labelReplyText } from '../classify/reply-classifier';
import { clean, truncate } from '../text-utils';

/**
 * A raw prompt answered without a model (`POST llm/test-prompt` on the local provider): a prompt that reads like a
 * lead's reply (or asks to classify one) gets the local classifier's verdict; anything else an echo-style summary.
 * The answer always says that no external model answered.
 */
const NOTICE = '[Local provider — no external model answered this prompt.]';
const ASKS_TO_CLASSIFY = /\b(classify|label|categori[sz]e|what kind of reply|intent)\b/i;

export function completeLocally(input: PromptInput): string {
  const prompt = clean(input.prompt);
  const limit = input.max_tokens && input.max_tokens > 0 ? input.max_tokens * 4 : 2000;
  const quoted = prompt.match(/["“](.{3,}?)["”]\s*$/)?.[1];
  const reply = ASKS_TO_CLASSIFY.test(prompt) ? (quoted ?? prompt.replace(/^.*?:\s*/, '')) : prompt;
  const looksLikeReply =
    ASKS_TO_CLASSIFY.test(prompt) || (prompt.length <= 600 && !/\n.*\n/.test(input.prompt));
  if (looksLikeReply && reply) {
    const c = labelReplyText({ text: reply, received_at: new Date(0).toISOString() });
    if (c.label !== 'neutral' || ASKS_TO_CLASSIFY.test(prompt)) {
      return truncate(
        `${NOTICE} Read as a lead's reply: ${c.label} (confidence ${c.confidence.toFixed(2)}). ${c.reason}`,
        limit,
      );
    }
  }
  const words = prompt.split(/\s+/).filter(Boolean);
  const system = clean(input.system) ? ' with a system instruction' : '';
  const begins = truncate(words.slice(0, 30).join(' '), 200);
  return truncate(
    `${NOTICE} Received a prompt of ${words.length} word${words.length === 1 ? '' : 's'}${system}${begins ? `, beginning: "${begins}"` : ''}. Configure an OpenAI-compatible provider for generated answers.`,
    limit,
  );
}
