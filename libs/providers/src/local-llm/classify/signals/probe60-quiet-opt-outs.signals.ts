import { LATER_PERIOD } from './european-paraphrase.signals';
import { MONTHS, s, type Signal } from './signal';

/**
 * Quiet opt-outs (probe 60): asks to end contact in everyday words that say neither stop, unsubscribe nor remove,
 * in the seven languages, in the forms the older patterns miss:
 * - not to hear from them again ("Prefiero no volver a saber de ustedes", "Je préfère ne plus avoir de vos
 *   nouvelles", "Preferirei non avere più vostre notizie", "Não quero mais ouvir falar de vocês", "Non fatevi più
 *   sentire", "Melden Sie sich bitte nie wieder bei mir");
 * - to send nothing more ("mir nichts mehr zu schicken", "merci de ne plus rien y envoyer", "vi chiedo di non
 *   inviare più nulla", "I'd ask you not to send anything further", "ik wil niets meer van jullie ontvangen", "Ni un
 *   mensaje más", "Sparen Sie sich weitere Mails");
 * - to be left out of the campaigns ("Laissez-moi en dehors de vos campagnes", "Lasciatemi fuori dalle vostre
 *   campagne", "mich bei Ihren Kampagnen außen vor zu lassen", "Don't include me in any more of these sequences");
 * - not to be chased, approached or written to again, in the forms without the usual particles ("Bitte fassen Sie
 *   nicht weiter nach", "ne pas revenir vers moi", "me contactez plus", "non sollecitarmi più", "Mail dit adres niet
 *   meer", "via geen enkel kanaal meer benaderd worden", "Não precisam voltar a contactar", "make sure I don't get
 *   anything else from you", "this was the last message I get from you").
 * Look-alikes kept out: the writer's own farewell ("Ik zal niet meer mailen want ik vertrek vrijdag"), a chaser
 * aimed at someone else ("Please don't follow up with my assistant"), "no need to reply", later ("ne revenez pas
 * vers moi avant mars": temporal), a closure told as the past ("Wir haben den Laden im Sommer geschlossen" is no
 * season to come back in). Patterns read the normalised text (lowercase, no accents, apostrophes as spaces).
 */

/** What a sender's campaigns or lists are called, in the seven languages. */
const CAMPAIGNS =
  '(campaigns?|sequences?|mailings?|mail ?outs?|lists?|mailing lists?|newsletters?|drips?|cadences?|blasts?|outreach|email(s| list)?|campagnes?|listes?|envois|prospections?|relances|campagne|campagna|liste|lista|newsletter|invii|comunicazioni|promozioni|kampagnen?|aussendungen|aktionen|werbeaktionen|verteilern?|listen|sequenzen|newslettern?|mailingliste|campanas|campanhas|envios|listas|campagnes|lijsten|mailings)';

/** Not papers: "keine weiteren Rechnungen erhalten" asks for fewer invoices, not for the messages to end. */
const NOT_PAPERS = '(?!(rechnung|mahnung|kosten|papier|brief|liefer|paket|ware|beleg|katalog|prospekt))';

/** Someone the writer points the chasing at: "my assistant", "our finance team", "his office". */
const SOMEONE_OF_MINE =
  '(my|our|his|her|their) (?!(inbox|number|email|e mail|address|phone|mobile)\\b)[a-z]+';

/**
 * A business closed by the writer, in the past tense and with what was closed ("we closed the shop", "on a fermé la
 * boutique", "cerramos el negocio", "abbiamo chiuso l'attività", "fechamos a loja", "we hebben de zaak gesloten"): a
 * month after it dates the closure, not a return ("closed in August" alone may be a holiday: not read here).
 */
const BUSINESS_NOUNS =
  '(business|shop|store|company|office|practice|salon|restaurant|bakery|studio|firm|agency|clinic|cafe|bar|boutique|magasin|societe|entreprise|commerce|cabinet|agence|negocio|tienda|empresa|local|despacho|oficina|attivita|negozio|azienda|ditta|studio|societa|loja|escritorio|bedrijf|winkel|zaak|praktijk)';
