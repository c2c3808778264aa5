import { s, type Signal } from './signal';

/**
 * Opt-outs asked as exasperated questions, and a stop of one format only (session 59's own probe):
 * - "Are you going to keep texting me forever?", "how long are you going to keep emailing me?", "How many more of
 *   these am I going to get?": the writer wants the messages to end, asked rhetorically; a plain question about the
 *   sequence ("are you going to keep texting me the order updates?") names no such excess;
 * - "What would it take for you to stop emailing me?", "What's the magic word to make these stop?", "Is replying the
 *   only way to get off this list?", "Is there someone I can talk to about getting removed?", "Which email do I write
 *   to for data deletion?": the way out asked for, as "how do I stop getting these?" is;
 * - "Do I need to block you?", "Do I have to report this number?": a block threatened, as "Should I just block this
 *   number?" is;
 * - "stop sending me the PDF version, the link is enough", "quit attaching the zip": one format of what is sent, not
 *   the messages.
 * Patterns read the normalised text (lowercase, no accents, "we've" → "we have").
 */

const CONTACTING =
  '(texting|emailing|e mailing|messaging|calling|ringing|phoning|spamming|bugging|pestering|hounding|bothering|harassing|contacting|chasing|following up|sending (me|us) (these|this|stuff|messages|texts|emails))';

export const EXASPERATION_GUARDS: Signal[] = [
  s(
    'neutral',
    2,
    'stops one format of what is sent',
    /\b(stop|quit|no need to keep) (sending|attaching|including) (me |us )?(the |those |these |your )?(pdf|pdfs|paper|printed|print|html|zip|word|excel|powerpoint|hard ?copy|hard ?copies|attachment|attachments)( (version|versions|copy|copies|file|files|attachments?|format))?\b/,
    'guard',
  ),
];

export const EXASPERATION_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'asks for the way out',
    new RegExp(
      [
        `\\bwhat (will|would|does|do) it take (for (you|u)|to (make|get) (you|u))( to)? (stop|quit|cease) ${CONTACTING}( (me|us))?\\b`,
        '\\b(what|which|whats) (is |s )?the (magic |secret |right )?(word|keyword|command|code|phrase|spell) to (make (these|this|them|it|you) stop|stop (these|this|them|you)|unsubscribe|opt out|get (off|out)|be (removed|left alone))\\b',
        '\\bis ([a-z]+ing|blocking (you|this number)) the only way to (get (off|out of) (this|your|the) [a-z ]{0,15}list|unsubscribe|opt out|stop (these|this|them|you)|be removed)\\b',
        '\\b(someone|anyone|somebody|anybody|who) (i|we) (can|could|should) (talk|speak|write|reach out) to about (getting|being) (removed|unsubscribed|taken off|deleted|erased)\\b',
        '\\b(do|should|will|must|shall) (i|we) (need to |have to |just |really have to |really need to )?(block|report) (you|u|this number|this sender|this address|your (number|emails|e mails|messages|texts))\\b',
        '\\b(which|what) (email|e mail|address|form) (do|should|can) (i|we) (write|send|use|email)( to)? (for|to (request|ask for)) (data |my |our )?(deletion|erasure|removal)\\b',
      ].join('|'),
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks whether the messages will go on for ever',
    new RegExp(
      `\\b(are you|r u|are u|you|u|is (this|it)) (going to|gonna) (keep|go on|carry on)( (on))? ${CONTACTING}( (me|us))?( [a-z]+){0,3} (forever|for ever|every (single )?(day|week|morning|hour|night)|all (day|week|night)|non ?stop|like this|till i die|until i die|for the rest of my life)\\b[^.!?\\n]*\\?`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks how long the messages will go on',
    new RegExp(
      [
        `\\bhow (long|much longer) (are you|r u|are u|will you|do you (plan|intend) to|is this) (going to |gonna )?(keep|go on|carry on)( on)? ${CONTACTING}\\b`,
        // … and when it will end, in the seven languages (probe 79: "¿Hasta cuándo van a seguir mandándome esto?", "Até
        // quando vou receber isso?", "Vous allez arrêter un jour ?", "Hört das irgendwann mal auf?", "When will these stop?").
        '\\bwhen (will|are) (these|they|the (emails|e mails|texts|messages|calls)) (stop|end|going to stop)\\b',
        '\\bhasta cuando (me |nos )?(van|vais|piensan|pensais|piensas|vas) a (seguir|continuar) (mandando|escribiendo|enviando|llamando|molestando)(me|nos)?( (esto|eso|estos [a-z]+|estas [a-z]+|mensajes|correos|emails|sms|spam))?\\s*(\\?|$)',
        '\\bate quando (eu )?(vou|vamos|voces vao|vcs vao|vao) (continuar (a )?)?(receber|recebendo|me mandar|mandar|me enviar|enviar|me ligar|ligar)( (isso|isto|essas [a-z]+|estas [a-z]+|esses [a-z]+|estes [a-z]+|mensagens|emails|e mails|sms|msg|spam))?\\s*(\\?|$)',
        '\\b(vous allez|tu vas|allez vous|vas tu) (arreter|cesser)( de (m|nous) [a-z]+)? un jour\\b',
        '\\bhort (das|dies|es)( (irgendwann|jemals|bald|endlich|auch|mal|noch))+ auf\\b',
        '\\b(houdt|stopt) (dit|het) (ooit|nog eens|ook|ergens)( een keer)?( op)?\\b',
      ].join('|'),
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks how many more messages will come',
    new RegExp(
      `\\bhow many more (of (these|those|them|your [a-z]+)( [a-z]+){0,2} ((am i|are we|do i|do we|will i|will we|must i)( (have|need|going|gonna))?( to)? (get|receive|delete|ignore|put up with|endure|read)|(are you|will you|do you)( (plan|intend|going|gonna))?( to)? send)|(messages|texts|emails|e mails|calls|follow ups|reminders|voicemails)( [a-z]+){0,2} (do i|do we|must i|must we|will i|am i)( (have|need|going|gonna))?( to)? (delete|ignore|block|put up with|endure|read|wade through|get|receive)\\b[^.!?\\n]{0,30}\\b(before|until|till) (you|u) (stop|quit|give up|get the (hint|message)|take the hint|leave (me|us) alone|get it))\\b[^.!?\\n]*`,
    ),
  ),
];
