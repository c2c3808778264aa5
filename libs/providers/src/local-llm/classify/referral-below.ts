import type { Referral } from '../../llm/llm-tasks';
import type { IsolatedReply } from './isolate-reply';
import { extractReferral, foldAccents, referralContacts } from './referral';

/**
 * The person a wrong-person reply points to when the pointer sits in what isolate-reply cuts away under the new
 * text (issue 7: "Not me, sorry. -- John Smith / Please contact: mary.jones@acme.com"):
 * - a hand-over line of the signature ("For sales and partnerships please contact:", "My replacement: Ben Carter |
 *   ben@…", "Ansprechpartner Software: Frau Julia Brandt, Tel. …", "Contact achats : Mme Claire Dubois – …",
 *   "Nuovo referente acquisti: …", "Mijn opvolger: …"), with the lines under it when it ends with a colon; not the
 *   writer's own card (no hand-over word), a switchboard, an assistant, a data-protection officer, an emergency line;
 * - a P.S. under the quoted history ("> …\n\nP.S. Hannah Brooks runs our sales ops, hannah@…");
 * - the sender of a forwarded or quoted note that the new text names ("see Carla's note below", outside the
 *   greeting) or that asks for such messages itself ("send any pitches my way", "bitte an mich", "giratele a me").
 */

// prettier-ignore
const HANDOVER_CUE = new RegExp([
  'please (contact|call|email|e-mail|write to|get in touch with|reach out to)', 'contact:', 'should be (directed|sent|addressed) to',
  'enquiries', 'inquiries', 'new business', 'partnerships', 'my (replacement|successor)', 'successor', 'replaced by',
  '(is )?now (run|handled|managed|looked after) by', 'point of contact', 'ansprechpartner(in)?', 'zustandig', 'wenden sie sich',
  'nachfolger(in)?', 'fur [a-z-]*(themen|fragen|anfragen)', 'contact (achats|commercial|fournisseurs)', 'mon successeur',
  'ma successeure?', 'pour toute (proposition|demande|question|offre)', 'adressez-vous', 'merci de contacter', 'interlocut(eur|rice)',
  'para temas', 'contacto comercial', 'nuev[oa] responsable', 'departamento de compras', 'sucesor(a)?', 'dirigirse a',
  'contactar con', 'referente', 'rivolgersi', 'contattare', 'contato comercial', 'assuntos comerciais', 'sucessor(a)?',
  'nov[oa] responsavel', 'mijn opvolger', 'opvolger', 'contactpersoon', 'inkoop:', 'neem contact op',
].map((c) => `\\b${c}`).join('|'));

/** Lines that give a contact which is no hand-over: a switchboard, the diary, data protection, emergencies. */
const NOT_A_HANDOVER =
  /\b(switchboard|standard|centralita|centralino|zentrale|receptie|reception|main line|geral|algemeen|dpo|data protection|datenschutz|protection des donnees|proteccion de datos|protezione dati|protecao de dados|gegevensbescherming|privacy|emergenc\w*|urgen\w*|dringend\w*|spoed|duty manager|out of hours|assistant\w*|assistenz|asistente|secretar\w*|sekretariat|segreteria|secretariaat|agenda|unsubscribe|abmelden|desinscri\w*|baja)\b/;

/** A hand-over line and, when it ends with a colon, the contact lines under it (up to a blank line). */
function handoverLines(signature: string): string | null {
  const lines = signature.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = foldAccents(lines[i]);
    if (!HANDOVER_CUE.test(line) || NOT_A_HANDOVER.test(line)) continue;
    const under: string[] = [];
    if (/:\s*$/.test(lines[i]))
      for (let j = i + 1; j < lines.length && j <= i + 3 && lines[j].trim(); j++) under.push(lines[j]);
    return [lines[i], ...under].join('\n');
  }
  return null;
}

const NAME_WORD = "[A-ZÀ-ÖØ-Þ\\u0100-\\u024e][a-zà-öø-ÿ\\u0100-\\u024f'’-]+";
const LOWER_TITLES =
  '(?:(?:mevrouw|meneer|de heer|mevr\\.|dhr\\.|sig\\.(?:ra)?|dott\\.(?:ssa)?|ing\\.|eng\\.)\\s+)?';
