import { s, type Signal } from './signal';

/**
 * Annoyed demands to stop that name no stop verb of their own, in the six languages next to English: the threat or
 * the act of reporting the messages as spam ("si me vuelven a escribir los denuncio por spam", "ich melde Sie als
 * Spam", "dit is spam"), and "stop it with the emails" said as "kappen met die mails", "smettetela con questi
 * messaggi", "dejen de joder con los mensajes". The English forms live in opt-out.signals ("reports it as spam").
 * A report made by mistake ("versehentlich als Spam markiert", "marqué comme spam par erreur") is not one, nor a
 * question ("come segnalare un messaggio come spam?").
 */

const BY_MISTAKE =
  '(?![^.!?\\n]{0,30}\\b(por error|por engano|sem querer|par erreur|par megarde|versehentlich|aus versehen|per errore|per sbaglio|per ongeluk|per abuis|per vergissing)|[^.!?\\n]*\\?)';
const NOT_BY_MISTAKE_BEFORE =
  '(?<!\\b(versehentlich|aus versehen|sem querer|por error|par erreur|per errore|per ongeluk|per abuis) )';

const ONE_MORE_MESSAGE =
  '(e ?mails?|emails?|mails?|messages?|texts?|sms|calls?|nachricht|anruf|mensaje|correo|llamada|mensagem|ligacao|courriel|appel|messaggio|chiamata|telefonata|bericht|mailtje|berichtje|telefoontje|wiadomosc|telefon|e ?posta|mesaj|arama)';
/** "One more email and …", "noch so eine Nachricht und …", "ancora una mail così e …", in the seven languages and the six beyond: a
 * threat that opens its clause and has a consequence ("and", "et", "und", Turkish "-se"), not "another email of yours
 * landed in spam" nor "I sent another email and it went to spam". */
const ONE_MORE = `((^|[.!?,;:\\n-]\\s*)((if|si|se|wenn|falls|als|jesli|eger|agar|если)\\b[^.!?,\\n]{0,20}?\\s)?((one more|another|noch (so )?(eine|ein)|ancora (una|un)( altra| altro)?|un altra|un altro|encore (un|une)( autre)?|une autre|un autre|otro|otra|mais (um|uma)|nog (een|1|zo n)|jeszcze (jeden|jedna|jedno)|ek aur)( [a-z]+)?( (so|cosi|comme ca|assim|asi|zo n|taki|takie|tak))? ${ONE_MORE_MESSAGE}( (mas|mais|daha))?|(un|una|bir) ${ONE_MORE_MESSAGE} (mas|mais|daha))( [a-z]+){0,3}?( ?[,-])? (and|et|und|e|en|y|i|ve|then|dann|alors|toh|[a-z]+(rse|rsa|rseniz|rsaniz))\\b|(kalau|kalo|jika)\\b[^.!?\\n]{0,25}\\blagi)`;
/** Data-protection and consumer authorities a writer threatens to report the sender to. */
const REGULATOR =
  '(cnil|aepd|anpd|garante( (della )?privacy)?|datenschutzbehorde|datenschutzbeauftragten|verbraucherzentrale|autoriteit persoonsgegevens|ap|acm|consumentenbond|ico|ftc|fcc|uodo|kvkk|dgccrf|arcep|agcom|procon|bundesnetzagentur|polizei|police|policia|politie|polizia)';

const MESSAGES =
  '(mensajes|correos|emails|e ?mails|mails|llamadas|whatsapps|mensagens|ligacoes|messages|appels|courriels|sms|nachrichten|anrufe|messaggi|chiamate|telefonate|berichten|mailtjes|telefoontjes|appjes)';

