import { MONTHS, s, type Signal } from './signal';

/**
 * Paraphrases in de/es/fr/it/nl/pt of requests the rules already read (probe24): the same intent worded by another
 * native speaker, in a regional variant or a register the first wording did not cover. Opt-outs: German "ich
 * verbitte mir weitere Anrufe", a singular "kein Anruf mehr"; "prefiero no recibir más", "prefiro não receber mais",
 * "je préfère ne plus recevoir", "ik ontvang liever niets meer"; Portuguese "não pretendo receber mais"; a request
 * to be put on a do-not-call register (Dutch "niet-bellen-lijst", German "Robinsonliste", Spanish "Lista Robinson",
 * French "Bloctel", Italian "Registro delle opposizioni"). Look-alikes kept out: "stop apologising" in six languages
 * (the "stop" there is about an apology), and a question about a user "who left the company" (someone else left,
 * not the writer). Other labels: "posso avere un preventivo?", "kan ik een offerte krijgen?" ask for a quote (interest, not
 * a bare question); "niet vóór de zomer", "bis Ende Jänner voll eingespannt" name a later time (not now).
 */

/** Another channel or a time offered after the refusal ("prefiero no recibir llamadas, mejor por correo"). */
const OTHER_WAY_AFTER =
  '(?![^\\n]{0,80}\\b(mejor|en (su lugar|vez)|sino|solo por|melhor|em vez|ao inves|apenas por|so por|mieux|plutot|uniquement par|seulement par|liever|beter|alleen (via|per)|lieber|stattdessen|sondern|nur (noch )?per|besser per|instead|pero (si|por)|mas (sim|por|pode))\\b)';

/** A person other than the writer who left ("un usuario que ya no trabaja con nosotros"), named in a relative clause. */
const SOMEONE_WHO_LEFT =
  /\b(usuari[oa]s?|emplead[oa]s?|colaborador(a|es)?|persona|cliente|utilizador(es)?|funcionari[oa]s?|utente|dipendente|collaborat(ore|rice)|collega|utilisat(eur|rice)s?|salariee?s?|collaborat(eur|rice)s?|employee?s?|medewerker|gebruiker|mitarbeiter(in)?|nutzer(in)?|kolleg(e|in)|user|employee|colleague) (que|qui|che|die|der|who|that) (ya no (trabaja|esta)|no trabaja mas|se fue|dejo la empresa|saiu( da empresa)?|deixou a empresa|nao (trabalha|esta) mais|ja nao (trabalha|esta)|a quitte|ne travaille plus|est parti|ha lasciato|non lavora piu|(is )?uit dienst|niet meer (bij ons )?werkt|(is )?vertrokken|ausgeschieden( ist)?|nicht mehr (bei uns )?(ist|arbeitet)|gekundigt hat|left|has left|no longer works)\b/;

// prettier-ignore
export const EUROPEAN_PARAPHRASE_GUARDS: Signal[] = [
  s('neutral', 3, 'tells them not to apologise (de/es/fr/it/nl/pt)', /\b(entschuldigen sie sich (doch )?nicht|entschuldige dich nicht|(horen sie|hor|hort) (doch |bitte |endlich )?auf,? (sich|dich|euch) (zu )?entschuldigen|kein grund,? (sich|dich) zu entschuldigen|(sie mussen|du musst) (sich|dich) nicht entschuldigen|no (te|se) (disculpe|disculpes|disculpen)|(deja|deje|dejen) de (disculparte|disculparse|pedir perdon|pedir disculpas)|no (hace falta|hay por que|tienes que|tiene que) (disculparte|disculparse|pedir perdon)|no pidas perdon|(arretez|arrete|cessez) de (vous|t) excuser|ne (vous|t) excusez pas|ne t excuse pas|(pas besoin|inutile) de (vous|t) excuser|(smettila|smetti|smettetela|smettete) di scusar(ti|vi|si)|non (ti|si) scus(are|i)|non c e bisogno di scusar(ti|si)|non deve scusarsi|(stop|hou op|hou nou op|stop nou) (maar |nou |toch |eens )?met (je |uw )?(excuses|sorry|verontschuldigingen)( maken| aanbieden| zeggen)?|geen excuses nodig|je hoeft (je )?niet (te )?(verontschuldigen|sorry te zeggen)|(para|pare|parem) de (pedir desculpas?|se desculpar)|nao precisa (de )?(pedir desculpas?|se desculpar)|nao (se )?desculpe)\b/, 'guard'),
  s('question', 1, 'about a user who left (es/fr/de/pt/it/nl)', SOMEONE_WHO_LEFT, 'guard'),
];

