import { s, type Signal } from './signal';

/**
 * The boundary between opt-outs and questions (probe 59), in the seven languages. Opt-outs asked as questions: what
 * the writer must do to make these messages stop ("Cosa devo fare perché questi messaggi finiscano???"), being left
 * alone said in a clause of purpose ("Muss ich erst einen Anwalt einschalten, damit Sie mich in Ruhe lassen?"), a
 * polite "Könnten Sie aufhören, mir … zu schreiben?", "Is het mogelijk om deze mails niet meer te ontvangen?", "Kann
 * ich bitte von dieser Liste runter?". Look-alikes: whether messages fall under a do-not-call registry ("Vallen
 * jullie berichten onder het Bel-me-niet Register?"), the hour of a message complained about ("Stopp. Und warum
 * schreiben Sie mir um 23 Uhr?" proposes no meeting), thanks for an explanation of how opting out works ("Vale,
 * gracias por explicar cómo funciona lo de BAJA": no question), and a question without its mark ("Ich wollte nur
 * wissen, warum …").
 */

/** The messages or the sender, as what should stop ("diese SMS", "ces mails", "vos messages", "jullie", "you"). */
const THESE_OR_YOU =
  '(these|those|your|you|u|diese[nrs]?|ihre|eure|deine|sie|ihr|ces|vos|tes|vous|estos|estas|esos|esas|sus|vuestros|vuestras|questi|queste|quei|quelle|i vostri|le vostre|voi|essas|esses|estas|estes|suas|seus|voces|deze|die|jullie|uw)';

export const PROBE59_ASKED_OPT_OUT_GUARDS: Signal[] = [
  // "How long do you keep opted-out numbers? We need that for our records", "… We need that for compliance": the
  // answer is needed for a duty, the product is not wanted.
  s(
    'question',
    1,
    'needs the answer for compliance or records',
    /\b(we|i) (need|want|require) (that|this|it|to know|to know that|this information|that information) for (our |my |the )?(compliance|records?|audit|audits|files?|documentation|register|registry|policy|policies|dpo|legal|legal team|gdpr|reporting|regulator|data protection|privacy policy|records of processing)\b/,
    'guard',
  ),
  s(
    'neutral',
    1,
    'thanks for an explanation',
    /\b(thanks|thank you|thx|danke|gracias|merci|grazie|obrigad[oa]|valeu|bedankt|dank (je|u))( (so much|very much|vielmals|sehr|mille|muchas|beaucoup|wel))? (for|fur|por|pour|per|voor)( (the|die|la|le|l|de|het|a|o|your|ihre|votre|vuestra|su|sua|tua|jullie|uw))? (explaining|explanation|erklarung|erklaren|explicar|explicacion|explication|expliquer|avoir explique|spiegato|aver spiegato|spiegazione|explicacao|explicar|uitleg|uit te leggen)\b(?:(?!\b(but|however|aber|doch|pero|mais|ma|mas|maar)\b)[^.!?\n,;]){0,50}/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'what falls under a do-not-call registry, asked',
    /\b(fall|falls|come|comes|vallen|valt|fallen|fallt|comply|complies|compliant|voldoen|voldoet)\b[^.!?\n]{0,40}\b(under|onder|unter|with|aan)( (het|de|the|die|das))? (bel ?me ?niet|do not call|robinson) ?(register|registry|liste|lijst|list)\b(?=[^.!\n]*\?)/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'the hour of a message complained about',
    /\b(why|warum|wieso|weshalb|pourquoi|por que|porque|perche|waarom)\b[^.!?\n]{0,40}\b(write|writes|writing|text|texting|message|messaging|call|calling|email|emailing|schreiben|schreibt|schickt|schicken|anrufen|ruft|ecrivez|ecrit|envoyez|appelez|escribis|escriben|escribe|mandan|mandais|llaman|mandam|escrevem|ligam|scrivete|scrivono|mandate|chiamate|appen|appt|sturen|stuurt|bellen|belt|mailen|mailt)\b[^.!?\n]{0,25}\b(at|um|a|a las|as|alle|om|vers|gegen)\s+\d{1,2}( ?(h|uhr|uur|am|pm|u)\b|:\d\d)?/,
    'guard',
  ),
];

