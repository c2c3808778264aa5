import { s, type Signal } from './signal';

/**
 * Contact verbs negated or limited (probe 57), in en/es/pt/fr/de/it/nl and their chat spellings.
 * Opt-outs: a contact verb refused for good ("m'appelez plus svp", "ne plus me téléphoner", "nie wieder anrufen",
 * "nn chiamare piu", "mai più chiamate", "bel me nie meer", "geen berichtjes meer", "n me liga mais", "para de me
 * chamar no zap", "não quero mais sms", "dont call dont text").
 * Look-alikes (guards, which hide the words from the opt-out and meeting patterns):
 * - one channel refused and another named as the one to use ("please don't call, only email", "no calls - whatsapp
 *   is fine", "nicht anrufen, nur per Mail", "niet bellen, alleen appen"): a channel preference, neutral unless the
 *   rest says more; a grudging "email if you must" prefers nothing and stays an opt-out;
 * - messages refused for a call ("no me escribas, llámame mejor", "niet appen, bel me maar"): a call asked for;
 * - contact refused only now, with a message asked for instead ("can't call now, text me", "kan nu niet bellen, app
 *   me", "to dirigindo, nao liga agora, manda zap"): neutral, no timing objection;
 * - calls refused before or after an hour given as a bare number ("dont call before 9", "nicht vor 9 anrufen",
 *   "no me llamen antes de las 9"): a limit on hours, no time proposed;
 * - no call needed because the deal is done ("no need to call, I'll sign today", "kein Anruf nötig, ich unterschreibe
 *   heute"): not a refusal, and signing is interest;
 * - the landline refused for the mobile ("pas sur le fixe svp, sur le portable"): a number to use, neutral;
 * - a thing asked for on another channel ("ne m'envoyez pas la présentation par mail, plutôt sur WhatsApp"): mild
 *   interest, no refusal.
 * Patterns read the normalised text (lowercase, no accents, apostrophes and hyphens as spaces, "don't" → "do not").
 */

/** A call refused: the verb or noun under a negation, in the seven languages and their chats. */
const CALL_REFUSED =
  '((please |pls |plz )?(do not|never|no|stop|not|no more) (phone |voice )?(call|calls|calling|ring|ringing|phone|phoning|phone calls?)( me| us)?|(llamadas|llamada) no|sin llamadas|no (me |nos )?(llames|llamen|llame|llamar)|(nao|n) (me )?(liga|liguem|ligue|ligar)|(ligacao|ligacoes) nao|sem ligacoes|(ne )?(m |nous )?(appelez|appelle) pas|appelez pas|pas d appels?|nicht (mehr )?(an)?rufen|keine anrufe|ruf (mich )?(jetzt )?nicht an|rufen sie (mich )?nicht an|non (mi |ci )?(chiamatemi|chiamare|chiamate|chiamarmi|chiamateci|chiami)|niente chiamate|nessuna chiamata|niet bellen|bel (me |mij )?(nu )?niet|geen telefoontjes|geen gebel)';

/** A message (text, WhatsApp, email) refused, in the seven languages. */
const MESSAGES_REFUSED =
  '((do not|no|no more|stop|never) (text|texts|texting|message|messages|messaging|email|emails|emailing|whatsapp|whatsapps)( me| us)?|no (me |nos )?(escribas|escriban|escriba|mandes|manden|textees)( (mensajes|msjs|whatsapps?|sms))?|(nao|n) (me )?(escreve|escreva|escrevam|manda|mande|mandem)( (message|mensagem|mensagens|sms|zap))?|(ne )?(m |nous )?(ecrivez|ecris|envoyez) pas|nicht (schreiben|simsen|texten|mailen)|schreib (mir )?nicht|non (scrivermi|scrivetemi|scrivere)|niet (appen|sms en|smsen|mailen)|app (me )?niet)';

