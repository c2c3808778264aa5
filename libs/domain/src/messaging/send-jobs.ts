import type { AppConfig } from '@app/config';

/** The id of a message's first `messages.send` job: enqueuing it again while it is pending is a no-op. */
export const sendJobId = (messageId: string): string => `send-${messageId}`;

/** Set while a retry of the message's send is due (a backoff, a Retry-After, a rate limit): the sweep skips it. */
export const sendRetryKey = (config: AppConfig, messageId: string): string =>
  config.redisKey('messages', 'send-retry', messageId);

/**
 * The Bull priority of a send coming back for its turn in its sender's line (SenderThrottleService.take): its slot
 * is due a quarter of a second after it is back, so it goes to the head of `outbound-messages` instead of behind
 * every send queued since (Bull moves a due delayed job to the tail of the waiting list). Behind a launch's backlog
 * it came back seconds after its slot, and each slot no send took in time was lost to the rate (bench:campaign (c)).
 * Fresh sends have no priority (Bull's plain FIFO). Bull places a prioritised job by its rank among the waiting
 * prioritised ones: one waiting alone is an RPUSH; a second scans the waiting list (LINSERT), which only happens
 * while turns come back faster than workers take them.
 */
export const SEND_TURN_PRIORITY = 1;