const CLOSED_THE_BUSINESS = `(we|i|they) (have |had )?(closed|shut)( down)? (the|our|my) ${BUSINESS_NOUNS}|(the|our|my) ${BUSINESS_NOUNS} (was |has been |got )?(closed|shut)( down)?|(on a|nous avons|j ai) ferme (la|le|l|notre|ma|mon) ${BUSINESS_NOUNS}|(cerramos|hemos cerrado|cerre|he cerrado) (el|la|nuestro|nuestra|mi) ${BUSINESS_NOUNS}|(abbiamo|ho) chiuso (l|il|la|lo|la mia|il mio|la nostra|il nostro) ${BUSINESS_NOUNS}|(fechamos|encerramos|fechei|encerrei) (a|o|a nossa|o nosso|nossa|nosso|minha|meu|a minha|o meu) ${BUSINESS_NOUNS}|(we hebben|wij hebben|ik heb) (het|de|onze|ons|mijn) ${BUSINESS_NOUNS}( [a-z]+){0,2} gesloten`;

export const PROBE60_QUIET_GUARDS: Signal[] = [
  s(
    'neutral',
    0,
    'papers, not messages (de)',
    /\bkeine (weiteren )?(rechnung|mahnung|papier|katalog|prospekt|kontoausz|lieferschein)[a-z]* mehr\b/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'the writer will not write again (nl)',
    /\b(ik|wij|we) (zal|zullen|ga|gaan)( (je|jullie|u|jou))? (niet meer|nooit meer) (mailen|bellen|schrijven|appen|reageren|antwoorden|berichten sturen)\b/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'the chasing aimed at someone of theirs',
    new RegExp(
      `\\b(please )?(do not|no need to) (follow up|chase|check in|circle back) (with|on) ${SOMEONE_OF_MINE}\\b`,
    ),
    'guard',
  ),
  s(
    'neutral',
    2,
    'no need to reply (fr/it/es/pt/nl)',
    /\b(pas besoin|inutile|nul besoin) de (me )?(repondre|rien repondre)\b|\bnon (serve|c e bisogno di|e necessario) rispondere\b|\bno (hace falta|es necesario) (que (me )?(respondas|responda|respondan|contestes|conteste)|responder)\b|\bnao (precisa|e preciso|precisam)( de)? (me )?responder\b|\b(hoeft|hoef je|hoeft u) (geen reactie|niet te reageren|niet te antwoorden)\b/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'no need to call, by a channel',
    /\bno need to (follow up|chase|call|ring) (me )?(by|over the|on the|via) (phone|call|calls|telephone|email|e mail|text|sms)\b/,
    'guard',
  ),
  s(
    'not_interested',
    1,
    'a closure told as the past, with its season',
    /\b(geschlossen|aufgegeben|zugemacht|dichtgemacht|fechamos|encerramos|fechou|closed|shut|gesloten|ferme|chiuso|cerramos|cerrado)\b([a-z ]{0,30}?)\b(im|in|no|na|diesen|letzten|this|last|in the|deze|afgelopen|cet|l|quest|en|el|este|neste|desse|dieses)( (pasado|passado|vergangenen|vorigen))? ?(sommer|herbst|winter|fruhjahr|fruhling|verao|outono|inverno|primavera|summer|autumn|fall|winter|spring|zomer|herfst|winter|voorjaar|ete|automne|hiver|printemps|estate|autunno|inverno|verano|otono|invierno)\b|\b(im|in|diesen|letzten|no|neste|in the|this|last|deze|afgelopen|cet|quest|en|este|el)( (pasado|passado|vergangenen|vorigen))? ?(sommer|herbst|winter|fruhjahr|fruhling|verao|outono|inverno|summer|autumn|fall|spring|zomer|herfst|voorjaar|ete|automne|hiver|printemps|estate|autunno|verano|otono|invierno) (geschlossen|aufgegeben|zugemacht|dichtgemacht|closed|gesloten|ferme|chiuso|cerrado)\b/,
    'guard',
  ),
  s(
    'not_interested',
    1,
    'a closure told as the past, with its month',
    new RegExp(
      `\\b(${CLOSED_THE_BUSINESS})\\b( (down|for good|permanently|definitivamente|definitivement|per sempre|voorgoed))?,? (back )?(in|en|a|em|im|w|we|in de maand|last|this|at the end of|a finales de|fin|a fine|no fim de|eind|ende)( (de|di|do|of|del))? ${MONTHS}\\b`,
    ),
    'guard',
  ),
];

