/**
 * The new text of a reply: quoted history, forwarded parts, signatures, closing lines and legal disclaimers cut
 * away (issue 7: "judging the new text above any quoted history or signature"). Works on plain text; HTML is
 * turned into text first.
 */

import { callersWords } from './call-transcript';
import { decodeEntities } from './html-entities';
import { POSTSCRIPT } from './postscript';

export interface IsolatedReply {
  /** What the sender wrote now. */
  text: string;
  /** The part below a forward marker, when the note on top is empty (the forwarded message itself). */
  forwarded: string | null;
  /** What was cut: `quote`, `forward`, `signature`, `closing`, `disclaimer`, `html`, `agent` (our side of a call). */
  cuts: string[];
  /** The signature cut under the new text (closing, name, contact lines, footer), before any history. */
  signature: string;
  /** The quoted or forwarded history, from its first line (an attribution, a header block, a forward marker). */
  history: string;
}

const ATTRIBUTION_END =
  /((wrote|escribi[oó]|a [ée]crit|schrieb|escreveu|ha scritto|schreef|geschreven|a scris|skrev)\s*:?|(schrieb|schreef|a [ée]crit|escribi[oó]|escreveu|ha scritto|wrote)[^\n:]{1,100}:)\s*$/i;
const ATTRIBUTION_INLINE =
  /(wrote|escribi[oó]|a [ée]crit|schrieb|escreveu|ha scritto|schreef)([^\n:]{0,100})?:/i;
const ATTRIBUTION_START = /^\s*(on|el|le|am|em|il|op|den|w dniu)\b/i;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|mensaje original|message d'origine|message original|urspr[üu]ngliche nachricht|originalnachricht|mensagem original|messaggio originale|oorspronkelijk bericht|origineel bericht)\s*-{2,}/i;
const FORWARD_MARKER =
  /^\s*(-{2,}\s*(forwarded message|forwarded message follows|mensaje reenviado|message transf[ée]r[ée]|weitergeleitete nachricht|mensagem encaminhada|messaggio inoltrato|doorgestuurd bericht)\s*-{2,}|begin forwarded message\s*:|inicio del mensaje reenviado\s*:|d[ée]but du message r[ée]exp[ée]di[ée]\s*:|anfang der weitergeleiteten nachricht\s*:|in[íi]cio da mensagem encaminhada\s*:|inizio messaggio inoltrato\s*:|begin doorgestuurd bericht\s*:)/i;
const HEADER_FROM = /^\s*\**(from|de|von|da|van|von)\s*:\**\s*\S/i;
const HEADER_NEXT =
  /^\s*\**(sent|date|to|subject|envoy[ée]|[àa]|objet|gesendet|datum|an|betreff|enviado|fecha|para|asunto|data|inviato|oggetto|verzonden|datum|aan|onderwerp|cc)\s*:/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const QUOTED_LINE = /^\s*>/;
const SIGNATURE_DASHES = /^\s*--\s*$|^\s*-- \S/;
const SENT_FROM =
  /^\s*(sent from (my )?(iphone|ipad|android|mobile|samsung|galaxy|phone|blackberry|outlook|mail for windows|yahoo)|sent from outlook|get outlook for|sent via|enviado desde (mi )?(iphone|ipad|android|m[óo]vil|celular|samsung|outlook)|envoy[ée] (de|depuis) (mon )?(iphone|ipad|android|mobile|t[ée]l[ée]phone|samsung|outlook)|von meinem (iphone|ipad|android|smartphone|handy|mobiltelefon|samsung).*gesendet|gesendet (von|mit) (meinem )?(iphone|ipad|android|smartphone|handy|outlook)|enviado (do|de) (meu )?(iphone|ipad|android|celular|telem[óo]vel|samsung|outlook)|inviato da (iphone|ipad|android|il mio|outlook|samsung)|verzonden (vanaf|met|van) (mijn )?(iphone|ipad|android|smartphone|samsung|outlook)|verstuurd (vanaf|met|van) (mijn )?(iphone|ipad|android|smartphone|samsung))/i;