// prettier-ignore
export const EUROPEAN_PARAPHRASE_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'verbittet sich weitere Kontakte (de)', /\b(ich|wir) verbitten? (mir|uns) (jede |jegliche |jeglichen |weitere |weiteren |kunftige |solche |diese |ihre |eure |alle )*(kontaktaufnahmen?|kontaktversuche|anrufe|e ?mails|mails|nachrichten|werbung|zusendungen|belastigungen?|anschreiben|sms)\b/),
  s('unsubscribe', 4, 'kein Anruf mehr (de)', new RegExp(`(?<!\\b(habe|haben|hab|hatte|hatten|bekomme|bekommen|erhalte|erhalten|kriege|kriegen|kam|kommt) ([a-z]+ ){0,2})\\b(bitte )?kein(e)? (weitere[rn]? )?(anruf|werbeanruf|whatsapp|newsletter|spam|werbung|post|sms) mehr\\b(?! (bekommen|erhalten|angekommen|gekommen|notig|da)\\b)${OTHER_WAY_AFTER}`)),
  s('unsubscribe', 4, 'would rather not receive (es/pt/fr/nl)', new RegExp(`(?:\\b(prefiero|preferimos|preferiria|prefeririamos) (ya )?no (recibir|seguir recibiendo|ser contactad[oa]s?|que (me|nos) (escriban|contacten|llamen|envien|manden))\\b|\\b(prefiro|preferimos|preferia|preferiamos|preferiria|gostaria de|gostariamos de) (ja )?nao (receber|ser (contactad|contatad|incomodad)\\w*|que (me|nos) (escrevam|contatem|contactem|liguem|enviem|mandem))\\b|\\b(je|nous) (prefere|preferons|prefererais|prefererions) ne (plus|pas|rien) (recevoir|etre (contacte|sollicite|relance)\\w*)\\b|\\b(ik|wij|we) (ontvang|ontvangen|krijg|krijgen) (hier )?liever (niets|niks|geen [a-z]+)( meer)?\\b)${OTHER_WAY_AFTER}`), 'temporal'),
  s('unsubscribe', 4, 'does not intend to receive more (pt)', new RegExp(`\\bnao (pretendo|pretendemos|tenciono|tencionamos) (continuar a |continuar )?(receber|ser (contactad|contatad)\\w*)\\b${OTHER_WAY_AFTER}`), 'temporal'),
  s('unsubscribe', 4, 'asks to be put on a do-not-call register (multilingual)', /\b(me|mij|mich|uns|moi|nous|mi|nos|ons|mio numero|mijn nummer|meine nummer|mon numero|meu numero|mi numero)\b[^.!?\n]{0,40}\b(niet bellen (lijst|register)|bel me niet register|bel mij niet register|sperrliste|robinsonliste|robinson liste|lista robinson|liste bloctel|bloctel|liste d opposition|registro (pubblico )?delle opposizioni|lista (de )?nao (ligue|perturbe)|lista nao me ligue)\b(?![^.!\n]{0,40}\?)/),
];

/** A later period: a season, a holiday, a month, a quarter or next year (de/es/fr/it/nl/pt). */
export const LATER_PERIOD = `(zomer|zomervakantie|herfst|najaar|lente|voorjaar|kerst|feestdagen|sommer|herbst|fruhling|fruhjahr|weihnachten|ostern|jahresende|ete|automne|printemps|hiver|noel|fetes|verano|otono|primavera|invierno|navidad|fiestas|verao|outono|inverno|natal|festas|estate|autunno|natale|feste|${MONTHS}|q[1-4]|volgend jaar|nachste[mns]? jahr|l an prochain|l annee prochaine|el ano que viene|el proximo ano|o proximo ano|l anno prossimo|neue[mn]? jahr|nieuwe jaar)`;

// prettier-ignore
export const EUROPEAN_PARAPHRASE_SIGNALS: Signal[] = [
  s('interested', 3, 'asks whether they can have a quote (de/es/fr/it/nl/pt)', /\b(posso|possiamo|potrei|potremmo) (avere|ricevere) (un |una |il |la |i |le |vostro |vostra )?(preventivo|offerta|listino|proposta)\b|\b(kann|konnte|konnen|konnten|durfte) (ich|wir) [^.!?\n]{0,20}\b(angebot|preisliste|kostenvoranschlag)\b[^.!?\n]{0,20}\b(bekommen|erhalten|haben)\b|\b(je peux|puis je|pourrais je|on peut|peut on|pourrions nous|pourrait on) (avoir|recevoir|obtenir) (un|une|le|la|vos|votre) (devis|tarifs|proposition|offre|grille tarifaire)\b|\b(kan|kunnen|mag|mogen) (ik|we|wij) (een|de|uw|jullie) (offerte|prijsopgave|prijslijst|voorstel) (krijgen|ontvangen)\b|\b(puedo|podemos|podria|podriamos) (tener|recibir|pedir|obtener) (un|una|el|la) (presupuesto|cotizacion|propuesta)\b|\b(me|nos) (pueden|puede|podrian|podria) (dar|pasar|hacer|preparar) (un|una) (presupuesto|cotizacion|propuesta)\b|\b(posso|podemos|poderia|poderiamos) (ter|receber|pedir) (um|uma|o|a) (orcamento|proposta|cotacao)\b|\b(me|nos) (podem|pode|poderiam|poderia) (fazer|passar|dar|preparar) (um|uma) (orcamento|proposta|cotacao)\b/, 'negatable'),
  s('not_now', 3, 'not before a later period (de/es/fr/it/nl/pt)', new RegExp(`\\b(niet (voor|voordat|eerder dan)|pas (na|in|vanaf|rond)|nicht vor|pas avant|no antes de|nao antes de|non prima di)( de| het| der| dem| den| le| la| l| el| o| a| il| las| les| os| as| le feste)? ${LATER_PERIOD}\\b`)),
  s('not_now', 3, 'busy until a later period (de)', new RegExp(`\\bbis (ende |mitte |anfang )?${LATER_PERIOD}\\b[^.!?\\n]{0,30}\\b(ausgebucht|eingespannt|ausgelastet|beschaftigt|eingedeckt|im stress|voll)\\b|\\b(ausgebucht|eingespannt|ausgelastet|eingedeckt)\\b[^.!?\\n]{0,10}\\bbis (ende |mitte |anfang )?${LATER_PERIOD}\\b`)),
];
