import { decideByRules } from './decide-label';
import { matchSignals, type SignalScores } from './match-signals';
import type { PreparedReply } from './prepare-reply';
import { AUTO_REPLY_MARKER } from './signals/probe51-away-clause.signals';

/**
 * An absence mentioned in passing by a person who answers in their own words (probe 56): "I'm out until the 12th -
 * does it integrate with HubSpot?", "On leave till March, and no, we're not interested", "Away until Monday, can we
 * talk Tuesday at 10?", "Back in January, try me then". The absence is context; the rest of the reply decides, as
 * it would without it. An automatic away reply keeps its label whatever it asks or declines ("Questions about
 * invoices? Email accounts@…", "I will not be accepting meeting requests", "To unsubscribe, click here"): it says
 * it is automatic, points to someone or somewhere else, or speaks the formulas people do not write by hand.
 * Works on the normalised text (lowercase, no accents, "I'm" → "i am").
 */

/** What an automatic away reply says and a person answering in a line or two does not. */
const FORMULAIC = new RegExp(
  [
    `\\b${AUTO_REPLY_MARKER}\\b`,
    '^(hello,? |hi,? )?(thank you|thanks) (for|so much for) (your|reaching|getting|contacting)\\b',
    '\\b(automated|sent automatically|generated automatically|automatically generated|autoresponder|mensaje automatico|mensagem automatica|messaggio automatico|message automatique|automatisch bericht|automatische nachricht|abwesenheits)',
    '\\b(vielen dank fur ihre|merci (pour|de) votre (message|mail|e ?mail)|gracias por su (mensaje|correo)|obrigad[oa] pela sua|grazie per (il suo|la sua|il vostro)|bedankt voor uw)\\b',
    // urgency and stand-ins: "for urgent matters", "in my absence", "bei dringenden Anliegen", "pendant mon absence"
    '\\b(urgent|urgently|urgency|emergenc(y|ies)|dringend\\w*|urgence|urgences|urgencia|urgencias|urgente|urgentes|urgenza|urgenze|spoed\\w*)\\b',
    '\\b(in|during) my absence|\\b(in|wahrend) meiner abwesenheit|\\b(pendant|en) mon absence|\\bdurante (mi|minha|a minha|la mia) (ausencia|assenza)|\\btijdens mijn afwezigheid\\b|\\bin my place\\b',
    // the mailbox as a thing: not read, not forwarded, access limited
    '\\b(not|no|nicht|pas|no se|nao|non|niet) (be )?(checking|reading|monitoring|monitored|forwarded|weitergeleitet|gelesen|transferes?|reenviar\\w*|reencaminhad\\w*|inoltrat\\w*|doorgestuurd|gelezen)\\b',
    '\\b(limited|no|restricted|intermittent|sporadic|without) (access|acceso|acesso)\\b|\\b(sin|sem) acceso\\b|\\b(keinen|eingeschrankte\\w*) zugriff\\b|\\bacces (limite|restreint)\\b|\\baccesso limitato\\b|\\bbeperkte? toegang\\b',
    '\\b(this|my) (mailbox|inbox)\\b|\\bduring this (time|period)\\b|\\bin dieser zeit\\b|\\bpendant cette periode\\b|\\bdurante este periodo\\b|\\bneste periodo\\b|\\bin questo periodo\\b|\\bin deze periode\\b',
    // where to go instead: an address, a link, a number, a click
    '[a-z0-9._%+-]+@[a-z0-9-]+\\.[a-z]',
    '\\bwww\\.|\\b[a-z0-9-]+\\.(com|co|io|org|net|de|fr|es|it|nl|pt|eu)\\/',
    '\\d[\\d ]{6,}\\d',
    '\\b(click|klicken|cliquez|clique|haga clic|clicca|klik)\\b|\\bnewsletter\\b',
    '\\b(reply|respond|antworten sie|repondez|responda|rispondete|rispondi|antwoord) (with )?stop\\b',
    // the away notice's promise: "I'll get back to you then", "ich melde mich nach meiner Rückkehr"
    '\\b(i will|i shall|will) (get back to you|reply|respond|answer|be in touch|come back to you)\\b|\\bich melde mich\\b|\\bje (vous )?(repondrai|recontacterai|reviendrai vers vous)\\b|\\b(le|les|te) (respondere|contestare)\\b|\\b(le|vi|ti) rispondero\\b|\\b(lhe|te) (responderei|respondo)\\b|\\bik (reageer|antwoord|kom (bij u|bij je|erop) terug)\\b',
  ].join('|'),
);