const CLOSING =
  /^\s*(best|kind|warm|warmest|many|all the|with)?\s*(regards|wishes|best|cheers|thanks|thank you|many thanks|thanks again|thx|sincerely|yours truly|yours sincerely|respectfully|talk soon|speak soon|take care|saludos|un saludo|saludos cordiales|atentamente|un abrazo|cordialement|bien cordialement|bien [àa] vous|salutations|bonne journ[ée]e|mit freundlichen gr[üu](ß|ss)en|freundliche gr[üu](ß|ss)e|viele gr[üu](ß|ss)e|beste gr[üu](ß|ss)e|liebe gr[üu](ß|ss)e|sch[öo]ne gr[üu](ß|ss)e|gr[üu](ß|ss)e|lg|mfg|vg|atenciosamente|abra[çc]os|cumprimentos|att|obrigad[oa]|cordiali saluti|distinti saluti|saluti|un saluto|cordialmente|met vriendelijke groet(en)?|vriendelijke groet(en)?|groeten|groetjes|mvg|hartelijke groet(en)?)\s*[,.!]?\s*$/i;
const DISCLAIMER =
  /(confidential|intended (solely |only )?for the (use of the )?(named |intended )?(recipient|addressee|individual)|if you (have )?received this (e-?mail|message|communication) (in error|by mistake)|this (e-?mail|message) (and any (files|attachments)[^.]*)?(is|are|may be|may contain) (confidential|privileged|intended)|please consider the environment|vertraulich|diese e-?mail (enth[äa]lt|kann)|ce (message|courriel|mail)[^.]{0,60}confidentiel|este (correo|mensaje)[^.]{0,80}confidencial|esta mensagem[^.]{0,80}confidencia|questo messaggio[^.]{0,80}riservat|informazioni riservate|dit (e-?mail)?bericht[^.]{0,80}vertrouwelijk|disclaimer\s*:)/i;

/**
 * Where Outlook's quoted history starts in HTML: the reply header (`<div id="divRplyFwdMsg">`, Outlook on the web
 * and mobile) or the top-bordered box around it (Outlook for Windows: `border:none;border-top:solid #E1E1E1`).
 */
const OUTLOOK_HISTORY =
  /<div[^>]*(id="?divRplyFwdMsg|style="?border:\s*none;\s*border-top:\s*solid)[\s\S]*$/i;

/** A mail link whose text is not its address ("<a href="mailto:sarah@x.com">Sarah Lee</a>"). */
const MAIL_LINK = /<a\b[^>]*\bhref="mailto:([^"?]+)[^"]*"[^>]*>([\s\S]*?)<\/a>/gi;

/**
 * Plain text from an HTML body: quoted blocks dropped, breaks kept, entities decoded, and a mail link's address
 * written after its text ("Sarah Lee (sarah@x.com)"), as the address is what a referral needs.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
      .replace(
        /<div[^>]*class="?[^">]*(gmail_quote|moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)[\s\S]*$/i,
        '',
      )
      .replace(OUTLOOK_HISTORY, '')
      .replace(MAIL_LINK, (_, address: string, text: string) =>
        text.includes(address) ? text : `${text} (${address})`,
      )
      .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

const looksLikeHtml = (text: string) => /<(html|body|div|p|br|span|table|blockquote)\b[^>]*>/i.test(text);

/** Cuts quoted history, forwards, signatures, closings and disclaimers; answers the new text. */
export function isolateReply(body: string): IsolatedReply {
  const cuts: string[] = [];
  let text = body.replace(/\r\n?/g, '\n');
  if (looksLikeHtml(text)) {
    text = htmlToText(text);
    cuts.push('html');
  } else {
    text = decodeEntities(text);
  }
  const callers = callersWords(text);
  if (callers !== null) {
    text = callers;
    cuts.push('agent');
  }
  const lines = splitInlineMarkers(text).split('\n');
  let end = lines.length;
  let forwardAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FORWARD_MARKER.test(line)) {
      forwardAt = i;
      end = i;
      cuts.push('forward');
      break;
    }
    if (ORIGINAL_MESSAGE.test(line) || OUTLOOK_RULE.test(line) || isHeaderBlock(lines, i)) {
      end = i;
      cuts.push('quote');
      break;
    }
    const attribution = attributionStart(lines, i);
    if (attribution !== null) {
      end = attribution;
      cuts.push('quote');
      break;
    }
  }
  let kept = lines.slice(0, end).filter((line) => {
    const quoted = QUOTED_LINE.test(line);
    if (quoted && !cuts.includes('quote')) cuts.push('quote');
    return !quoted;
  });
  const signature = kept.slice(cutAtSignature(kept, []).length).join('\n').trim();
  kept = cutSignature(kept, cuts);
  let newText = kept.join('\n').trim();
  if (!newText && end < lines.length && cuts.includes('quote')) {
    newText = cutSignature(bottomPosted(lines, end), cuts).join('\n').trim();
    if (newText) cuts.push('bottom-posted');
  }
  let forwarded: string | null = null;
  if (forwardAt >= 0 && !newText) {
    const rest = lines.slice(forwardAt + 1).filter((l) => !HEADER_FROM.test(l) && !HEADER_NEXT.test(l));
    forwarded = cutSignature(rest, []).join('\n').trim() || null;
  }
  return { text: newText, forwarded, cuts, signature, history: lines.slice(end).join('\n') };
}