/** The name that opens what follows the hand-over's colon: "Mme Claire Dubois – achats@…", "Jenny Cole on 0163…". */
const NAME_AFTER_COLON = new RegExp(
  `:\\s*${LOWER_TITLES}((?:(?:Mr|Mrs|Ms|Dr|Dra|Frau|Herr|Mme|M|Sr|Sra|Srta|Dña|Dhr|Mevr)\\.?\\s+)?${NAME_WORD}(?:\\s+(?:van der|van den|van|von|de la|de|da|del|di|dos|du|le|la)?\\s*${NAME_WORD}){0,2})\\s*(?=$|[|,(–—-]|\\s(?:on|at|op|au|al|em|unter)\\s|\\s*[A-Za-z0-9._%+-]+@|\\s*\\+?\\d)`,
  'mu',
);

function fromHandoverLines(text: string): Referral | null {
  const { email, phone } = referralContacts(text);
  const named = extractReferral(text.replace(/:\s*$/gm, ':'));
  const name = NAME_AFTER_COLON.exec(text)?.[1] ?? named?.name ?? null;
  if (!email && !phone && !name) return null;
  return { name, email, phone };
}

/** "From: Kate Morris <kate@…>", "De : Nicolas Petit <n.petit@…>", "Von: Sabine Roth <…>". */
const HEADER_SENDER =
  /^\s*\**(?:from|de|von|da|van)\s*:\**\s*([^<\n]+?)\s*[<[(]\s*(?:mailto:)?([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/gim;
/** The note forwarded asks for such messages itself. */
const ASKS_FOR_THEM =
  /\b(my way|to me|at me|an mich|(a|à) moi|a mi|me escriba|(a|à) me|comigo|naar mij|bij mij|mij (rechtstreeks )?mailen|mailen mij|point them at me)\b/i;
/** A first line that only greets ("Hi Dana,", "Bonjour Camille"): the name there is ours, not a hand-over. */
const GREETING =
  /^\s*(hi|hello|hey|dear|hallo|guten tag|bonjour|salut|hola|buenos dias|ciao|buongiorno|ol[áa]|oi|hoi|beste|goedemorgen)\b[^\n]*/i;

function forwardedSender(history: string, note: string): Referral | null {
  const said = foldAccents(note.replace(GREETING, ''));
  const senders = [...history.matchAll(HEADER_SENDER)];
  for (let k = 0; k < senders.length; k++) {
    const name = senders[k][1].replace(/["']/g, '').trim();
    const email = senders[k][2];
    const words = name.split(/\s+/).filter((w) => w.length >= 3);
    const named = words.some((w) => new RegExp(`\\b${foldAccents(w)}\\b`).test(said));
    const start = (senders[k].index ?? 0) + senders[k][0].length;
    const block = history.slice(start, senders[k + 1]?.index ?? history.length);
    if (named || ASKS_FOR_THEM.test(block)) return { name: name || null, email, phone: null };
  }
  return null;
}

/** "P.S." lines below '>'-quoted history: the writer's own words, written under it. */
function postscriptUnderQuote(history: string): string | null {
  const lines = history.split('\n');
  const lastQuoted = lines.map((l) => /^\s*>/.test(l)).lastIndexOf(true);
  const ps = lines.findIndex((l, i) => i > lastQuoted && /^\s*p\.?\s?(p\.?\s?)?[sd]\b/i.test(l));
  return lastQuoted >= 0 && ps > lastQuoted ? lines.slice(ps).join('\n') : null;
}

/** A hand-over line in the signature cut under the new text, read as a referral; null without one. */
export function handoverInSignature(signature: string): Referral | null {
  const lines = handoverLines(signature);
  return lines ? fromHandoverLines(lines) : null;
}

export function referralBelow(
  isolated: Pick<IsolatedReply, 'signature' | 'history'>,
  note: string,
): Referral | null {
  const fromSignature = handoverInSignature(isolated.signature);
  if (fromSignature) return fromSignature;
  const ps = postscriptUnderQuote(isolated.history);
  return (ps ? extractReferral(ps) : null) ?? forwardedSender(isolated.history, note);
}

/**
 * The referral read in the new text, completed from below it: the new text's own when it gives a contact; else the
 * one below (named as in the new text when only the new text names them: "see Carla's note below").
 */
export function completeReferral(above: Referral | null, below: Referral | null): Referral | null {
  if (!below || (above && (above.email || above.phone))) return above ?? below;
  if (!above?.name) return below;
  const same =
    !below.name ||
    foldAccents(below.name).includes(foldAccents(above.name)) ||
    foldAccents(above.name).includes(foldAccents(below.name));
  return same ? { ...below, name: below.name ?? above.name } : above;
}
