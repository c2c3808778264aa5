import { DENIED_ASKING_WORDS } from './denied-asking';
import { s, type Signal } from './signal';

/**
 * The guards and negations around an opt-out word, as people type them (probe 46). normaliseText now reads the
 * negations typed without their apostrophe ("dont", "didnt", "shouldnt" → "do not", "did not", "should not") and the
 * misspelt words these guards read ("wrong persn", "out of offce", "Urluab", "kien Interesse"); what is left are the
 * shapes no guard knew, which those spellings brought to light:
 * - a refusal of the opt-out itself, in the seven languages: "I never said stop", "I didn't say no more emails",
 *   "nunca pedí la baja", "ik heb nooit gezegd dat ik wil stoppen"; "don't you dare remove me"; "I didn't mean to /
 *   shouldn't have clicked unsubscribe"; "no quiero darme de baja", "je ne veux pas me désinscrire", "non voglio
 *   disiscrivermi", "não quero sair da lista", "ik wil me niet afmelden"; French chat without its "ne" ("me
 *   désinscrivez pas");
 * - one kind of mailing refused while another is kept, in en/fr/es/it/pt/de/nl ("ne plus m'envoyer les invitations aux
 *   webinaires, mais la newsletter me va très bien");
 * - an absence that is over ("was out of office", "war im Urlaub", "j'étais en congé"): the writer is back.
 * Patterns read the normalised text (lowercase, no accents, "don't" → "do not").
 */

/** An opt-out word, as the writer would have said or asked for it. */
const OPT_OUT_WORDS =
  '("?(stop|unsubscribe|unsubscribed|opt out|opted out|remove me|removed|taken off|take me off|no more [a-z]+|cancel)\\b|la baja|de baja|desinscri\\w*|desabonn\\w*|abmelden|abgemeldet|austragen|ausgetragen|abbestellen|disiscri\\w*|cancellat[oa]|descadastr\\w*|sair da lista|stoppen|afmelden|afgemeld|uitschrijven|uitgeschreven)';

/** The writer denying they asked for it, then the opt-out words (blanked, so that no signal reads them). */
const NEVER_SAID = new RegExp(`(${DENIED_ASKING_WORDS}) ${OPT_OUT_WORDS}`);

/** "Don't you dare remove me", "don't even think about unsubscribing me". */
const DARE_NOT =
  /\bdo not (you|u) (dare|even think about|even think of)( [a-z]+){0,2}? (remov\w*|unsubscrib\w*|tak\w* (me|us) off|delet\w*|stop\w*|drop\w*)\b/;

/** An unsubscribe clicked without meaning to, or regretted. */
const CLICKED_WITHOUT_MEANING =
  /\b((did not|never) (mean|intend|want) to|should not have|should never have|never meant to)( (click|clicked|clicking|hit|hitting|press|pressed|tap|tapped|reply|replied|text|texted|send|sent|say|said|type|typed))?( on)?( the| that)? "?(unsubscribe|unsubscribed|opt out|stop|remove)\b/;

/** Not wanting to opt out, in the seven languages ("no quiero darme de baja", "je ne veux pas me désinscrire"). */
const DOES_NOT_WANT_TO_LEAVE =
  /\b(do not|never) (want|wish|intend|plan) to (unsubscribe|opt out|be removed|be taken off|leave (the|your|this) [a-z]+)\b|\bno (quiero|queremos|deseo) (darme|darnos|que me den|que nos den|que me (borren|quiten|saquen|eliminen)|ser (eliminad[oa]|borrad[oa]|dad[oa] de baja)|salir de la lista|desuscribirme|desinscribirme)\b|\bje (ne )?(veux|souhaite|voulais) pas (me desinscrire|me desabonner|etre (retire|retiree|desinscrit|desinscrite|supprime|supprimee)|quitter (la|votre) liste)\b|\bnon (voglio|vogliamo|desidero) (disiscrivermi|disiscriverci|essere (cancellat[oa]|rimoss[oa]|tolt[oa]|disiscritt[oa])|uscire dalla lista|cancellarmi)\b|\b(nao|nunca) (quero|queremos|desejo) (sair da lista|me descadastrar|nos descadastrar|ser (removid[oa]|descadastrad[oa]|excluid[oa]|retirad[oa]))\b|\bik wil (me|mij) (niet|nie) (afmelden|uitschrijven)\b|\bich (will|mochte|moechte|wollte) (mich )?nicht (abmelden|austragen|abbestellen)\b|\b(abmelden|austragen( lassen)?|abbestellen) (will|mochte|moechte|wollte|werde) ich (mich |das |den newsletter )?(aber |trotzdem |auf keinen fall |jedenfalls |deshalb )?(nicht|keinesfalls)\b/;

