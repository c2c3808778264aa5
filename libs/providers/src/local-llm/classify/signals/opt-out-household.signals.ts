import { s, type Signal } from './signal';

/**
 * Opt-outs for a relative who shares the number (probe 20): "Mi esposa recibe sus mensajes en este número y no
 * quiere recibir más", "Mio marito non vuole più ricevere le vostre chiamate su questo numero". The messages reach
 * the relative through the number written to, so stopping them is stopping contact with this number; a relative's
 * wish about anything else ("mi esposa no quiere que cambiemos de proveedor") names neither receiving nor the number
 * and stays what it is; nor is a wish about the hours ("no quiere que la llamen por la mañana"). Patterns read the normalised text (lowercase, no accents).
 */

const RELATIVE =
  '(mi|ma|mon|mein|meine|mijn|meu|minha|mia|mio|il mio|la mia|o meu|a minha) (esposa|mujer|marido|esposo|padre|madre|papa|mama|hijo|hija|abuelo|abuela|suegra|suegro|femme|mari|pere|mere|fils|fille|grand mere|grand pere|frau|mann|vater|mutter|sohn|tochter|oma|opa|vrouw|man|vader|moeder|zoon|dochter|pai|mae|filho|filha|avo|moglie|marito|mamma|figlio|figlia|nonno|nonna)';
/** The relative does not want it (any more). */
const DOES_NOT_WANT =
  '((ya )?no (los |las |lo |la )?quiere|non (li |le |lo |la |ne )?vuole|ne (les |la |le |l |en )?veut (plus|pas)|n en veut plus|(mochte|will|wunscht|mag) (das|dies|diese [a-z]+|sie|es|keine [a-z]+|nichts)( mehr)? nicht|(mochte|will|wunscht) (keine|nichts)|wil (dat|dit|die|ze|het) niet|wil (geen|niets|niks)|nao (as |os |a |o )?quer)';
/** What ties the wish to our messages: receiving them, or the number they go to. */
const RECEIVES_OR_THIS_NUMBER =
  '((recib|ricev|recoi|recev|bekommt|bekommen|erhalt|kriegt|krijgt|krijgen|ontvang|receb)\\w*|(este|ese|esse|neste|nesse|questo|ce|diese|dieser|dit|deze|op dit|su questo|sur ce|en este|auf diese) (numero|nummer|telefono|telefone|movil|celular|cellulare|portable|handy|handynummer|telefoonnummer))';

/** Only some hours refused ("no quiere que la llamen por la mañana", "non prima delle 10"): a time limit, not a stop. */
const HOURS_ONLY =
  '(por la (manana|tarde|noche)|(antes|despues) de las \\d+|(prima|dopo) (delle|le) \\d+|di (mattina|sera)|(avant|apres) \\d+|le (matin|soir)|(vor|nach|voor|na) \\d+|morgens|abends|s ochtends|s avonds|(antes|depois) das \\d+|de manha|a noite|\\d{1,2} ?(h|uhr|uur))';

/** A child or relative named in English ("my son is 12", "my 13 year old", "I'm Jacob's mum"). */
const RELATIVE_EN =
  '((my|our) (\\d+ year old|son|daughter|kid|child|boy|girl|husband|wife|mum|mom|mother|dad|father|gran|granny|nan|grandma|grandad|grandpa|grandmother|grandfather|brother|sister)|(i am|im|this is) [a-z]+s (mum|mom|dad|mother|father|parent|wife|husband|son|daughter|carer))';

/**
 * Stopping the messages to that relative, in the third person (probe 34): "stop texting him", "don't email her
 * again", "no le manden más mensajes", "arrêtez de lui envoyer des SMS", "hören Sie auf, ihm zu schreiben",
 * "smettetela di scrivergli", "stop met hem te appen", "parem de mandar mensagem pra ele". Without a relative the
 * same words are about a colleague ("stop emailing Jack, he left") and are left to the other signals, whose guard
 * blanks "stop texting him": these read the text before the guards (whole).
 */
const STOP_TO_THEM =
  '((stop|quit|cease) (texting|messaging|emailing|e ?mailing|calling|contacting|ringing|writing to|sending ([a-z]+ ){0,3}to) (him|her|them)|(do not|dont|never) (text|message|email|e ?mail|call|contact|ring|write to) (him|her|them)( again| any ?more)?\\b(?! (before|after|until|on|at|in the)\\b)|no (le|les) (manden|mandes|envien|envies|escriban|escribas|llamen|llames) (mas|nada)|dejen de (escribirle|mandarle|llamarle|enviarle)s?|(arretez|cessez) de (lui|leur) (envoyer|ecrire|telephoner)|ne (lui|leur) (envoyez|ecrivez) plus|horen sie auf,? (ihm|ihr) zu (schreiben|simsen)|schreiben sie (ihm|ihr) nicht mehr|(smettetela|smettete|smettila) di (scrivergli|scriverle|contattarlo|contattarla)|non (gli|le) scrivete piu|stop met (hem|haar) (te )?(appen|mailen|bellen|sms en|berichten)|parem de mandar (mensagem|mensagens|sms) (pra|para) (ele|ela))';

/**
 * Someone passing on the contact's own request (an assistant, a relative): "she asked me to tell you to stop",
 * "he wants you to stop calling", "me pide que les diga que dejen de escribirle", "il me demande de vous dire
 * d'arrêter", "mi chiede di comunicarvi di non contattarlo più", "ela pediu pra vocês pararem", "er bittet darum,
 * keine weiteren E-Mails zu erhalten". Asking the writer to do something ("my boss asked me to unsubscribe") is not this.
 */
const PASSED_ON =
  '(he|she|they) (has |have |had )?(asked|wants|wanted|told|instructed|requested)( me| us)?( to (tell|ask|let|inform) you| that (i|we) (tell|ask|let|inform) you| that you| you)( to| that)? ((stop|cease) (contacting|emailing|e ?mailing|calling|messaging|texting|writing to|sending|ringing)|(not|no longer) (to )?(contact|email|e ?mail|call|text|message|write to|ring)|(remove|take|unsubscribe) (him|her|them)\\b)|me pide que les? diga que (dejen de|paren de|no (le|la|lo|les) (escriban|llamen|contacten|manden))|(il|elle) me demande de vous (dire|demander) (d arreter de|de ne plus|de cesser de)|(mi|ci) chiede di (comunicarvi|dirvi) di (non (contattarl|scriverl|chiamarl)|smettere di)|(ela|ele) pediu (pra|para) (voces|vcs|voce|vc) (pararem de|parar de|nao (mandarem|enviarem|ligarem|escreverem))|(er|sie) bittet darum,? (keine (weiteren )?(e ?mails|nachrichten|anrufe|sms|werbung)|nicht mehr (kontaktiert|angeschrieben|angerufen))';

// prettier-ignore
export const HOUSEHOLD_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'a relative on this number wants no more (es/fr/de/it/nl/pt)', new RegExp(`\\b${RELATIVE}\\b(?=[^\\n]{0,150}\\b${DOES_NOT_WANT}\\b)(?=[^\\n]{0,200}\\b${RECEIVES_OR_THIS_NUMBER}\\b)(?![^.!?\\n]*\\b${HOURS_ONLY}\\b)`)),
  s('unsubscribe', 4, 'stop the messages to a relative', new RegExp(`\\b(${RELATIVE}|${RELATIVE_EN})\\b[^\\n]{0,150}?\\b${STOP_TO_THEM}`), 'whole'),
  s('unsubscribe', 4, 'passes on the contact s request to stop', new RegExp(`\\b${PASSED_ON}\\b`), 'whole'),
];
