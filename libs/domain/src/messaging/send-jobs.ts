import type { AppConfig } from '@app/config';

/** The id of a message's first `messages.send` job: enqueuing it again while it is pending is a no-op. */
export const sendJobId = (messageId: string): string => `send-${messageId}`;

/** Set while a retry of the message's send is due (a backoff, a Retry-After, a rate limit): the sweep skips it. */
export const sendRetryKey = (config: AppConfig, messageId: string): string =>
  config.redisKey('messages', 'send-retry', messageId);
