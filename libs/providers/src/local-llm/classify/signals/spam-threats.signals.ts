import { s, type Signal } from './signal';

/**
 * The next message threatened with the spam folder, or the sender filtered or blocked (session 59's own probe):
 * "Next one goes to spam.", "Any more of these go straight to junk.", "Another one of these and you're in my spam
 * filter.", "Straight to spam you go.", "Filtered to junk from now on.", "I've added you to my blocked senders.",
 * "Setting up a filter for your domain.", "Nächste Mail landet im Spam.", "La prochaine finit dans les spams.", "El
 * próximo va directo a spam.", "Il prossimo finisce nello spam.", "O próximo vai direto pro spam." — opt-outs, as
 * "Nog één mail en ik markeer jullie als spam" is. Mail that already landed in spam ("your last email went
 * straight to spam, can you resend?", "your emails are landing in our spam folder") is not one.
 * Patterns read the normalised text (lowercase, no accents, "you're" → "you are").
 */

const SPAM_PLACE =
  '(the |my |our )?(spam|junk|trash|bin|spam folder|junk folder|spam filter|junk mail|blocklist|block list)';
const NEXT_ONE =
  '(next|the next|any more|anymore|another|one more|further|future|every other)( (one|ones|email|emails|e mail|e mails|mail|mails|message|messages|text|texts))?( of (these|those|them|yours|your [a-z]+))?';

export const SPAM_THREAT_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'the next message goes to spam',
    new RegExp(
      `\\b${NEXT_ONE} (goes|go|is going|are going|will go|gets|get|will get|lands|land|will land|ends up|end up|will end up|is|are|will be)( (straight|right|directly|automatically))? (to|in|into|on) ${SPAM_PLACE}\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'another one and the sender is in spam',
    new RegExp(
      `\\b(another|one more) (one|email|e mail|mail|message|text)( of (these|those))?( and|,) (you are|your [a-z]+ (is|are)|it is|they are|you ll be|you will be) (in|into|on) ${SPAM_PLACE}\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'straight to spam from now on',
    new RegExp(
      `(^|[.!?]\\s*)(straight|right|directly) (to|into|in) ${SPAM_PLACE}( folder)?( (you go|it goes|they go|from now on|with (you|these|them|this)))?\\s*[.!]*\\s*$|\\b(filtered|filtering|routing|routed|sending|moving) (you |these |them |this |your [a-z]+ )?(to|into|in) ${SPAM_PLACE} (from now on|going forward|automatically|permanently)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'the sender added to a block list or a filter',
    /\b(added|adding|put|putting|i have put|moved) (you|your (domain|address|number|email|company)|this (address|number|sender|domain)) (to|on|in|into) (my |our |the )?(blocked (senders|list|contacts|numbers)|block ?list|spam list|junk list|blacklist|black list|deny ?list)\b|\b(setting up|set up|i have set up|creating|created|made|making) (a )?(filter|rule|block) (for|against|on) (your|this) (domain|address|emails?|number|company)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'the next message goes to spam (multilingual)',
    new RegExp(
      [
        '\\b(nachste|weitere|jede weitere|noch eine) (mail|e ?mail|nachricht|sms)( [a-z]+){0,2} (landet|geht|kommt|wandert)( direkt| sofort)? (im|in den|ins|in die) (spam|junk|spamordner|papierkorb|spam ordner)',
        '\\b(la |le )?(prochaine?|suivante?)( (message|mail|e ?mail|sms))? (finit|finira|ira|va|part|partira|atterrit|atterrira)( direct(ement)?)? (dans|en|aux|a la) (les |le |la )?(spams?|indesirables|courrier indesirable|corbeille|poubelle)',
        '\\b(el |la )?(proximo|proxima|siguiente)( (mensaje|correo|mail|email))? (va|ira|se va|termina|acaba|terminara)( directo| directamente)? (a|al|en|en la|a la)( carpeta de)? (spam|basura|correo no deseado|papelera)',
        '\\b(il |la )?(prossimo|prossima)( (messaggio|mail|email))? (finisce|finira|va|andra)( dritto| dritta| direttamente)? (nello|nella|in|nel|nei) (spam|posta indesiderata|cestino)',
        '\\b(o |a )?(proximo|proxima)( (email|e mail|mensagem))? (vai|ira|cai|vai cair)( direto| direto| directo)?( (pro|pra|para o|para a|no|na|ao))? (spam|lixo|lixeira|caixa de spam)',
      ].join('|'),
    ),
  ),
];