/**
 * A reply written under the history it answers ("On … wrote:\n> Hi Raj, would a call make sense?\n\nwhat does it
 * cost?"), read only when nothing stands above the history: the lines after the '>' quoted ones, up to a further
 * quote or forward. History not marked with '>' (an Outlook header block) gives no bottom: its end is unknown.
 */
function bottomPosted(lines: string[], from: number): string[] {
  const below: string[] = [];
  let quoted = false;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (QUOTED_LINE.test(line)) {
      quoted = true;
      continue;
    }
    if (!quoted) continue;
    if (startsHistory(lines, i)) break;
    below.push(line);
  }
  return below;
}

function startsHistory(lines: string[], i: number): boolean {
  const line = lines[i];
  return (
    FORWARD_MARKER.test(line) ||
    ORIGINAL_MESSAGE.test(line) ||
    OUTLOOK_RULE.test(line) ||
    isHeaderBlock(lines, i) ||
    attributionStart(lines, i) !== null
  );
}

/**
 * "On Mon, 30 Nov 2026 at 09:00, Ana <ana@x.com> wrote:" possibly wrapped over up to three lines, the verb on the
 * last line or before the break ("Am Di., 1. Dez. 2026 um 09:04 Uhr schrieb Anna <\nanna@x.de>:"). A wrapped
 * attribution is one block: no blank line inside and no sentence ending a line, so a reply whose first line opens
 * with "On", "Am", "Le", "Il", "Op"… ("Am Dienstag um 10 Uhr passt es.") above a blank line is not taken for one.
 */
function attributionStart(lines: string[], i: number): number | null {
  const line = lines[i];
  if (ATTRIBUTION_END.test(line) && (ATTRIBUTION_START.test(line) || /[@<\d]/.test(line))) {
    for (let back = i; back > Math.max(-1, i - 3); back--) {
      if (back < i && (!lines[back].trim() || /[.!?]\s*$/.test(lines[back]))) break;
      if (ATTRIBUTION_START.test(lines[back])) return back;
    }
    return i;
  }
  if (ATTRIBUTION_START.test(line) && ATTRIBUTION_INLINE.test(line) && /[@<\d]/.test(line)) return i;
  if (ATTRIBUTION_START.test(line) && /\d/.test(line) && !/[.!?]\s*$/.test(line)) {
    for (let next = i + 1; next <= i + 2 && next < lines.length && lines[next].trim(); next++) {
      const joined = lines.slice(i, next + 1).join(' ');
      if (!ATTRIBUTION_END.test(lines[next]) && !ATTRIBUTION_END.test(joined)) continue;
      if (/[@<]|\d{1,2}:\d{2}|\d{4}/.test(joined)) return i;
    }
  }
  return null;
}

/** An Outlook header block: "From: …" then "Sent:/Date:/To:/Subject:" within the next lines. */
function isHeaderBlock(lines: string[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i])) return false;
  let headers = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
    if (HEADER_NEXT.test(lines[j])) headers++;
  }
  return headers >= 1;
}

/**
 * Drops the signature: "-- ", "Sent from my iPhone", a closing line with content above it, a disclaimer. A
 * postscript below it is the writer's own text again ("Best, Ana / P.S. Please stop the follow-ups"): kept, up
 * to the next blank line.
 */