/** French chat without its "ne": "me désinscrivez pas", "me retirez pas de la liste". */
const FRENCH_KEEP_WITHOUT_NE =
  /(?<!\bne )\b(me|m|nous) (desinscrivez|desinscris|desabonnez|desabonne|retirez|retire|supprimez|supprime|enlevez|enleve|effacez|efface) (pas|surtout pas|jamais)\b/;

/** A kind of mailing named as the one refused (en/fr/es/it/pt/de/nl). */
const MAILING_KIND =
  '(invitations?|invitaions?|invitaciones|invitacion|inviti|invito|convites?|einladungen|einladung|uitnodigingen|promos?|promociones|promozioni|promocoes|newsletters?|nieuwsbrief|boletin|webinaires?|webinars?|webinaren|eventos|evenements|eventi|events?|relances|recordatorios|rappels|promemoria|lembretes|erinnerungen|herinneringen)';
/** The refusal's words before it, in those languages. */
const REFUSES_MORE =
  '(no thanks (on|to|for)|no more|skip|ne (plus )?m envoyez (plus|pas)|ne plus m envoyer|plus de|ya no (me )?(manden|envien)|no (me )?(manden|envien) (mas)?|no mas|non (mandatemi|inviatemi|mandate|inviate|mandarmi|inviarmi) (piu)?|basta|nao (me )?(mandem|enviem) (mais)?|nao quero mais|chega de|keine|kein|geen|niet meer)';
/** The other mailing kept: it is fine, it may go on, the writer still wants it. */
const OTHER_KEPT =
  '(keep (sending|them coming|it coming|me on)|(is|are) (fine|great|ok|okay)|me va|me vont|va (tres )?bien|vont (tres )?bien|(je )?(la|le|les) garde|continuez|peut continuer|si (lo|la|los|las) quiero|quiero seguir|seguir recibiendo|sigan|puede seguir|esta bien|va bene|vanno bene|continuate|pode continuar|podem continuar|quero continuar|esta bom|ta bom|in ordnung|gerne|weiterhin|wel houden|wil ik wel|mag blijven|is prima|blijft welkom)';

const ONE_MAILING_KEPT = new RegExp(
  `\\b${REFUSES_MORE}( (les|las|los|gli|le|i|os|as|die|de|das|den|the))? ${MAILING_KIND}\\b(?=[^\\n]{0,100}\\b${OTHER_KEPT}\\b)`,
);

/** An absence over: the writer was away and writes back ("was out of office", "war im Urlaub", "estaba de vacaciones"). */
const RETURN_TO_COME =
  '(until|till|will (be )?back|will return|returning( on)?|back on|back in|bis|zuruck (am|ab)|wieder (da|erreichbar|im buro)|hasta|de retour|jusqu|fino al|al (mio )?rientro|ate|quando voltar|tot|terug op)';
const AWAY_NO_MORE = new RegExp(
  `(?<!\\b${RETURN_TO_COME}\\b[\\s\\S]*)\\b((i )?(was|were|just got back from|back from|returning from) (out of (the )?office|ooo|on (holiday|vacation|leave|annual leave|pto)|away|off sick)|(ich )?war (im urlaub|in (den )?ferien|krank|nicht im buro|abwesend)|(j )?etais (en (conges?|vacances)|absente?)|estaba (de vacaciones|fuera( de la oficina)?)|estuve (de vacaciones|fuera)|ero in (ferie|vacanza)|estava (de ferias|fora)|was (op|met) vakantie)\\b(?![\\s\\S]*\\b${RETURN_TO_COME}\\b)`,
);

/** Work kept away from while off ("on holiday and don't want to be bothered with work"): not a refusal of contact. */
const NOT_BOTHERED_WITH_WORK =
  /\b(do not|rather not|not) (want|wish|like) to be (bothered|disturbed|contacted) (with|about|by) (work|anything (work|business) related|work (stuff|matters|emails?))\b/;

export const PROBE46_TYPO_GUARDS: Signal[] = [
  s('neutral', 0, 'denies having asked to opt out', NEVER_SAID, 'guard'),
  s('interested', 3, 'dares them not to remove', DARE_NOT, 'guard'),
  s('neutral', 0, 'an unsubscribe clicked without meaning to', CLICKED_WITHOUT_MEANING, 'guard'),
  s('neutral', 0, 'does not want to opt out (multilingual)', DOES_NOT_WANT_TO_LEAVE, 'guard'),
  s('interested', 2, 'asks not to be removed (fr chat, without ne)', FRENCH_KEEP_WITHOUT_NE, 'guard'),
  s('neutral', 0, 'one mailing refused, another kept (fr/es/it/pt/de/nl)', ONE_MAILING_KEPT, 'guard'),
  s('neutral', 0, 'an absence that is over', AWAY_NO_MORE, 'guard'),
  s('neutral', 0, 'work kept away from while off', NOT_BOTHERED_WITH_WORK, 'guard'),
];
