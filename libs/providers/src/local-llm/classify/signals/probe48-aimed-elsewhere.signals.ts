import { s, type Signal } from './signal';

/**
 * Opt-outs that name a third party beside the writer or follow a cancellation (probe 48): "merci d'arrêter aussi les
 * e-mails commerciaux", "bitte stellen Sie auch die Werbemails ein", "smettete anche con le email", "stop ook met de
 * marketingmails", "dejad también de mandar correos", "me tira daí", "removam a mim e à minha colega", "I'd rather you
 * just removed me", "don't just remove me, remove everyone at …". The opt-out words aimed at something else (another
 * vendor, the writer's customers, a meeting, a hypothetical) are told apart in opt-out-aimed-elsewhere.
 */

/** The messages, in the seven languages, compounds included ("Werbemails", "marketingmails", "e-mails commerciaux"). */
const MESSAGES =
  '([a-z]*mails?|e ?mails?|courriels|messages?|sms|sms jes|smsjes|appels|relances|newsletters?|envois|nachrichten|anrufe|zusendungen|werbung|mailings?|correos|mensajes|llamadas|mensagens|ligacoes|messaggi|chiamate|telefonate|berichten|telefoontjes|appjes|nieuwsbrieven)';
/** "also", "too", "please", "at once" between the verb and its object. */
const ALSO =
  '( (aussi|egalement|donc|enfin|immediatement|tout de suite|svp|auch|bitte|ab sofort|sofort|endlich|doch|ebenfalls|anche|pure|subito|per favore|ook|aub|graag|nu|dan|maar|tambien|ya|por favor|tambem|ja))*';

export const PROBE48_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'stop the messages too (fr/de/it/nl/es/pt)',
    new RegExp(
      [
        `\\b(merci d|merci de|veuillez|je vous prie d|pourriez vous|pouvez vous)( bien vouloir)? ?(arreter|cesser|stopper)${ALSO} (les|vos|ces|tous les|toutes les|de m envoyer|d envoyer) ([a-z]+ )?${MESSAGES}\\b`,
        `\\b(arretez|cessez|stoppez)${ALSO} (aussi|egalement) (les|vos|ces|tous les|toutes les) ([a-z]+ )?${MESSAGES}\\b`,
        `\\b(stellen sie|stellt)${ALSO} (die|ihre|diese|alle|eure|den|ihren)( [a-z]+)? ${MESSAGES}${ALSO} ein\\b`,
        `\\bsmett(ete|ila|etela|i|a)${ALSO} (con|di mandare|di inviare) (le|i|queste|questi|tutte le|tutti i|vostre|vostri)( [a-z]+)? ${MESSAGES}\\b`,
        `\\b(stop|stopt|stoppen)${ALSO} met (de|die|jullie|uw|al die|alle|deze)( [a-z]+)? ${MESSAGES}\\b`,
        `\\b(dejad|dejen|deje|deja)${ALSO} de (mandar|enviar|escribir|llamar)(me|nos)?\\b`,
        `\\b(parem|pare|parar)${ALSO} (com|de mandar|de enviar) (os|as|esses|essas|estes|estas|tantos|tantas)( [a-z]+)? ${MESSAGES}\\b`,
      ].join('|'),
    ),
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'take me off from there (pt)',
    /\b(me|nos) (tira|tirem|tire|remova|removam|remove|exclua|excluam|exclui|apaga|apaguem|apague) (dai|daqui|dessa lista|desta lista|da lista|da sua lista|do cadastro|do mailing|disso)\b|\b(tir|remov|exclu|apag|retir)\w* a mim\b/,
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'would rather be removed',
    /\b(i|we) (would|d) (rather|prefer( it if)?) (you|u) (just |simply )?(removed|took|deleted|unsubscribed|dropped|erased) (me|us|my|our)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'not only the writer: remove more',
    /\b(do not|dont) (just|only) (remove|unsubscribe|delete|take off) (me|us)\b|\b(remove|unsubscribe|delete|take|entfern\w*|losch\w*|austrag\w*|retir\w*|supprim\w*|desinscri\w*|borr\w*|elimin\w*|quit\w*|rimuov\w*|cancell\w*|togli\w*|remov\w*|exclu\w*|verwijder\w*|haal)\b[^.!?\n]{0,20}\b(not only|not just|nicht nur|pas seulement|pas que|no solo|no solamente|non solo|nao so|nao apenas|niet alleen|niet enkel) (me|us|mich|uns|moi|nous|a mi|a mim|mij|ons)\b/,
  ),
];