function cutSignature(input: string[], cuts: string[]): string[] {
  const kept = cutAtSignature(input, cuts);
  const at = input.findIndex((line, i) => i >= kept.length && POSTSCRIPT.test(line));
  if (at < 0) return kept;
  const blank = input.findIndex((line, i) => i > at && !line.trim());
  const above = kept.join('\n').trimEnd().split('\n');
  return [...above, '', ...input.slice(at, blank < 0 ? input.length : blank)];
}

function cutAtSignature(input: string[], cuts: string[]): string[] {
  let lines = input;
  let end = lines.length;
  for (let i = 0; i < end; i++) {
    const line = lines[i];
    const hasContentAbove = lines.slice(0, i).some((l) => l.trim().length > 0);
    if (SIGNATURE_DASHES.test(line) || SENT_FROM.test(line)) {
      end = i;
      cuts.push('signature');
      break;
    }
    if (hasContentAbove && CLOSING.test(line)) {
      end = i;
      cuts.push('closing');
      break;
    }
    const inline = inlineClosingAt(line);
    if (inline !== null) {
      lines = [...lines.slice(0, i), line.slice(0, inline)];
      end = i + 1;
      cuts.push('closing');
      break;
    }
    if (hasContentAbove && DISCLAIMER.test(line)) {
      end = i;
      cuts.push('disclaimer');
      break;
    }
  }
  return lines.slice(0, end);
}

const INLINE_MARKERS: RegExp[] = [
  /\s(?=(on|el|le|am|em|il|op) [^\n]{4,160}?(wrote|escribi[oó]|a [ée]crit|schrieb|escreveu|ha scritto|schreef)([^\n:]{0,100})?:)/gi,
  /\s(?=-{2,}\s*(original message|mensaje original|message d'origine|urspr[üu]ngliche nachricht|mensagem original|messaggio originale|oorspronkelijk bericht|forwarded message)\s*-{2,})/gi,
  /\s(?=(from|von|van|da|de)\s*:[^\n]{3,120}?\s(sent|gesendet|envoy[ée]|enviado|inviato|verzonden|date|datum)\s*:)/gi,
  /\s(?=(sent from my|enviado desde mi|envoy[ée] de mon|von meinem|enviado do meu|inviato da|verzonden vanaf mijn) (iphone|ipad|android|smartphone))/gi,
  /\s(?=(this (e-?mail|message)|ce (message|courriel)|diese e-?mail|este (correo|mensaje)|esta mensagem|questo messaggio|dit (e-?mail|bericht))[^.]{0,80}(confidential|confidentiel|vertraulich|confidencial|riservat|vertrouwelijk))/gi,
  /(?<=(wrote|escribi[oó]|a [ée]crit|schrieb|escreveu|ha scritto|schreef)([^\n:]{0,100})?:)\s*(?=>)/gi,
];

/** Puts a line break before quote, forward and signature markers written inline (one-line bodies). */
function splitInlineMarkers(text: string): string {
  return INLINE_MARKERS.reduce((t, re) => t.replace(re, '\n'), text);
}

const VALEDICTION =
  /(?:^|[.!?)]\s+|\s[-–—]\s)(best regards|kind regards|warm regards|warmest regards|regards|best wishes|many thanks|cheers|best|sincerely|saludos cordiales|saludos|un saludo|atentamente|bien cordialement|cordialement|bien [àa] vous|mit freundlichen gr[üu](?:ß|ss)en|viele gr[üu](?:ß|ss)e|beste gr[üu](?:ß|ss)e|liebe gr[üu](?:ß|ss)e|sch[öo]ne gr[üu](?:ß|ss)e|gr[üu](?:ß|ss)e|lg|mfg|atenciosamente|abra[çc]os|cumprimentos|cordiali saluti|distinti saluti|saluti|un saluto|cordialmente|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|groetjes|groeten|groet|mvg)\s*[,!.]?\s+(?=\p{Lu})/giu;

/** Where a closing written inline ("… works for me. Best, Ana Ruiz, Head of Ops") starts, or null. */
function inlineClosingAt(line: string): number | null {
  VALEDICTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VALEDICTION.exec(line)) !== null) {
    const at = m.index + m[0].indexOf(m[1]);
    if (at > 0 && line.slice(0, at).trim().length > 0) return at;
  }
  return null;
}
