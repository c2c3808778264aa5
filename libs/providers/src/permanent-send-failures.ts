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
