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

const MESSAGES =
  '(mensajes|correos|emails|e ?mails|mails|llamadas|whatsapps|mensagens|ligacoes|messages|appels|courriels|sms|nachrichten|anrufe|messaggi|chiamate|telefonate|berichten|mailtjes|telefoontjes|appjes)';

// prettier-ignore
export const ANNOYED_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 3, 'reports it as spam (es/pt/fr/de/it/nl)', new RegExp(`${NOT_BY_MISTAKE_BEFORE}\\b(denuncio|reporto|marco|voy a denunciar|vou denunciar|denunciarei|reportarei|marcarei|vou marcar|signale|signalerai|vais (vous |te )?signaler|marque|marquerai|meld|melde|markiere|markeer|rapporteer|segnalo|segnalero|marchero|segnalato|gemeld|gemarkeerd|markiert|gemeldet|signale|denunciado|marcado|reportado)\\b[^.!?\\n]{0,30}\\b(como|por|comme|pour|en tant que|als|wegen|come|per) (spam|correo no deseado|lixo eletronico|indesirable)\\b${BY_MISTAKE}|${NOT_BY_MISTAKE_BEFORE}\\bals spam (melden|markieren|gemeldet|markiert|melde|markiere|gemeld|gemarkeerd|markeer)\\b${BY_MISTAKE}|(^|[.!?]\\s*)(esto es|eso es|isto e|isso e|c est du|c est|das ist|das sind|questo e|questa e|sono|dit is|dat is)( (puro|pure|reiner|reine|solo|puur|gewoon|echt))? spam\\b${BY_MISTAKE}`)),
  s('unsubscribe', 4, 'stop it with the messages (es/pt/fr/de/it/nl)', new RegExp(`\\b(dejen|deja|dejad) de (joder|molestar|fastidiar|dar la lata) con (los|sus|tus|tantos|estos|esos) ${MESSAGES}\\b|\\b(basta ya|ya basta|parem|para|chega) (com|con) (os|as|esses|essas|estos|los|tantos|tantas|suas|seus) ${MESSAGES}\\b|\\b(arretez|arrete|stop) avec (vos|ces|les|tes|tous ces|toutes ces) ${MESSAGES}\\b|\\b(hort|horen sie|hor) (endlich |bitte |doch )?auf mit (den|euren|ihren|diesen|deinen) ${MESSAGES}\\b|\\b(smettetela|smettila|piantatela|piantala|finitela|finiscila) (con|di mandare) (questi|queste|i|le|sti|ste|tutti questi|tutte queste|le vostre|i vostri) ${MESSAGES}\\b|\\b(kap|kappen|kapt|hou|houd|stop|stoppen) (nou |toch |eens |gewoon |nu )*(met|op met) (die|de|al die|jullie|deze|dat) ${MESSAGES}\\b`), 'negatable'),
  s('unsubscribe', 4, 'stop it with the messages', /\b(stop|quit|cut|knock) it (out )?with the (e ?mails|emails|messages|texts|calls|spam|follow ups|sms es|dms|whatsapps)\b/, 'negatable'),
];
