import { MONTHS, s, type Signal } from './signal';

/**
 * The boundary between "not now", "not interested" and "stop" (probe 35), in en, es, pt, fr, de, it and nl. "Don't
 * chase me, I'll come back to you" ("ne me relancez pas, je reviendrai vers vous", "non mi ricontattate, vi chiamo
 * io", "no me persigan, yo les escribo", "não precisa me cobrar, eu retorno", "bitte nicht nachhaken, ich melde
 * mich", "niet meer nabellen, ik bel zelf") is a timing objection in the dev half: the writer will be the one to
 * come back (opt-out-scope excuses the "don't chase" when such a promise stands in the reply). A promise made only
 * if they ever need something ("si un jour on a besoin de vous", "se mai ci servirà", "falls wir etwas brauchen")
 * closes the door: the request to stop stands. Also: a bare "stop chasing me" outside English (an opt-out), "the
 * answer is still no" and "we're fine as we are" (refusals), a request to hold off until a later time and "after the
 * holidays", which is a time, not an away notice. Patterns read the normalised text (lowercase, no accents,
 * "I'll" → "i will").
 */

/** The writer will get in touch themselves ("I'll reach out when we're ready", "je vous fais signe", "ik bel zelf"). */
export const WRITER_COMES_BACK = new RegExp(
  [
    // English
    '\\b(i|we) will (reach out|be in touch|get in touch|get back to you|come back to you|circle back|ping you|let you know|call you|email you|e ?mail you|text you|contact you|drop you a line|be the ones? to reach out)( again| back)? (when|once|as soon as|after|in|next|if|closer|later|then|at some point|down the line)\\b',
    '\\bi will (reach out|be in touch|get in touch|get back to you|come back to you|circle back|ping you|contact you)( again| back)?\\s*([.!,;)]|$)',
    '\\byou will hear from (me|us)\\b',
    // French
    '\\b(je|nous|on) (reviendrai|reviens|reviendrons|revenons|reviendra|revient) vers (vous|toi)\\b',
    '\\b(je|nous|on) (vous|te) (recontacterai|recontacterons|recontactera|rappellerai|rappellerons|rappellera|ferai signe|fais signe|ferons signe|fait signe|fera signe|ecrirai|ecrirons|tiens au courant|tiendrai au courant|tiendrons au courant)\\b(?! (que|qu)\\b)',
    // "je vous rappelle pour votre message" (a voicemail): the return call being made now, not a promise
    '\\b(je|nous|on) (vous|te) (recontacte|rappelle)\\b(?! (que|qu)\\b)(?! (pour|suite a|concernant|au sujet de|a propos de|par rapport a) (votre|vos|ton|ta|tes) (message|appel|mail|e ?mail|sms|courriel|texto|annonce)s?\\b)',
    // Italian
    '\\b(vi|ti|la|le) (chiamo|chiamero|scrivo|scrivero|ricontatto|ricontattero|richiamo|richiamero|contatto|contattero|cerco|cerchero) io\\b',
    '\\b(vi|ti|la|le) (faccio|faro|faremo|facciamo) sapere (io|noi|quando|appena|a|tra|fra|dopo|il prossimo|la prossima)\\b',
    '\\b(mi|ci) (faccio|faro|facciamo|faremo) (vivo|viva|vivi|sentire)\\b',
    // Spanish
    '\\byo (les|te|le|los|las) (escribo|escribire|llamo|llamare|marco|marcare|aviso|avisare|contacto|contactare|busco|buscare)\\b',
    '\\b(les|te|le|los|las) (escribo|escribire|llamo|llamare|marco|aviso|avisare|contacto|contactare|busco|buscare) yo\\b',
    '\\b(me pongo|me pondre|nos ponemos|nos pondremos) en contacto\\b',
    '\\b(les|te|le) (aviso|escribo|llamo|contacto) (cuando|en cuanto|apenas)\\b',
    // Portuguese
    '\\beu (te |lhe |vos )?(retorno|procuro|aviso|chamo|ligo|dou (um )?retorno|dou noticias)\\b',
    '\\b(eu )?(entro|entramos) em (contato|contacto)\\b',
    '\\b(a gente|nos) (retorna|retornamos|entra em contato|entramos em contato|procura voces|procuramos voces)\\b',
    '\\b(te|lhe|vos) (aviso|procuro|chamo|ligo|retorno) (quando|assim que|logo que)\\b',
    // German
    '\\b(ich|wir) (melde|melden) (mich|uns)( bei (ihnen|dir|euch))?( (dann|selbst|selber|schon|von selbst|wieder|gerne|gern))*( (sobald|wenn|im|in|nach|anfang|ende|mitte|zu gegebener zeit)\\b|\\s*([.!,;]|$))',
    '\\b(melde ich mich|melden wir uns)\\b(?!( (einfach|dann|halt|eben|gleich|sofort|bei ihnen|wieder))* ab\\b)',
    '\\b(ich|wir) (komme|kommen) (dann |wieder |gerne |gern )?(auf sie|auf dich|auf euch) zu\\b',
    '\\bsie horen von (mir|uns)\\b',
    // Dutch
    '\\bik (bel|mail|app) (zelf|jullie zelf|u zelf|je zelf|wel)\\b',
    '\\b(ik|wij|we) (neem|nemen) (zelf |wel |zelf wel )?(contact (met (u|jullie|je) )?op|zelf contact op)\\b',
    '\\b(ik|wij|we) (laat|laten) (het )?(je|u|jullie) (het )?weten\\b',
    '\\bik kom (bij (je|u|jullie) )?(erop |hierop |er )?terug\\b',
    '\\bik meld me\\b(?! af)',
  ].join('|'),
);

