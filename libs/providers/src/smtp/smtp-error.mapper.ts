import { ProviderError } from '../provider-error';

/** Nodemailer failures before the server could have taken the message: DNS, TLS, a proxy. */
const NOT_CONNECTED = new Set(['EDNS', 'ETLS', 'EPROXY']);
/** Nodemailer's timeouts before a session was open (`timeoutType`): connecting, the greeting, STARTTLS. */
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
/**
 * The SMTP commands before DATA: a failure during any of them cannot have handed the message over. Not `CONN`:
 * nodemailer labels every socket error and timeout so, whatever stage the session had reached (after DATA too).
 */
const BEFORE_DATA = /^(EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL|RCPT)/i;

/**
 * Whether a network failure happened before the message could have been handed over: the connection itself failed
 * (`syscall` connect: refused, unreachable), or a setup step timed out, or it came on a command before DATA. A
 * socket that dropped or fell silent once the session was open may have done so after the server took the
 * message (a relay scanning an attachment past our timeout, a balancer cutting the line after the final dot): that
 * send may have gone, and is never sent again (DESIGN §7.6).
 */
function beforeData(command: unknown, syscall: unknown, timeoutType: unknown): boolean {
  return (
    syscall === 'connect' ||
    (typeof timeoutType === 'string' && SETUP_TIMEOUTS.has(timeoutType)) ||
    (typeof command === 'string' && BEFORE_DATA.test(command))
  );
}

/** Socket failures and timeouts, possibly after the message went out. */
const NETWORK = new Set(['ESOCKET', 'ETIMEDOUT', 'ECONNECTION', 'EDNS', 'ETLS', 'EPROXY']);

/**
 * A nodemailer error as a ProviderError: authentication (EAUTH, 535) is `auth`; a 4xx reply (421, 450, 451, 452)
 * is temporary and retryable; a 5xx reply (550 mailbox unavailable, 553...) is a permanent rejection.
 */
export function smtpError(error: unknown): ProviderError {
  const e = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
    command?: unknown;
    syscall?: unknown;
    timeoutType?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const replyCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text =
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : 'SMTP error';
  const providerCode = replyCode !== undefined ? String(replyCode) : code;
  if (code === 'EAUTH' || replyCode === 535 || replyCode === 530) {
    return new ProviderError({
      provider: 'smtp',
      kind: 'auth',
      message: `SMTP auth: ${text}`,
      providerCode,
      cause: error,
    });
  }
  if (replyCode !== undefined && replyCode >= 400 && replyCode < 500) {
    return new ProviderError({
      provider: 'smtp',
      kind: 'unavailable',
      message: `SMTP ${replyCode}: ${text}`,
      providerCode,
      cause: error,
    });
  }
  if (replyCode !== undefined && replyCode >= 500) {
    return new ProviderError({
      provider: 'smtp',
      kind: 'rejected',
      message: `SMTP ${replyCode}: ${text}`,
      providerCode,
      cause: error,
    });
  }
  if (code && NETWORK.has(code)) {
    return new ProviderError({
      provider: 'smtp',
      kind: 'network',
      message: `SMTP connection: ${text}`,
      providerCode,
      mayHaveBeenSent: !NOT_CONNECTED.has(code) && !beforeData(e.command, e.syscall, e.timeoutType),
      cause: error,
    });
  }
  return new ProviderError({
    provider: 'smtp',
    kind: 'rejected',
    message: `SMTP: ${text}`,
    providerCode,
    retryable: false,
    cause: error,
  });
}