/** Another channel named as the one to use, not grudgingly ("only email", "whatsapp is fine", "text me"). */
const OTHER_CHANNEL_NAMED =
  '((only|just|rather|better) (by |via |on |over )?(e ?mails?|text|texts|sms|whatsapp|messages?)|(e ?mails?|text|texts|texting|sms|whatsapp|messages?|messaging) (only|is fine|is ok|is okay|works|is better|is best|is good)|(text|message|email|whatsapp) (me|us)( instead)?|x (aqui|whats|whatsapp)|(whatsapp|whats|correo|mensajes?) (si|mejor)(?= *([.,;!]|$))|(mejor|solo|solamente) (por |x |al )?(correo|mail|email|whatsapp|whats|mensaje|mensajes|sms)|(por|x) (aqui|whatsapp|whats|correo) (esta bien|mejor)|(so|apenas|somente) (por )?(e ?mail|message|mensagem|mensagens|whatsapp|zap|sms)|(whatsapp|zap|e ?mail|message) sim|(uniquement|seulement|plutot) (par |sur )?(mail|e ?mail|sms|whatsapp|messages?|ecrit)|(sms|mail|whatsapp) seulement|(whatsapp|sms|mail|e ?mail) (ca va|c est bien|c est mieux|ca marche)|(nur|lieber) (per |uber |via |auf )?(e ?mail|mail|sms|whatsapp|schreiben|nachrichten)|(whatsapp|sms|e ?mail|mail) (ist|geht|passt) (ok|gut|in ordnung|klar)|(solo|meglio) (via |per |su |tramite )?(e ?mail|mail|messaggi|messaggio|sms|whatsapp)|(whatsapp|sms|e ?mail|mail|messaggi) (va bene|meglio)|(alleen|liever) (per |via )?(e ?mail|mail|appen|app|sms|whatsapp|berichtjes)|(appen|mailen|sms en|whatsapp) is (prima|goed|ok))';

/** "If you must", "if needed": another channel named grudgingly is no preference. */
const GRUDGING_WORDS =
  '(if (you|u|ya) (must|have to|really)|if (really )?needed|if necessary|si hace falta|si es necesario|si (es )?urgente|a la limite|si vraiment|wenn s sein muss|wenns sein muss|notfalls|im notfall|se proprio|se necessario|se precisar\\w*|desnoods|als het moet|but (i d|id|i would) rather|mais bon|y mejor ni|mas prefiro|aber lieber|ma preferirei|maar liever)';
const GRUDGING = `(?![^.!?\\n]{0,25}\\b${GRUDGING_WORDS}\\b)`;

/** A call asked for, right after messages were refused. */
const CALL_ASKED =
  '((just |better )?(call|ring|phone) (me|us)|llamame|llamenme|marcame|(me )?(liga|ligue)( me)?|liga me|(appelez|appelle) moi|(ruf|rufen sie) (mich|uns)|chiamami|chiamatemi|mi chiami|bel (me|mij))';

/** Not now (driving, in a meeting, can't talk), in the seven languages. */
const NOT_NOW =
  '((cannot|cant|can not) (call|talk|speak|pick up|answer)( now| rn| right now| at the moment)?|do not (call|ring|phone)( me| us)? (now|rn|right now|at the moment)|(in a meeting|driving|at work)|(ahora|ahorita) no puedo (hablar|contestar)|no puedo (hablar|contestar) ahora|no me llames ahora|(agora )?(nao|n) posso (falar|atender)( agora)?|(nao|n) (me )?liga agora|to dirigindo|(peux|peut|je peux) pas (repondre|parler|decrocher)( la| maintenant)?|m appelle pas maintenant|je conduis|kann (grad|gerade|jetzt) nicht (telefonieren|sprechen|reden|rangehen)|ruf jetzt nicht an|bin im auto|(ora|adesso) non posso (parlare|rispondere)|non chiamare ora|sto guidando|kan nu niet (bellen|praten|opnemen)|bel nu niet|zit in de auto)';

/** A message asked for instead ("text me", "escríbeme", "manda zap", "app me"). */
const MESSAGE_ASKED =
  '((text|message|whatsapp|email) (me|us)|escribeme|mandame (un )?(whats|whatsapp|mensaje|msj)|manda (message|mensagem|zap|whatsapp|um zap)|(envoie|envoyez) (moi )?(un )?(sms|message|texto)|ecris moi|ecrivez moi|schreib (mir|ne nachricht|eine nachricht)|scrivimi|mandami un messaggio|app me|stuur (een |me een )?(appje|berichtje|sms))';

