/**
 * The prefixes mail clients put before a subject they answer or forward, any case, each optionally counted
 * (Outlook's `RE[2]:`, `Re(3):`) and with any spacing before its colon (a full-width one too): Re, Fwd / Fw (English
 * and most clients), AW / WG (German Antwort / Weitergeleitet), SV / VS (Scandinavian), Antw (Dutch), Odp (Polish),
 * TR (French transfert), R / RIF (Italian), RES / ENC (Portuguese).
 */
const REPLY_PREFIXES =
  /^(?:\s*(?:re|fwd?|aw|wg|sv|vs|antw|odp|tr|r(?:if)?|res|enc)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/i;

/** The subject of an answer in a thread: the thread's, every reply or forward prefix taken off, under one "Re: ". */
export function replySubject(subject: string): string {
  const topic = subject.replace(REPLY_PREFIXES, '').trim();
  return topic ? `Re: ${topic}` : 'Re:';
}
