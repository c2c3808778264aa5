/**
 * The opt-out keyword in capitals talked about rather than sent (probe 59, read by reply-classifier's capitalStop on
 * the text as written): what someone has already replied ("Un collega ha risposto STOP per sbaglio", "Een collega
 * heeft per ongeluk STOP geantwoord"), the keyword as a word or a thing ("la parola STOP", "lo STOP", "het
 * STOP-woord", "die Erklärung zum STOP-Wort") or the subject of a question about it ("Is STOP case sensitive?",
 * "Werkt STOP ook als …?").
 */

/**
 * Right before the keyword: a past participle of replying or sending, the instruction that names it ("Antworten Sie
 * STOP zum Abmelden"), a noun for it, or an article.
 */
export const KEYWORD_DONE_OR_NAMED =
  /\b(risposto|scritto|inviato|mandato|digitato|r[ée]pondu|[ée]crit|envoy[ée]|tap[ée]|respondi[óo]|escribi[óo]|envi[óo]|mand[óo]|contest[óo]|respondeu|escreveu|enviou|mandou|digitou|geantwoord|gestuurd|getypt|ge-?appt|geantwortet|geschrieben|geschickt|gesendet|getippt|(antworten|senden|schicken|schreiben|tippen) sie|parola|palabra|mot|wort|woord|palavra|begriff|keyword|lo|il|el|le|het|das)\s*["'“‘«]?$/i;

/** The keyword as the subject of a question, right after the sentence opens ("Is STOP …?", "Funktioniert STOP …?"). */
export const KEYWORD_QUESTION_OPENS =
  /(^|[.!?\n]\s*)(is|ist|werkt|funktioniert|funciona|fonctionne|marche|funziona|does|will)\s*["'“‘«]?$/i;

/** Right after the keyword: a past participle of replying or sending, in the languages that put it last. */
export const KEYWORD_DONE_AFTER =
  /^\s*["'”’»]?\s*(geantwoord|teruggestuurd|gestuurd|getypt|ge-?appt|ge-?sms'?t|geantwortet|zur[üu]ckgeschrieben|geschrieben|geschickt|gesendet|getippt)\b/i;

/** A compound naming the keyword ("STOP-Wort", "STOP-woord", "STOP-keyword", "STOP-Befehl"). */
export const KEYWORD_COMPOUND_AFTER =
  /^["'”’»]?-(wort|woord|word|keyword|befehl|commando|comando|comand[oa]|nachricht|bericht|antwort|antwoord|funktion|functie|feature|regel|rule|knop|button)/i;

/**
 * Whether the sentence that holds the keyword ends with a question mark (a full stop inside quotes, "'Stop.'", does
 * not end it).
 */
export function keywordInAQuestion(body: string, at: number): boolean {
  const m = /[!?\n]|\.(\s|$)/.exec(body.slice(at));
  return m !== null && m[0] === '?';
}