/** An hour given as a bare number after before/after, in the seven languages. */
const BARE_HOUR =
  '(before|after|antes de las|antes das|antes de|despues de las|depois das|avant|apres|vor|nach|prima delle|dopo le|voor|na) \\d{1,2}( ?(am|pm|h|hs|uhr|uur))?\\b';

/** Signing now: interest settled. */
const SIGNS_NOW =
  '\\b((i will|i ll|we will|we ll|i am going to|going to) sign( it| the (contract|paperwork|papers))?|firmo|firmamos|vou assinar|vamos assinar|assino|je signe|on signe|nous signons|ich unterschreibe|wir unterschreiben|firmiamo|ik teken|we tekenen|wij tekenen)\\b[^.!?\\n]{0,15}\\b(today|now|tonight|this (week|afternoon|morning)|hoy|ahora|hoje|agora|aujourd hui|maintenant|ce soir|heute|jetzt|oggi|subito|stasera|vandaag|nu|vanavond)\\b';

/** The landline refused for the mobile ("pas sur le fixe, sur le portable", "nicht aufs Festnetz, lieber aufs Handy"). */
const LANDLINE_FOR_MOBILE =
  '\\b(not|no|pas|nao|nicht|non|niet)( (on|to|sur|al|a|no|ao|aufs|auf|sul|al|op))?( (the|my|le|mon|el|mi|o|meu|das|mein|il|mio|de|mijn))? (landline|home phone|office line|fixe|telephone fixe|fijo|telefono fijo|fixo|telefone fixo|festnetz|fisso|telefono fisso|vaste lijn|vaste nummer)\\b[^.!?\\n]{0,30}\\b(mobile|cell|portable|movil|celular|telemovel|handy|cellulare|mobiel|mobieltje)\\b';

// prettier-ignore
export const NEGATED_CONTACT_GUARDS: Signal[] = [
  s('interested', 2, 'a thing asked for on another channel', /\b((do not|ne|no|nao|non|niet)( (me|m|mi|nos|moi))? (email|send|envoyez|mandes|manden|mandem|mande|mandatemi|stuur)( pas)?( (me|moi))?) (the|la|le|les|el|los|las|a|o|os|il|lo|de|het)( [a-z]+){1,2} (by|per|par|por|via|pelo) (e ?mail|mail|correo|sms)\b[^.!?\n]{0,10}\b(but|rather|instead|plutot|mais|mejor|sino|pero|mas|sondern|lieber|meglio|ma|maar|liever)\b/, 'guard'),
  s('meeting_request', 3, 'messages refused for a call', new RegExp(`\\b${MESSAGES_REFUSED}[ ,.;!-]+(just |better |but )?${CALL_ASKED}\\b`), 'guard'),
  s('neutral', 2, 'not now, a message asked for', new RegExp(`\\b${NOT_NOW}\\b[^.!?\\n]{0,30}[,.;!-]\\s*([a-z]+ ){0,2}(?<!\\b(not|no|never|nao|non|nicht|niet|pas|ne) )${MESSAGE_ASKED}\\b`), 'guard'),
  s('neutral', 2, 'contact refused before or after a bare hour', new RegExp(`\\b(${CALL_REFUSED}|${MESSAGES_REFUSED})( (me|us))?( (please|pls|plz|x favor|por favor|pfv|svp|bitte))? ${BARE_HOUR}|\\bnicht (vor|nach) \\d{1,2}( uhr)? (an)?(rufen|anrufen)\\b|\\bniet (voor|na) \\d{1,2}( uur)? bellen\\b|\\bpas d appels? (avant|apres) \\d{1,2}`), 'guard'),
  s('neutral', 2, 'one channel refused for another', new RegExp(`\\b(${CALL_REFUSED}|${MESSAGES_REFUSED})\\b(?=[^\\n]{0,40}?(?<!\\b(or|and|nor|ni|ou|oder|noch|of|o|e|y|en|und|et|not|no|never|stop|nao|non|nicht|niet|pas|ne) )\\b${OTHER_CHANNEL_NAMED}\\b(?! if\\b)${GRUDGING})`), 'guard'),
  s('neutral', 2, 'the landline refused for the mobile', new RegExp(LANDLINE_FOR_MOBILE), 'guard'),
  s('neutral', 0, 'no call needed', /\b(no need to (call|ring|phone)( me| us)?|(kein|keinen) anruf (notig|noetig|nodig)|non (serve|c e bisogno di) (chiamare|chiamarmi|telefonare)|no hace falta (que me llames|llamar(me)?)|(nao|n) precisa (me )?ligar|pas besoin (d appeler|de m appeler|de (me )?telephoner)|(je |u )?hoeft (me )?niet (te )?(bellen|gebeld))\b/, 'guard'),
];

