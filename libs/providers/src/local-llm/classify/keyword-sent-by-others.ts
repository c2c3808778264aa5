/**
 * Verbs in the third person that send a keyword, in the languages other than English ("risponde", "répond",
 * "escribe", "envia", "antwortet", "stuurt"; English ones are in keyword-talked-about's KEYWORD_MENTIONED), accents
 * optional so that they read the text as written and normalised alike.
 */
export const SENDS_IN_THIRD_PERSON =
  '(risponde|rispondono|scrive|scrivono|manda|mandano|invia|inviano|digita|digitano|r[ée]pond|r[ée]pondent|[ée]crit|[ée]crivent|envoie|envoient|tape|tapent|contesta|contestan|escribe|escriben|env[ií]a|env[ií]an|responde|responden|respondem|escreve|escrevem|enviam|digitam|antwortet|antworten|schreibt|sendet|schickt|tippt|antwoordt|stuurt|typt|appt)';

/**
 * The keyword as what someone else sends, named by such a verb right before it ("Se un cliente risponde STOP su
 * WhatsApp…", "Quand un client répond STOP…", "Si un contacto escribe BAJA…", "Se o cliente envia SAIR…"): a
 * question about their own contacts, not the writer's opt-out. Read on the text before the keyword.
 */
export const KEYWORD_SENT_BY_OTHERS = new RegExp(
  `\\b${SENDS_IN_THIRD_PERSON}\\s*(con|with|mit|avec|com|met)?\\s*["'“‘«]?\\s*$`,
  'i',
);
