import { s, type Signal } from './signal';

/**
 * Replies written above quoted history or forwards (probe 55). Quotes, forwards and signatures are cut in
 * isolate-reply and opt-outs that are reported or denied ("I know I said remove me last month, but …", "I did not
 * ask to be unsubscribed") are told apart in opt-out-scope; what is left here are the short notes such threads
 * carry: a tool named in a question ("Funciona com o WhatsApp Business que já usamos?": the tool they use, not a
 * refusal), a place in a message ("if a lead replies 'remove me' in the middle of a longer email": not a busy
 * writer), a forward passed on for information only ("Para tu información.", "Zur Kenntnis."), and a wish to try
 * it or a proposal asked for in Italian and Dutch ("vorremmo provarlo", "Può mandarmi una proposta?", "we willen
 * het graag proberen").
 */

/** A question right after, in the same sentence. */
const IN_A_QUESTION = '(?=[^.!\\n]*\\?)';

export const PROBE55_QUOTED_THREAD_GUARDS: Signal[] = [
  s(
    'question',
    0,
    'names a tool they already use, in a question',
    new RegExp(
      `\\b(that|which) (we|i) (already|currently) (use|have|run|pay for)\\b${IN_A_QUESTION}|\\bque (ja|a gente ja) (temos|usamos|utilizamos)\\b${IN_A_QUESTION}|\\bque ya (tenemos|usamos|utilizamos)\\b${IN_A_QUESTION}|\\bque (nous|on) (utilisons|avons|utilise|a) deja\\b${IN_A_QUESTION}|\\b(den|die|das) wir (schon|bereits) (nutzen|haben|verwenden|einsetzen)\\b${IN_A_QUESTION}|\\bche (gia (usiamo|utilizziamo|abbiamo)|(usiamo|utilizziamo|abbiamo) gia)\\b${IN_A_QUESTION}|\\b(die|dat) (we|wij) al (gebruiken|hebben)\\b${IN_A_QUESTION}`,
    ),
    'guard',
  ),
  s(
    'neutral',
    0,
    'comes back to the thread, not back from an absence',
    /\b(looping|circling|following|checking) back (on|to|in on|around to) (this|that|the|our|my|your|you)\b/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'a place in a message, not a busy writer',
    /\bin the middle of (a|an|the|their|his|her|my|your) ((long|longer|short|bigger|whole) )?(e ?mail|message|sentence|text|thread|conversation|paragraph|reply|line|word|page|document|letter|note)s?\b/,
    'guard',
  ),
];

export const PROBE55_QUOTED_THREAD_SIGNALS: Signal[] = [
  s(
    'neutral',
    3,
    'passes a forward on for information',
    /^\s*(fyi|for your information|for info|for your records|para (tu|su|vuestra) (informacion|conocimiento)|para (sua|tua|vossa) (informacao|informacao e arquivo)|pour (info|information|information seulement)|zur (info|information|kenntnis|kenntnisnahme)|per (conoscenza|informazione|tua informazione|sua informazione)|ter (info|informatie|kennisname))[.!:]*\s*$/,
    'whole',
  ),
  s(
    'interested',
    3,
    'wants to try it or asks for a proposal (it, nl)',
    /\b(vorremmo|vorrei|ci piacerebbe|mi piacerebbe) (provarlo|provarla|provare|testarlo|testarla|testare)\b|\b(puo|potete|potrebbe|potreste|puoi) (mandarmi|inviarmi|mandarci|inviarci|mandare|inviare)( pure)? (una|un|uno|il|la|le|i|dei|delle|maggiori) (proposta|preventivo|offerta|listino|prezzi|informazioni|dettagli|materiale|presentazione)\b|\b(willen|zouden) (het|dit) graag (proberen|uitproberen|testen)\b|\b(we|wij) (willen|zouden) (het|dit) graag (proberen|uitproberen|testen)\b/,
  ),
];