// prettier-ignore
export const ANNOYED_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 3, 'reports it as spam (es/pt/fr/de/it/nl)', new RegExp(`${NOT_BY_MISTAKE_BEFORE}\\b(denuncio|reporto|marco|voy a denunciar|vou denunciar|denunciarei|reportarei|marcarei|vou marcar|signale|signalerai|vais (vous |te )?signaler|marque|marquerai|meld|melde|markiere|markeer|rapporteer|segnalo|segnalero|marchero|segnalato|gemeld|gemarkeerd|markiert|gemeldet|signale|denunciado|marcado|reportado)\\b[^.!?\\n]{0,30}\\b(como|por|comme|pour|en tant que|als|wegen|come|per) (spam|correo no deseado|lixo eletronico|indesirable)\\b${BY_MISTAKE}|${NOT_BY_MISTAKE_BEFORE}\\bals spam (melden|markieren|gemeldet|markiert|melde|markiere|gemeld|gemarkeerd|markeer)\\b${BY_MISTAKE}|(^|[.!?]\\s*)(esto es|eso es|isto e|isso e|c est du|c est|das ist|das sind|questo e|questa e|sono|dit is|dat is)( (puro|pure|reiner|reine|solo|puur|gewoon|echt))? spam\\b${BY_MISTAKE}`)),
  s('unsubscribe', 4, 'stop it with the messages (es/pt/fr/de/it/nl)', new RegExp(`\\b(dejen|deja|dejad) de (joder|molestar|fastidiar|dar la lata) con (los|sus|tus|tantos|estos|esos) ${MESSAGES}\\b|\\b(basta ya|ya basta|parem|para|chega) (com|con) (os|as|esses|essas|estos|los|tantos|tantas|suas|seus) ${MESSAGES}\\b|\\b(arretez|arrete|stop) avec (vos|ces|les|tes|tous ces|toutes ces) ${MESSAGES}\\b|\\b(hort|horen sie|hor) (endlich |bitte |doch )?auf mit (den|euren|ihren|diesen|deinen) ${MESSAGES}\\b|\\b(smettetela|smettila|piantatela|piantala|finitela|finiscila) (con|di mandare) (questi|queste|i|le|sti|ste|tutti questi|tutte queste|le vostre|i vostri) ${MESSAGES}\\b|\\b(kap|kappen|kapt|hou|houd|stop|stoppen) (nou |toch |eens |gewoon |nu )*(met|op met) (die|de|al die|jullie|deze|dat) ${MESSAGES}\\b`), 'negatable'),
  s('unsubscribe', 3, 'one more message and it goes to spam or the regulator', new RegExp(`${ONE_MORE}\\b[^.!?\\n]{0,60}\\b(spam|spams|spamu|spama|spamem|junk|correo no deseado|lixo eletronico|${REGULATOR})\\b${BY_MISTAKE}|(^|[.!?,;:\\n-]\\s*|если [^.!?,\\n]{0,20}\\s)(еще|ещё) (одно|один|одна|раз)(?![а-я])[^.!?\\n]{0,25}( -|,)? и [^.!?\\n]{0,40}(спам|роскомнадзор)|(اذا|لو|ان) [^.!?\\n]{0,20}(رساله|بريد|ايميل) اخري[^.!?\\n]{0,40}(مزعج|سبام|spam)`)),
  s('unsubscribe', 3, 'reports the sender to the regulator (es/pt/fr/de/it/nl)', new RegExp(`${NOT_BY_MISTAKE_BEFORE}\\b(denuncio|denunciare|reporto|voy a denunciar|vou denunciar|denunciarei|vou reportar|signale|signalerai|vais (vous |te )?signaler|melde|werde (sie|euch) (bei|an)|segnalo|segnalero|denuncio|meld|ga (jullie|u) melden)\\b[^.!?\\n]{0,30}\\b(a la|ante la|a|a la|bei der|beim|an die|al|bij de|bij het|para a|na|junto a) (${REGULATOR})\\b${BY_MISTAKE}`)),
  s('unsubscribe', 4, 'stop it with the messages', /\b(stop|quit|cut|knock) it (out )?with the (e ?mails|emails|messages|texts|calls|spam|follow ups|sms es|dms|whatsapps)\b/, 'negatable'),
];