export const PROBE59_ASKED_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'asks what to do to make these stop (de/fr/es/it/pt/nl)',
    new RegExp(
      [
        `\\bwas (muss|soll|kann) ich ((noch|denn|eigentlich|bloss|blos|jetzt) )*(tun|machen),? (damit|dass|um)\\b[^.!?\\n]{0,15}\\b${THESE_OR_YOU}\\b[^.!?\\n]{0,40}\\b(aufhoren|aufhort|aufhoert|enden|endet|in ruhe|loszuwerden|los zu werden)\\b`,
        `\\b(qu est ce qu il faut|qu est ce que je dois|que dois je|que faut il|il faut) faire (pour|afin) (que|qu)\\b[^.!?\\n]{0,15}\\b${THESE_OR_YOU}\\b[^.!?\\n]{0,40}\\b(s arretent|s arrete|cessent|cesse|arretiez|me laissiez)\\b`,
        `\\bque (tengo|tenemos|hay|debo) que hacer para que\\b[^.!?\\n]{0,15}\\b${THESE_OR_YOU}\\b[^.!?\\n]{0,40}\\b(paren|dejen|terminen|acaben|dejeis|pareis)\\b`,
        `\\b(cosa|che cosa|che) (devo|dobbiamo|bisogna|si deve) fare (perche|affinche|per far si che)\\b[^.!?\\n]{0,15}\\b${THESE_OR_YOU}\\b[^.!?\\n]{0,40}\\b(finiscano|smettano|smettiate|cessino|si fermino|mi lascino|mi lasciate)\\b`,
        // … or, without naming who stops, to not receive any more (probe 79: "Che devo fare per non ricevere più niente da voi?")
        `\\b(cosa|che cosa|che) (devo|dobbiamo|bisogna) fare per non (ricevere|essere (contattat|chiamat|disturbat)\\w*) piu\\b|\\bque (tengo|tenemos|debo) que hacer para no (recibir|ser contactad[oa]) mas\\b|\\b(que (dois je|faut il|dois je) faire|qu est ce que je dois faire) pour ne plus (recevoir|etre contacte)\\b|\\bwas (muss|soll) ich tun,? um (nichts|keine [a-z]+) mehr (zu bekommen|zu erhalten)\\b|\\bo que (eu )?((tenho|preciso|devo) (que |de )?fazer|faco) (pra|para) nao (receber|ser contatad[oa]|ser contactad[oa]) mais\\b|\\bwat moet ik doen om (niets|geen [a-z]+) meer te (ontvangen|krijgen)\\b|\\bwhat (do|should|must) (i|we) (have to |need to )?do to (stop getting|stop receiving|not get|no longer get|not receive|no longer receive) (these|this|them|your)\\b`,
        `\\bo que (eu )?((tenho|preciso|devo|temos) (que |de )?fazer|faco|fazemos) (pra|para)( que)?\\b[^.!?\\n]{0,15}\\b${THESE_OR_YOU}\\b[^.!?\\n]{0,40}\\b(pararem|parem|acabarem|acabem|me deixarem|me deixem)\\b`,
        `\\bwat (moet|kan) (ik|we) (nog |dan |eigenlijk )?doen (om|zodat|opdat)\\b[^.!?\\n]{0,15}\\b(van )?${THESE_OR_YOU}\\b[^.!?\\n]{0,40}\\b(af te komen|ophouden|stoppen|stopt|ophoudt|met rust laten)\\b`,
      ].join('|'),
    ),
  ),
  s(
    'unsubscribe',
    4,
    'wants to be left alone, in a clause of purpose',
    /\b(damit|dass|bis) (sie|ihr|du|man) (mich|uns) (endlich |bitte |einfach |dann )?in ruhe (lassen|lasst|lasse)\b|\b(pour|afin|avant|jusqu a ce) (que|qu) (vous|tu|on|ils) (me|nous) (laissiez|laisses|laisse|laissent|foutiez|fichiez)( enfin)? (tranquilles?|en paix|la paix)\b|\bpara que (me|nos) (dejeis|dejen|dejes|deje)( ya| de una vez)? en paz\b|\bper essere lasciat[oaie] in pace\b|\b(perche|affinche|finche|prima che) (mi|ci) (lasciate|lasciano|lasci|lascino)( finalmente)? in pace\b|\b(pra|para|ate) (voces |vcs |vc |voce |eles |que )?(me|nos) (deixarem|deixem|deixe)( finalmente)? em paz\b|\b(voordat|zodat|totdat|tot|opdat) (jullie|je|u|ze) (me|mij|ons) (eindelijk |gewoon )?met rust (laten|laat)\b|\b(to get|to make|so|so that|before|until|till) (you|u|ya|you people|you guys)( (to|will|ll|finally))? leave (me|us) alone\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks them to stop writing to the writer (de)',
    /\b(aufhoren|aufzuhoren),? (mir|mich|uns)( (auf|unter) (diese|dieser|meine|meiner) (nummer|adresse|handynummer|mailadresse|email adresse))?( (standig|dauernd|immer wieder|taglich|weiter|noch|andauernd|pausenlos|jede woche|jeden tag|jeden morgen|jeden abend|jeden monat|wochentlich|so oft|mehrmals|zweimal die woche|ubers wochenende|am wochenende))* (zu (schreiben|kontaktieren|nerven|texten|simsen|mailen|belastigen)|anzuschreiben|anzurufen|zu schreiben)\b/,
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'asks whether these can stop arriving (it/nl/pt/de)',
    /\b(e|sarebbe) possibile (non ricevere piu|smettere di ricevere) (queste|questi|le vostre|i vostri|le tue|i tuoi)\b|\bis het mogelijk om (deze|jullie|die|uw) [a-z']+ niet meer te (ontvangen|krijgen)\b|\b(e|seria) possivel (deixar de receber|nao receber mais) (essas|estes|estas|esses|as suas|os seus|suas|seus)\b|\bist es (moglich|moeglich),? (diese|ihre|eure) [a-z]+ nicht mehr zu (bekommen|erhalten)\b|\bc e (un|qualche) modo (per|di) (non (essere )?piu (ricevere|contattat\w*|disturbat\w*|chiamat\w*)|non (ricevere|essere contattat\w*|essere disturbat\w*) piu|smettere di ricevere)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks to come off the list (de/nl)',
    /\b(von|aus) (dieser|der|ihrer|eurer|deiner|ihren|euren|diesem|ihrem|eurem|dem) ([a-z]+ )?(liste|verteiler|mailingliste|kartei|datenbank|newsletter|verteilerliste)( [a-z]+){0,2} (runter|raus|entfernt|gestrichen|genommen|geloscht)\b|\b(mij|me|ons) (van|uit) (je|jullie|uw|de|deze|het|dit|die) ([a-z]+ )?[a-z]*(lijst|bestand|systeem|database)( [a-z]+)? (willen |kunnen |te )?(halen|verwijderen|schrappen|afhalen)\b/,
    'negatable',
  ),
  s(
    'question',
    2,
    'only wanted to know, a question without its mark',
    /\b(i (just |only )?(wanted|was wondering|wondered)( to know)?|ich wollte (nur|bloss|blos|eigentlich nur|einfach) wissen|je voulais (juste |seulement |simplement )?savoir|volevo (solo |soltanto |solamente |semplicemente )?sapere|(solo|solamente|nada mas) queria saber|(so|apenas) queria saber|ik vroeg me (alleen |gewoon |enkel |eigenlijk )?af)\b[^.!?\n]{0,10}\b(why|warum|wieso|pourquoi|perche|por que|porque|waarom|how|wie|comment|come|como|hoe|whether|ob|si|se|of)\b/,
  ),
];
