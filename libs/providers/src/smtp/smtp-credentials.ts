/** A tenant's SMTP relay, as stored (decrypted) in its channel config. */
export interface SmtpCredentials {
  host: string;
  port: number;
  /** TLS from the first byte (465); false uses STARTTLS when the server offers it (587, 25). */
  secure: boolean;
  user?: string;
  pass?: string;
  /** The default sender, `"Clinic" <hello@clinic.example>` or a bare address. */
  from: string;
  /** The domain of the Message-IDs we make; the sender's domain by default. */
  message_id_domain?: string;
  /** Refuse to send over a connection that STARTTLS did not upgrade. */
  require_tls?: boolean;
  timeout_ms?: number;
}

/** The address inside `"Name" <addr@host>`, or the string itself; lower-cased. */
export function emailAddress(value: string): string {
  const angle = /<([^<>]+)>/.exec(value);
  return (angle ? angle[1] : value).trim().toLowerCase();
}

/** The display name of `"Name" <addr@host>`, if any. */
export function emailDisplayName(value: string): string | undefined {
  const angle = value.indexOf('<');
  if (angle <= 0) return undefined;
  const name = value
    .slice(0, angle)
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return name || undefined;
}

/** `<id>` form of a Message-ID, whether or not it came with its angle brackets. */
export function angleMessageId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}