/**
 * A promise that only holds if they need something ("I'll reach out if we ever need you", "si besoin", "se
 * precisar", "wenn überhaupt"): read in the promise's sentence, it is a dismissal, not a deferral.
 */
export const ONLY_IF_NEEDED =
  /\b(if|when|whenever|should|si|se|quand|cuando|quando|falls|wenn|als|indien|mocht)\b[^.!?\n]{0,40}\b(need|needs|needed|require|besoin|bisogno|servir\w*|serve|servono|necesit\w*|necesidad\w*|necessidade\w*|precis\w*|brauch\w*|benotig\w*|bedarf|nodig|behoefte|interess\w*)\b|\b(if at all|if ever|wenn uberhaupt|falls uberhaupt|si jamais|se mai|algun dia|um dia|un jour|some day|someday|one day)\b/;

/** Until a later time (es, pt, fr, de, it, nl; English has its own): "tot februari", "hasta después de Semana Santa". */
const UNTIL_LATER = new RegExp(
  `\\b(hasta|ate|jusqu a|jusqu en|jusqu apres|bis|fino a|tot)( (despues de|depois d[aeo]s?|apres|nach|dopo|na))?( (el|la|las|los|o|a|os|as|les|le|l|den|dem|der|die|il|gli|de|het))? (${MONTHS}|q[1-4]|jaarwisseling|nieuwjaar|jahreswechsel|neujahr|capodanno|nouvel an|ano nuevo|ano novo|semana santa|pascua|pascoa|paques|pasqua|ostern|pasen|carnaval|carnevale|karneval|verano|verao|ete|sommer|estate|zomer|fiestas|festas|fetes|feiertage\\w*|feste|feestdagen|la rentree|rentree)\\b`,
);

/** A time of year that is a holiday: after it, a time (not an away notice). */
const AFTER_THE_HOLIDAYS =
  /\b(despues de las vacaciones|depois das ferias|apos as ferias|apres les (vacances|conges)|nach (den ferien|dem urlaub|den betriebsferien)|dopo le ferie|na de vakantie)\b/;