// prettier-ignore
export const NEGATED_CONTACT_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'a contact verb refused for good (fr)', /(?<!\b(il|elle|on|ils|elles|qui|personne|tu|vous|nous) (ne )?)\b(ne )?(me|m|nous) (r?appelez|r?appelle|telephonez|ecrivez|envoyez|textez) (plus|jamais)\b(?! (tard|tot|souvent|vite|de|d)\b)|\bne (plus|jamais) (me |m |nous )?(r?appeler|telephoner|ecrire|envoyer|texter|contacter)\b/, 'temporal'),
  s('unsubscribe', 4, 'a contact verb refused for good (de)', /\b(nie wieder|nie mehr|nimmer|nicht mehr) (an ?rufen|anzurufen|schreiben|simsen|smsen|texten|mailen|whatsappen|melden|kontaktieren|belastigen)\b/, 'temporal'),
  s('unsubscribe', 4, 'a contact verb refused for good (it)', /\bnon (mi |ci )?(chiamatemi|chiamate|chiamare|chiamarmi|chiamateci|telefonatemi|telefonate|telefonare|telefonarmi|scrivetemi|scrivete|scrivere|scrivermi|mandatemi|mandate|mandare|mandarmi|messaggiate) (piu|mai piu)\b(?! (tardi|spesso|di|del|della|che)\b)(?! (a|ad|al|alla|allo|agli|alle|ai)\b(?! (me|noi)\b))|\bmai piu (chiamate|telefonate|messaggi|sms|email|mail|whatsapp)\b|\bnon (voglio|vogliamo) piu (ricevere )?(messaggi|sms|chiamate|telefonate|e ?mails?|mail|whatsapp)\b/, 'temporal'),
  s('unsubscribe', 4, 'a contact verb refused for good (nl)', /\b(bel|app|sms|mail|whatsapp)( me| mij| ons| dit nummer| hier)? (nie|niet|nooit) meer\b(?! (naar|aan|met)\b(?! (mij|me|ons)\b))|\b(nooit|niet|nie) meer (bellen|appen|sms en|smsen|mailen|berichten sturen)\b|(?<!\b(krijg|krijgen|kreeg|kregen|ontvang|ontvangen|ontving|zie|zag|zien) )\bgeen (berichtjes|berichten|appjes|sms jes|smsjes|telefoontjes|mailtjes|whatsapps?)( meer)\b/, 'temporal'),
  s('unsubscribe', 4, 'a contact verb refused for good (pt)', /(?<!\b(ele|ela|eles|elas|ninguem|voce|voces|ja) )\b(nao|n|nunca) (me )?(liga|liguem|ligue|ligar|telefone|telefonem|manda|mande|mandem|escreve|escreva|escrevam|chama|chamem) mais\b(?! (tarde|cedo|vezes|uma vez)\b)(?! (nada )?(a|ao|para|pro|pra) (?!(mim|nos|este|esta|meu|minha)\b))|\b(para|pare|parem|deixa|deixe|deixem) de me (ligar|chamar|mandar|escrever|telefonar)\b|\bnao (quero|queremos) mais (receber )?(sms|mensagens?|msgs?|ligacoes|whatsapp|zap|e ?mails?)\b/, 'temporal'),
  s('unsubscribe', 4, 'another channel allowed only grudgingly', new RegExp(`(?<=\\b(${CALL_REFUSED}|${MESSAGES_REFUSED})\\b[^\\n]{0,40}?\\b${OTHER_CHANNEL_NAMED}[ ,.]*)${GRUDGING_WORDS}\\b`)),
  s('unsubscribe', 4, 'two channels refused (en)', /\b(do not|never) (call|ring|phone)( me)?[ ,]+((and|or) )?(do not|never|or) (text|message|email)\b/),
];

/** Signing now is interest. */
export const NEGATED_CONTACT_SIGNALS: Signal[] = [s('interested', 3, 'will sign now', new RegExp(SIGNS_NOW))];
