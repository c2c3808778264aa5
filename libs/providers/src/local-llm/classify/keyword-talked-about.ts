import { KEYWORD_SENT_BY_OTHERS } from './keyword-sent-by-others';

/**
 * The opt-out keyword in capitals talked about rather than sent (read by reply-classifier's capitalStop on the text
 * as written): mentioned ("Your email said reply STOP"), named as what the writer would send ("schreibe ich STOP"),
 * what someone else has already replied ("Un collega ha risposto STOP per sbaglio"; not "Ik heb al STOP gestuurd"),
 * the keyword as a word or a thing ("la parola STOP", "het STOP-woord"), the subject of a question about it ("Is STOP
 * case sensitive?"), or taken back ("STOP! Just kidding").
 */

/**
 * "Your email said reply STOP to opt out, but…", "my son shouted 'STOP!'", "Wilt u geen berichten meer ontvangen, stuur
 * dan STOP" (an adverb between: probe 76), "…, e.g. STOP on SMS" (an example: probe 77): the keyword is mentioned,
 * not sent.
 */
const KEYWORD_MENTIONED =
  /\b(shouted|yelled|screamed|reply|replied|replies|replying|text|texts|texted|texting|txt|send|sends|sent|sending|type|types|typing|say|says|said|saying|write|writes|writing|with|word|keyword|does|do|will|would|if|whether|handle|handles|support|supports|recognise|recognises|recognize|recognizes|detect|detects|honor|honors|honour|honours|mit|avec|con|com|met|antworten sie|senden sie|r[ée]pondez|envoyez|responda|env[ií]e|rispondete|risponda|invia|respondo|respondes|responde|responder|contesto|escribo|envio|mando|reponds|repond|repondre|ecris|envoie|antworte|antworten|schreibe|sende|schicke|rispondo|rispondi|scrivo|invio|mando|respondo|responder|escrevo|envio|mando|stuur|stuurt|antwoord|typ|tik|réponds|répond|répondre|écris|respondés|rispondere|scrivere|inviare|digitare|antwoorden|sturen|escribir|escrever|envoyer|[ée]crire|taper|e\.? ?g\.?,?|i\.? ?e\.?,?|for (example|instance),?|z\. ?b\.|bijv\.|bv\.|p\. ?ej\.|par exemple,?|por ejemplo,?|ad esempio,?|por exemplo,?|besides|other than|apart from|except|except for|such as|including|instead of|rather than|in place of|en lugar de|en vez de|au lieu de|statt|anstatt|invece di|em vez de|in plaats van|(if|als|si|se|wenn|falls) (i|we|ik|we|je|on|ich|wir|eu|yo|io))( (dan|then|just|simply|gewoon|einfach|dann|alors|simplement|entonces|simplemente|allora|semplicemente|entao|simplesmente))?\s*["'“‘]?$/i;

/**
 * The keyword named as what the writer would send, in the languages that put the verb before its subject or after
 * the keyword ("schreibe ich STOP", "stuur ik STOP", "ich soll einfach STOP antworten", "je répondrai STOP si …",
 * "I'll just reply STOP if …"), or named as a thing ("comment gérez-vous les STOP ?").
 */
const KEYWORD_NAMED_BEFORE =
  /(\b(schreibe|antworte|sende|schicke|tippe|simse) (ich|wir)|\b(stuur|antwoord|typ|app|sms) (ik|we)|\b(r[ée]pondrai|[ée]crirai|enverrai|r[ée]pondrais|[ée]crirais|enverrais|responder[ée]|escribir[ée]|mandar[ée]|enviar[ée]|risponder[òo]|scriver[òo]|invier[òo]|mander[òo]|responderei|escreverei|mandarei|enviarei)|\b(I('ll| will| would|'d)|we('ll| will| would|'d)) (just |simply |then )?(reply|text|send|type|write|answer)( with)?|\b(les|des|the|los|las|die|de|i|gli|os|as))( (einfach|gewoon|gerne|simplement|simplemente|semplicemente|simplesmente|dann|wel|alors))?\s*["'“‘]?$/i;

/**
 * Right after the keyword: a verb of sending in the languages that put it last ("STOP antworten", "STOP sturen"), or in
 * Hindi in Latin script, said of someone else ("agar customer STOP bhejta hai", "STOP bhejega": probe 76), and in Turkish
 * and in Devanagari ("Müşteri STOP yazarsa", "ग्राहक STOP भेजे तो": probe 77).
 */
const KEYWORD_NAMED_AFTER =
  /^["'”’]?\s*(antworten|schreiben|senden|schicken|tippen|zu (antworten|schreiben|senden)|sturen|antwoorden|typen|te (sturen|antwoorden|typen)|appen|sms'?en|(bhejta|bhejte|bhejti|likhta|likhte|likhti|reply karta|reply karte|type karta|type karte) (hai|hain|to|toh)|bhejega|bhejegi|likhega|likhegi|reply karega|reply karegi|yazarsa|yazinca|yazdiginda|g[öo]nderirse|g[öo]nderdi[gğ]inde|cevap verirse|yan[ıi]tlarsa)\b|^["'”’]?\s*(भेजे|भेजता|भेजती|भेजते|भेजेगा|भेजेगी|लिखे|लिखता|लिखती|लिखेगा)/i;

/**
 * The keyword named as what the writer would send, in Hindi, in a question ("agar main STOP bhejun to kya hoga?",
 * "STOP भेजने से क्या …?"); "main STOP bhejta hoon, band karo" sends it.
 */
const KEYWORD_NAMED_AFTER_HI =
  /^["'”’]?\s*(bhejne|bhejun|bhejoon|bhejenge|likhne|likhun|type karne|reply karne|भेजने|भेजूं|भेजूँ|भेजेंगे|लिखने|लिखूं|टाइप करने|रिप्लाई करने)/i;

/**
 * "STOP! Just kidding 😄", "STOP! you're killing me", "STOP - wrong file, ignore my last email", "STOP! I already sent
 * it": an exclamation taken back by a joke, as a slip or because it was already done.
 */
const TAKEN_BACK =
  /^[\s!.]*(\(?(just )?(kidding|joking)\)?|jk\b|lol\b|lmao\b|haha|you'?re (hilarious|killing me|funny|too much)|(😂|🤣|😄|😅|😆)+\s*[^\s!.]*[a-z]{2}|[-,:]?\s*(wrong (file|chat|thread|attachment|doc|document|link|deck|version|email|message)|wrong person[-,!. ]*(sorry|ignore|oops|my bad|meant)|ignore (that|this|my|the)|disregard|my (bad|mistake)|sorry,? wrong|i('?ve| have)? (already|just) (sent|signed|paid|submitted|booked|returned|uploaded|filled in|done))\b)/iu;

/**
 * The keyword as one end of a change, "from STOP to END" ("da STOP a BASTA", "de BAJA a STOP", "von STOP auf ENDE",
 * "van STOP naar AFMELDEN", "de STOP para SAIR"): a setting talked about (probe 77).
 */
const KEYWORD_CHANGED_FROM = /\b(from|da|de|von|van|du)\s*["'“‘«]?$/i;
const KEYWORD_CHANGED_TO = /^["'”’»]?\s*(to|a|à|auf|zu|in|naar|para|en|em|into)\s+["'“‘«]?[A-ZÄÖÜÉ]{2,}\b/;
const KEYWORD_CHANGED_INTO = /\b(to|a|à|auf|zu|naar|para|en|em|into)\s*["'“‘«]?$/i;
const KEYWORD_CHANGED_BEFORE =
  /\b(from|da|de|von|van|du)\s+["'“‘«]?[A-ZÄÖÜÉ]{2,}["'”’»]?\s+(to|a|à|auf|zu|naar|para|en|em|into)\s*["'“‘«]?$/;

/** Right before the keyword: the instruction that names it ("Antworten Sie STOP zum Abmelden"), a noun, an article. */
const KEYWORD_NAMED =
  /\b((antworten|senden|schicken|schreiben|tippen) sie|parola|palabra|mot|wort|woord|palavra|begriff|keyword|lo|il|el|le|het|das)\s*["'“‘«]?$/i;

/** Right before the keyword: a past participle or a past form of replying or sending ("ha risposto STOP"). */
const KEYWORD_DONE_BEFORE =
  /\b(risposto|scritto|inviato|mandato|digitato|r[ée]pondu|[ée]crit|envoy[ée]|tap[ée]|respondi[óo]|escribi[óo]|envi[óo]|mand[óo]|contest[óo]|respondeu|escreveu|enviou|mandou|digitou|geantwoord|gestuurd|getypt|ge-?appt|geantwortet|geschrieben|geschickt|gesendet|getippt)\s*["'“‘«]?$/i;

/** The keyword as the subject of a question, right after the sentence opens ("Is STOP …?", "Funktioniert STOP …?"). */
const KEYWORD_QUESTION_OPENS =
  /(^|[.!?\n]\s*)(is|ist|werkt|funktioniert|funciona|fonctionne|marche|funziona|does|will)\s*["'“‘«]?$/i;

/**
 * Right before the keyword, in a question: what it has to be, or one keyword of several ("or does it have to be STOP?",
 * "¿… o tiene que ser STOP?", "Funktioniert STOPP auch oder nur STOP?").
 */
const KEYWORD_COMPLEMENT_BEFORE =
  /\b(be|is it|was it|ist es|c est|es|e|ser|sein|etre|être|essere|zijn|or|oder|ou|o|nur|only|solo|seulement|alleen|apenas|soltanto)\s*["'“‘«]?$/i;

/**
 * Right after the keyword, in a question: "also", "only" or "too", after a verb or before it ("STOP arrête aussi les
 * e-mails ?", "¿STOP también detiene …?", "Stopt STOP ook de e-mails?", "STOP ferma anche le email?"): the keyword is
 * the subject asked about (probe 61).
 */
const KEYWORD_SUBJECT_AFTER =
  /^\s*(\p{L}+\s+)?(also|too|even|only|auch|nur|aussi|seulement|tambi[ée]n|solo|s[óo]lo|ook|alleen|tamb[ée]m|apenas|anche|soltanto)\b/iu;

/** Right after the keyword: a past participle of replying or sending, in the languages that put it last. */
const KEYWORD_DONE_AFTER =
  /^\s*["'”’»]?\s*(geantwoord|teruggestuurd|gestuurd|getypt|ge-?appt|ge-?sms'?t|geantwortet|zur[üu]ckgeschrieben|geschrieben|geschickt|gesendet|getippt)\b/i;

/** A noun naming the keyword as a thing, right after it ("STOP instructions", "STOP keyword", "STOP replies"). */
const KEYWORD_THING_AFTER =
  /^\s*(instructions?|wording|keywords?|replies|compliance|rules?|footers?|handling|commands?|function|feature|language|requirements?)\b/i;

/** A compound naming the keyword ("STOP-Wort", "STOP-woord", "STOP-keyword", "STOP-Befehl"). */
const KEYWORD_COMPOUND_AFTER =
  /^["'”’»]?-(wort|woord|word|keyword|befehl|commando|comando|comand[oa]|nachricht|bericht|antwort|antwoord|funktion|functie|feature|regel|rule|knop|button)/i;

/**
 * The writer as who sent it, earlier in the sentence ("Ich habe STOP geschrieben", "Ik heb al STOP gestuurd", "Ho già
 * risposto STOP", "J'ai déjà répondu STOP"): their own opt-out, said again, not someone else's.
 */
const WRITER_SENT =
  /\b(i|we|ich|wir|ik|wij|j|je|nous|ho|abbiamo|yo|he|hemos|eu|n[óo]s|ya|j[áa]|schon|bereits|al|d[ée]j[àa]|gi[àa]|already)\b/i;

/**
 * Said of the keyword the writer sent, in its sentence: by mistake ("ho risposto STOP per sbaglio", "I replied STOP
 * by accident", "j'ai répondu STOP par erreur", "heb per ongeluk STOP gestuurd"): a slip owned up to, not sent now
 * (probe 79).
 */
const SENT_BY_MISTAKE =
  /\b(by (mistake|accident)|accidentally|in error|per (sbaglio|errore|ongeluk|abuis|vergissing)|par (erreur|m[ée]garde)|por (error|equivocaci[óo]n|engano)|sin querer|sem querer|aus versehen|versehentlich|irrt[üu]mlich)\b/i;

/**
 * An intention given up, right before the keyword, and the turn right after it ("Was about to hit STOP but ok, you got
 * me", "I was this close to replying STOP, but …"): not sent (probe 79).
 */
const KEYWORD_INTENDED_BEFORE =
  /\b(was|were|am|i'?m|almost|nearly) (just )?(about to|going to|gonna|ready to|tempted to|this close to|so close to|on the verge of)( just)? (hit(ting)?|repl(y|ying)|text(ing)?|send(ing)?|typ(e|ing)|press(ing)?|click(ing)?|writ(e|ing)|answer(ing)?)( with)?\s*["'“‘]?$/i;
const TURNED_AFTER = /^["'”’]?[\s!.,-]*(but|however|then|until|and then)\b/i;

/** A past form of replying or sending, of the seven languages. */
const SENT_WORD =
  /\b(replied|sent|texted|typed|pressed|hit|answered|risposto|scritto|inviato|mandato|digitato|r[ée]pondu|[ée]crit|envoy[ée]|tap[ée]|respond[íi]|respondi[óo]|escrib[íi]|escribi[óo]|envi[ée]|envi[óo]|mand[ée]|mand[óo]|contest[ée]|contest[óo]|respondeu|escrevi|escreveu|enviei|enviou|mandei|mandou|digitei|digitou|geantwoord|gestuurd|getypt|geantwortet|geschrieben|geschickt|gesendet|getippt)\b/i;

/** Whether the sentence that holds the keyword in capitals at `at` says it was sent by mistake. */
function keywordSentByMistake(body: string, at: number, length: number): boolean {
  const start = Math.max(...['.', '!', '?', '\n'].map((c) => body.lastIndexOf(c, at))) + 1;
  const end = /[.!?\n]/.exec(body.slice(at + length));
  const sentence = body.slice(start, end ? at + length + end.index : body.length);
  return SENT_BY_MISTAKE.test(sentence) && SENT_WORD.test(sentence);
}

/**
 * Whether the keyword in capitals at `at` (of `length` characters) is what someone else has already sent ("Un
 * collega ha risposto STOP per sbaglio", "Een collega heeft per ongeluk STOP geantwoord"), not the writer.
 */
function keywordSentBySomeoneElse(body: string, at: number, length: number): boolean {
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
function keywordInAQuestion(body: string, at: number): boolean {
  const m = /[!?\n]|\.(\s|$)/.exec(body.slice(at));
  return m !== null && m[0] === '?';
}

/**
 * Whether the keyword in capitals at `at` (of `length` characters) is talked about rather than sent by the writer:
 * mentioned, named as what the writer would send or as a thing, sent by someone else, asked about, or taken back.
 */
export function keywordNotSent(body: string, at: number, length: number): boolean {
  const before = (chars: number) => body.slice(Math.max(0, at - chars), at);
  const after = body.slice(at + length);
  return (
    KEYWORD_MENTIONED.test(before(24)) ||
    KEYWORD_NAMED_BEFORE.test(before(40)) ||
    KEYWORD_SENT_BY_OTHERS.test(before(40)) ||
    KEYWORD_NAMED_AFTER.test(after) ||
    (KEYWORD_NAMED_AFTER_HI.test(after) && keywordInAQuestion(body, at)) ||
    TAKEN_BACK.test(after) ||
    KEYWORD_NAMED.test(before(20)) ||
    KEYWORD_COMPOUND_AFTER.test(after) ||
    KEYWORD_THING_AFTER.test(after) ||
    (KEYWORD_CHANGED_FROM.test(before(12)) && KEYWORD_CHANGED_TO.test(after)) ||
    (KEYWORD_CHANGED_INTO.test(before(6)) && KEYWORD_CHANGED_BEFORE.test(before(30))) ||
    keywordSentBySomeoneElse(body, at, length) ||
    keywordSentByMistake(body, at, length) ||
    (KEYWORD_INTENDED_BEFORE.test(before(40)) && TURNED_AFTER.test(after)) ||
    ((KEYWORD_QUESTION_OPENS.test(before(20)) || KEYWORD_COMPLEMENT_BEFORE.test(before(12))) &&
      keywordInAQuestion(body, at)) ||
    (KEYWORD_SUBJECT_AFTER.test(after) && keywordInAQuestion(body, at))
  );
}
