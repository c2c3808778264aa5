import type { EmailBounce } from '../messaging.port';
import { angleMessageId, emailAddress } from './smtp-credentials';

/** An inbound email as the bounce reader sees it: its sender, subject, text and headers (names in any case). */
export interface BounceSource {
  from: string;
  subject?: string;
  text?: string;
  headers?: Record<string, string>;
}

/** The senders mail servers report failures as. */
const DAEMON = /^(mailer-daemon|mailer_daemon|mail-daemon|mailerdaemon|postmaster)$/i;
/** RFC 3464 per-recipient fields, when the report's machine-readable part reached us inline. */
const ACTION = /^\s*Action:\s*(failed|delayed|delivered|relayed|expanded)\b/im;
const STATUS_FIELD = /^\s*Status:\s*([245]\.\d{1,3}\.\d{1,3})\b/im;
const FINAL_RECIPIENT = /^\s*(?:Final|Original)-Recipient:\s*rfc822\s*;\s*<?([^\s<>;]+@[^\s<>;]+)>?/im;
const DIAGNOSTIC = /^\s*Diagnostic-Code:\s*(?:smtp\s*;\s*)?(.+)$/im;
/** The bounced message's own headers, quoted in the report (text/rfc822-headers). */
const QUOTED_MESSAGE_ID = /^\s*Message-ID:\s*(<[^<>\s]+>)/im;
/** An enhanced status code (RFC 3463) or a bare SMTP reply code in the server's words. */
const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const SMTP_REPLY = /\b([45])\d\d(?=[\s-])/;
/** Words a server uses when the mailbox does not exist (a failure with no status code). */
const NO_MAILBOX =
  /(does not exist|doesn't exist|no such (user|mailbox)|user unknown|unknown user|address not found|mailbox (is )?unavailable|invalid recipient|recipient address rejected|account .{0,40}disabled)/i;
/** A warning that the server is still trying. */
const STILL_TRYING =
  /(has not yet been delivered|delivery (is )?delayed|will (retry|continue|keep trying)|delay(ed)? (notification|warning))/i;

/**
 * Reads a bounce (a delivery status notification, or a mail server's "undeliverable" message) from an inbound
 * email; undefined when the email is not one. A bounce is recognised by its sender (MAILER-DAEMON, postmaster), a
 * `multipart/report; report-type=delivery-status` content type or an `X-Failed-Recipients` header, or the RFC 3464
 * fields in its text. What it says (action, status, recipient, the bounced Message-ID) comes from those fields,
 * else from the server's words. A person's reply that mentions a delivery failure is not a bounce.
 */
export function readBounce(mail: BounceSource): EmailBounce | undefined {
  const headers = lowerCased(mail.headers);
  const text = mail.text ?? '';
  const contentType = headers['content-type'] ?? '';
  const reported =
    DAEMON.test(emailAddress(mail.from).split('@')[0] ?? '') ||
    (/multipart\/report/i.test(contentType) && /delivery-status/i.test(contentType)) ||
    Boolean(headers['x-failed-recipients']) ||
    (ACTION.test(text) && FINAL_RECIPIENT.test(text));
  if (!reported) return undefined;
  const diagnostic = DIAGNOSTIC.exec(text)?.[1]?.trim() ?? reasonLine(text);
  const status = statusOf(text, diagnostic);
  const declared = ACTION.exec(text)?.[1]?.toLowerCase();
  // A report about a message delivered (or relayed) after all is not a failure; read it as no bounce.
  if (declared === 'delivered' || declared === 'relayed' || declared === 'expanded') return undefined;
  const delayed =
    declared === 'delayed' ||
    (!declared && !status?.startsWith('5') && STILL_TRYING.test(`${mail.subject ?? ''}\n${text}`));
  const failedRecipient = headers['x-failed-recipients']?.split(',')[0]?.trim();
  const recipient = failedRecipient || FINAL_RECIPIENT.exec(text)?.[1];
  const quoted = QUOTED_MESSAGE_ID.exec(text)?.[1];
  return {
    action: delayed ? 'delayed' : 'failed',
    permanent: !delayed && (status ? status.startsWith('5') : NO_MAILBOX.test(text)),
    status,
    recipient: recipient ? emailAddress(recipient) : null,
    original_message_id: quoted ? angleMessageId(quoted) : null,
    diagnostic: diagnostic ? diagnostic.slice(0, 500) : null,
  };
}

function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** The report's Status field, else the first enhanced code in the server's words, else its SMTP reply class. */
function statusOf(text: string, diagnostic: string | null): string | null {
  const field = STATUS_FIELD.exec(text)?.[1];
  if (field) return field;
  for (const words of [diagnostic ?? '', text]) {
    const enhanced = ENHANCED.exec(words);
    if (enhanced) return `${enhanced[1]}.${enhanced[2]}.${enhanced[3]}`;
  }
  const reply = SMTP_REPLY.exec(diagnostic ?? '') ?? SMTP_REPLY.exec(text);
  return reply ? `${reply[1]}.0.0` : null;
}

/** For a bounce without a Diagnostic-Code: the first line with a status code, else the first that says why. */
function reasonLine(text: string): string | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  return (
    lines.find((l) => ENHANCED.test(l) || SMTP_REPLY.test(l)) ?? lines.find((l) => NO_MAILBOX.test(l)) ?? null
  );
}