/**
 * Where one clause ends and the next begins: punctuation, a dash, or a conjunction. Words that are conjunctions in
 * one language and something else in another or in the same ("en", "e", "ma", "mas" = "más", "maar" in "plan maar
 * een afspraak in", "so") split nothing; only "e não" / "e non" is taken for one.
 */
const CLAUSE_BREAK =
  /[.!?;:,\n¿¡]+|\s[-–—]+\s|\s(?:and|but|though|y|pero|mais|et|und|aber)\s|\se\s(?=(nao|non)\b)/g;

/** The clauses of a text, each keeping the question mark that ends it. */
function clausesOf(text: string): string[] {
  const clauses: string[] = [];
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    clauses.push(`${text.slice(start, m.index).trim()}${m[0].includes('?') ? '?' : ''}`);
    start = (m.index ?? 0) + m[0].length;
  }
  clauses.push(text.slice(start).trim());
  return clauses.filter((c) => /[a-z0-9]/.test(c));
}

/**
 * A person named as away, not the writer ("Sarah's off sick till Monday, try her then", "he is on leave"): whoever
 * answers for them is read by the other rules (colleague away, stands in).
 */
const SOMEONE_ELSE_AWAY =
  /\b(is|are|was|will be|est|sont|ist|sind|esta|estan|sta|stanno|zit|zijn)( (currently|still|now|gerade|noch|actuellement|ahora|ora|nu))? (away|off|out|on (annual |parental |maternity |paternity |sick )?(leave|holiday|vacation)|im urlaub|in elternzeit|krank|en conges?|en vacances|malade|de vacaciones|de baja|de ferias|de licenca|in ferie|in malattia|in maternita|op vakantie|met verlof|ziek)\b/;

/** The clauses of a reply that do not state an absence, when some did: what the reply says beside it. */
function clausesBesideAbsence(text: string): string | null {
  const clauses = clausesOf(text);
  const rest = clauses.filter((c) => matchSignals(c).scores.out_of_office < 3);
  return rest.length && rest.length < clauses.length ? rest.join('. ') : null;
}

/** Whether what is left decides anything by itself: a question, or a label the rules state firmly. */
function decisive(rest: SignalScores): boolean {
  const decision = decideByRules(rest.scores, rest.hits);
  if (decision.label === 'neutral' || decision.label === 'out_of_office') return false;
  if (decision.label === 'question') return rest.scores.question >= 2;
  return decision.firm;
}

/**
 * The signals to decide by: those of the reply beside its absence when a person mentions the absence in passing
 * and says something else that decides; otherwise the reply's own. Only what is left is read: a question asked in
 * the absence clause itself ("will the sequences pause while I'm on leave?") leaves the away reply as it was, and
 * a question about waiting ("can it wait till I'm back?") reads as holding off, as it would alone.
 */
export function readBesideAbsence(
  prepared: Pick<PreparedReply, 'matchable'>,
  read: SignalScores,
): SignalScores {
  const { matchable } = prepared;
  if (read.scores.unsubscribe > 0 || decideByRules(read.scores, read.hits).label !== 'out_of_office')
    return read;
  if (FORMULAIC.test(matchable) || SOMEONE_ELSE_AWAY.test(matchable)) return read;
  const restText = clausesBesideAbsence(matchable);
  if (!restText) return read;
  const rest = matchSignals(restText);
  if (rest.scores.unsubscribe > 0 || !decisive(rest)) return read;
  return rest;
}
