import { ProviderError } from '../provider-error';

/** Nodemailer failures before the server could have taken the message: no connection, DNS, TLS. */
const NOT_CONNECTED = new Set(['ECONNECTION', 'EDNS', 'ETLS', 'EPROXY']);
/** The SMTP commands before DATA: a failure during any of them cannot have handed the message over. */
const BEFORE_DATA = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL|RCPT)/i;

function beforeData(command: unknown, syscall: unknown): boolean {
  return syscall === 'connect' || (typeof command === 'string' && BEFORE_DATA.test(command));
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
      mayHaveBeenSent: !NOT_CONNECTED.has(code) && !beforeData(e.command, e.syscall),
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