// prettier-ignore
export const CHASE_BOUNDARY_GUARDS: Signal[] = [
  s('not_now', 3, 'after the holidays (es/pt/fr/de/it/nl)', AFTER_THE_HOLIDAYS, 'guard'),
];

// prettier-ignore
export const CHASE_BOUNDARY_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'stop chasing me (es/pt/fr/de/it/nl)', /\b(dejen|deja|dejad|deje) de (insistir|insistirme|perseguirme|perseguirnos)\b|\bno (me |nos )?(insistan|insista|insistas|persigan|persiga) mas\b|\bchega de (cobranca|cobrancas|insistencia)\b|\bparem de (me |nos )?(cobrar|insistir)\b|\bbasta (con )?(i |questi |sti )?solleciti\b|\bsmettete(la)? di (sollecitar|insister)\w*|\bniente piu (messaggi|sms|chiamate|telefonate|mail|email|e mail)\b|\b(horen|hort|hor) (sie )?(bitte )?auf,? (nachzuhaken|nachzufassen|nachzufragen)\b|\b(stop|stoppen|hou op|houd op) met (nabellen|opvolgen|navragen)\b/, 'temporal'),
];

// prettier-ignore
export const CHASE_BOUNDARY_SIGNALS: Signal[] = [
  s('not_now', 3, 'the writer will come back', WRITER_COMES_BACK),
  s('not_now', 3, 'holds off until later (es/pt/fr/de/it/nl)', UNTIL_LATER),
  s('not_now', 3, 'talks again later (it/es)', /\b(ne riparliamo|riparliamone|ci risentiamo) (nel|nella|a|al|alla|dopo|tra|fra|il prossimo|la prossima|in|quando|piu avanti)\b|\blo (vemos|miramos|retomamos|hablamos) (en|despues|a partir|el proximo|mas adelante)\b|\ben (${MONTHS}) lo (vemos|miramos|retomamos|hablamos)\b/),
  s('not_now', 2, 'names a later quarter (es/pt/fr/de/it/nl)', /\b(primo|secondo|terzo|quarto|primer|segundo|tercer|cuarto|primeiro|terceiro|premier|deuxieme|second|troisieme|quatrieme|ersten|zweiten|dritten|vierten|eerste|tweede|derde|vierde) (trimestre|quartal|kwartaal)\b/),
  s('not_interested', 4, 'the answer is still no (es/pt/fr/de/it/nl)', /\b(c est |ca reste |la reponse est )?toujours (un )?non\b|\b(la reponse )?(reste|restera) (un )?non\b|\b(la risposta )?resta (un )?no\b|\bsigue siendo (un )?no\b|\bcontinua (sendo|a ser) (um )?nao\b|\b(die antwort )?bleibt (ein )?nein\b|\bimmer noch nein\b|\b(het )?blijft nee\b|\bnog steeds nee\b/),
  s('not_interested', 4, 'fine as they are (es/pt/fr/de/it/nl)', /\b(on est|nous sommes) bien (comme (ca|cela)|ainsi)\b|\bestamos bien (asi|como estamos)\b|\bestamos bem (assim|como estamos)\b|\bsiamo a posto (cosi|per ora|al momento)\b|\bwir sind (so |damit )?gut (aufgestellt|bedient)\b|\b(we zijn|wij zijn|zijn we) (goed|prima) (geholpen|voorzien)\b/),
  s('not_interested', 4, 'decided not to go ahead (es/pt/fr/it/nl)', /\b(hemos decidido|decidimos|hemos optado por|optamos por) (no (avanzar|seguir adelante|continuar|contratar)|seguir con (nuestro|nuestra) )|\b(optamos|optamos por|decidimos|resolvemos) (por )?nao (avancar|seguir|prosseguir|continuar)\b|\b(abbiamo deciso|ho deciso) di non (procedere|proseguire|andare avanti)\b|\b(avons|ai) decide de ne pas (donner suite|aller plus loin|poursuivre)\b|\bbesloten (om )?(hier )?niet (op in te gaan|verder te gaan|door te gaan)\b/),
];