export const PROBE60_QUIET_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'would rather not hear from them again',
    /\b(prefiero|preferiria|preferimos|quiero|quisiera|queremos) no (volver a )?saber (nada )?(mas )?de (ustedes|usted|vosotros|ti|su empresa|vuestra empresa)\b|\b(je prefere|je prefererais|j aimerais|je souhaite|je voudrais|nous preferons|nous prefererions|nous souhaitons) ne plus (avoir (de |des )?(vos|tes|de vos) nouvelles|entendre parler de (vous|toi|votre societe|votre entreprise))\b|\b(preferirei|preferisco|vorrei|desidero|preferiremmo) non (avere|ricevere|sentire) piu (vostre|sue|tue|le vostre|le sue) (notizie|nuove)\b|\bnon (fatevi|si faccia|farti|vi fate|ti fare) piu sentire\b|\bnao (quero|queremos|desejo|desejamos) mais (ouvir falar|saber nada|saber) d(e|a|o) (voces|vcs|vos|vossa empresa|sua empresa|voce|vossa parte)\b|\bprefiro nao (ter mais|voltar a ter) noticias (vossas|de voces|suas|de vcs)\b|\b(melden sie sich|meldet euch|melde dich)( (bitte|einfach|auch|doch))* (nie wieder|nie mehr|niemals wieder|niemals mehr|nicht mehr|nicht wieder)( bei (mir|uns))?\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'asks them to send nothing more',
    new RegExp(
      `\\b(mir|uns)( (bitte|kunftig|in zukunft|ab sofort))* (nichts|keine ${NOT_PAPERS}[a-z]+) mehr (zu )?(schicken|senden|zusenden|zuschicken|zukommen zu lassen)\\b|\\b(schicken|senden) sie (mir|uns)( bitte)? (nichts|keine ${NOT_PAPERS}[a-z]+) mehr\\b|\\b(will|mochte|wollen|mochten)( (auch|bitte|ab sofort|kunftig|in zukunft))* keine (mehr|weiteren ${NOT_PAPERS}[a-z]+( mehr)?) (bekommen|erhalten|zugeschickt bekommen)\\b|\\bsparen sie sich( bitte)? (weitere|alle weiteren|ihre|jede weitere|jegliche) (e ?mails?|emails|mails|nachrichten|anrufe|sms|nachfass\\w*)\\b|\\bne (plus|jamais) rien ((m|me|nous|y) )*(envoyer|adresser|transmettre|expedier)\\b|\\bnon (inviare|mandare|spedire|inviarmi|mandarmi|inviarci|mandarci) piu (nulla|niente|nient altro|alcun[a-z]*|altro)\\b|\\b(i|we)( (would|d|must|will|kindly|politely|therefore|now))* ask (that )?(you|u)( (kindly|please))? (do not|not to|not) (send|email|e mail|text|message|contact|write to|call|ring|reach out to)\\b|\\b(wil|wens|willen|wensen)( [a-z]+){0,3} niets meer( van (jullie|u|je|jou|reachline|jullie bedrijf|uw bedrijf))?( te)? (ontvangen|krijgen|horen)\\b|\\bni un (solo )?(mensaje|correo|mail|email|e mail|whatsapp|sms|msj|llamada) mas\\b|\\bnem mais (uma|um) (mensagem|email|e mail|ligacao|sms)\\b`,
    ),
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'asks to be left out of the campaigns',
    new RegExp(
      `\\blaissez (moi|nous) (en dehors|hors) (de|des|du) ((vos|ces|votre|cette|tes|toutes vos|tous vos|la|les) )?([a-z]+ )?${CAMPAIGNS}\\b` +
        `|\\blasciate(mi|ci) fuori (da|dalle|dai|dagli|dalla|dal) ((vostre|vostri|vostra|vostro|sue|tue|queste|questi) )?${CAMPAIGNS}\\b` +
        `|\\b(mich|uns)( (bitte|kunftig|in zukunft))* (bei|aus|von) (ihren|euren|deinen|allen|ihrer|eurer|den|diesen|kunftigen|weiteren) ([a-z]+ )?${CAMPAIGNS}( (kunftig|bitte|in zukunft))* (aussen vor|heraus|raus)( zu)? lassen\\b` +
        `|\\b(lassen sie|lasst|lass) (mich|uns)( (bitte|kunftig|in zukunft))* (bei|aus|von) (ihren|euren|deinen|allen|ihrer|eurer|den|diesen|kunftigen|weiteren) ([a-z]+ )?${CAMPAIGNS}( (kunftig|bitte|in zukunft))* (aussen vor|heraus|raus)\\b` +
        `|\\b(please )?(do not|never) (include|add|put) (me|us|my (name|email|address|number)) (in|on|to|into) (any|any more|any further|anymore|future|further|your|these|this|the|more)( of)?( (these|your|the|those|future|further))?( [a-z]+)? ${CAMPAIGNS}\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks not to be chased or written to again, in other words',
    /\b(fassen sie|fasst|fass)( bitte)? nicht (mehr|weiter|nochmal|noch einmal|erneut) nach\b|\bbitte nicht (mehr|weiter|erneut) (nachfassen|nachhaken)\b|\bne (pas|plus) (revenir|reviens|revenez) vers (moi|nous)\b|\bne (revenez|reviens) (plus|pas) vers (moi|nous)\b|(?<!\b(vous|tu|pourquoi|si|quand|ne|n) )\b(me|m) (contactez|recontactez|ecrivez|appelez|relancez|sollicitez|harcelez|contacte|recontacte|ecris|appelle|relance) plus\b(?! (tard|tot|souvent|vite|de|d|que|longtemps|rapidement|simplement|jamais))|\bnon (sollecitarmi|sollecitatemi|sollecitarci|sollecitateci|mi sollecitate|mi sollecitiate) piu\b|\b(mail|mailt|app|appt|bel|belt|sms|schrijf|schrijft|stuur|stuurt)( (naar|op))? (dit|dat|deze|mijn|ons) (adres|nummer|mailadres|e ?mailadres|emailadres|telefoonnummer|mailbox) (niet meer|nooit meer)\b|\b(ik|wij|we) (wil|wens|willen|wensen) ([a-z]+ ){0,6}(niet|nooit|geen ([a-z]+ ){1,2})meer (benaderd|gecontacteerd|gemaild|gebeld|geappt|lastiggevallen|gestoord) (te )?worden\b|\bnao (precisam|precisa|e preciso)( de)? (voltar a|mais) (me |nos )?(contactar|contatar|escrever|ligar|mandar mensagens?|enviar mensagens?)( me| nos)?(?=\s*([.!;,]|$|(por favor|obrigad[oa]|pfv|pf)\b))/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'leave me alone from now on (de)',
    /\b(lass|lasst|lassen sie) (mich|uns)( (bitte|doch|einfach|endlich))* (in zukunft|zukunftig|fortan|von nun an|ab heute)( (bitte|doch|einfach|endlich))* in ruhe\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks to be sure nothing more comes (en)',
    /\b(make sure|ensure|see to it|see that) (that )?(i|we) (do not|never|no longer) (get|receive|hear) (anything|any more|any further|more|another)( (else|more|further))?( (messages?|emails?|texts?|calls?))? (from|off) (you|your [a-z]+)\b|\b(this|that) (is|was|be|will be|would be) the (last|final) (message|email|e mail|text|one|time)( (i|we) (get|receive|hear)| you send( me| us)?)\b/,
  ),
];

/** A deferral with the verb between "niet" and the time ("Niet opvolgen vóór maart graag"): later, not never (nl). */
export const PROBE60_QUIET_SIGNALS: Signal[] = [
  s(
    'not_now',
    3,
    'not to follow up before a later period (nl)',
    new RegExp(
      `\\bniet (opvolgen|nabellen|namailen|mailen|bellen|benaderen|contacteren|terugkomen|contact opnemen|opnieuw contact opnemen)( (aub|graag|alsjeblieft|a u b))? (voor|voordat|eerder dan)( de| het| eind| half| begin| medio)? ${LATER_PERIOD}\\b`,
    ),
  ),
];
