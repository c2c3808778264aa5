/**
 * The opt-out keyword in capitals talked about rather than sent (probe 59, read by reply-classifier's capitalStop on
 * the text as written): what someone else has already replied ("Un collega ha risposto STOP per sbaglio", "Een
 * collega heeft per ongeluk STOP geantwoord"; not "Ik heb al STOP gestuurd"), the keyword as a word or a thing ("la parola STOP", "lo STOP", "het
 * STOP-woord", "die Erklärung zum STOP-Wort") or the subject of a question about it ("Is STOP case sensitive?",
 * "Werkt STOP ook als …?").
 */

/** Right before the keyword: the instruction that names it ("Antworten Sie STOP zum Abmelden"), a noun, an article. */
export const KEYWORD_NAMED =
  /\b((antworten|senden|schicken|schreiben|tippen) sie|parola|palabra|mot|wort|woord|palavra|begriff|keyword|lo|il|el|le|het|das)\s*["'“‘«]?$/i;

/** Right before the keyword: a past participle or a past form of replying or sending ("ha risposto STOP"). */
const KEYWORD_DONE_BEFORE =
  /\b(risposto|scritto|inviato|mandato|digitato|r[ée]pondu|[ée]crit|envoy[ée]|tap[ée]|respondi[óo]|escribi[óo]|envi[óo]|mand[óo]|contest[óo]|respondeu|escreveu|enviou|mandou|digitou|geantwoord|gestuurd|getypt|ge-?appt|geantwortet|geschrieben|geschickt|gesendet|getippt)\s*["'“‘«]?$/i;

/** The keyword as the subject of a question, right after the sentence opens ("Is STOP …?", "Funktioniert STOP …?"). */
export const KEYWORD_QUESTION_OPENS =
  /(^|[.!?\n]\s*)(is|ist|werkt|funktioniert|funciona|fonctionne|marche|funziona|does|will)\s*["'“‘«]?$/i;

/** Right after the keyword: a past participle of replying or sending, in the languages that put it last. */
const KEYWORD_DONE_AFTER =
  /^\s*["'”’»]?\s*(geantwoord|teruggestuurd|gestuurd|getypt|ge-?appt|ge-?sms'?t|geantwortet|zur[üu]ckgeschrieben|geschrieben|geschickt|gesendet|getippt)\b/i;

/** A compound naming the keyword ("STOP-Wort", "STOP-woord", "STOP-keyword", "STOP-Befehl"). */
export const KEYWORD_COMPOUND_AFTER =
  /^["'”’»]?-(wort|woord|word|keyword|befehl|commando|comando|comand[oa]|nachricht|bericht|antwort|antwoord|funktion|functie|feature|regel|rule|knop|button)/i;

/**
 * The writer as who sent it, earlier in the sentence ("Ich habe STOP geschrieben", "Ik heb al STOP gestuurd", "Ho già
 * risposto STOP", "J'ai déjà répondu STOP"): their own opt-out, said again, not someone else's.
 */
const WRITER_SENT =
  /\b(i|we|ich|wir|ik|wij|j|je|nous|ho|abbiamo|yo|he|hemos|eu|n[óo]s|ya|j[áa]|schon|bereits|al|d[ée]j[àa]|gi[àa]|already)\b/i;

/**
 * Whether the keyword in capitals at `at` (of `length` characters) is what someone else has already sent ("Un
 * collega ha risposto STOP per sbaglio", "Een collega heeft per ongeluk STOP geantwoord"), not the writer.
 */
export function keywordSentBySomeoneElse(body: string, at: number, length: number): boolean {
  const done =
    KEYWORD_DONE_BEFORE.test(body.slice(Math.max(0, at - 20), at)) ||
    KEYWORD_DONE_AFTER.test(body.slice(at + length));
  if (!done) return false;
  const sentence =
    body
      .slice(0, at)
      .split(/[.!?\n]/)
      .pop() ?? '';
  return !WRITER_SENT.test(sentence);
}

/**
 * Whether the sentence that holds the keyword ends with a question mark (a full stop inside quotes, "'Stop.'", does
 * not end it).
 */
export function keywordInAQuestion(body: string, at: number): boolean {
  const m = /[!?\n]|\.(\s|$)/.exec(body.slice(at));
  return m !== null && m[0] === '?';
}
