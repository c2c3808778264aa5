/**
 * Provider error codes that say a message can never reach this recipient as it is (a bad or unknown number, a
 * landline, an opt-out at the carrier, no WhatsApp account, a template that does not exist, the 24-hour window
 * closed): a campaign's retry policy does not send it again. Twilio: https://www.twilio.com/docs/api/errors; Meta:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes; Telegram: its error_code. Transient ones (30003 unreachable
 * handset, 131000 something went wrong, rate limits) stay retryable.
 */
const PERMANENT_SEND_FAILURES: ReadonlySet<string> = new Set([
  // Twilio: invalid To, To is not reachable on this channel, not a mobile number, unsubscribed (STOP).
  '21211',
  '21612',
  '21614',
  '21610',
  // Twilio delivery: blocked, unknown handset, landline or unreachable carrier.
  '30004',
  '30005',
  '30006',
  // Twilio WhatsApp: not a WhatsApp number, outside the 24-hour window (a template is needed).
  '63003',
  '63016',
  // Meta: recipient cannot be the sender, undeliverable, re-engagement needed (24 hours), unsupported type.
  '131021',
  '131026',
  '131047',
  '131051',
  // Meta: the recipient stopped marketing messages from this business.
  '131050',
  // Meta templates: parameters mismatch, does not exist (in that language), paused, disabled.
  '132000',
  '132001',
  '132015',
  '132016',
  // Telegram: Forbidden, for good (the user blocked the bot or deleted their account; the bot was removed).
  '403',
]);

/** Whether a failed send's error code means sending it again cannot succeed. */
export function isPermanentSendFailure(code: string | null | undefined): boolean {
  return !!code && PERMANENT_SEND_FAILURES.has(code);
}

/**
 * Whether a failed send says the person opted out with the provider, which refuses every message to them until they
 * opt back in there: Twilio 21610 (the number replied STOP to ours; Twilio answers its START), Telegram 403 "bot
 * was blocked by the user" (unblocking and /start reopen it). Not Telegram's other 403s (a user who never started the
 * bot, a deleted account) nor Meta's 131050, which closes marketing messages only.
 */
export function isRecipientOptOut(channel: string, code: string | null, message: string | null): boolean {
  if (channel === 'sms') return code === '21610';
  if (channel === 'telegram') return code === '403' && /blocked by the user/i.test(message ?? '');
  return false;
}
