import { GUARD_SIGNALS, SIGNALS } from './signals';
import { AUTO_REPLY_MARKER, REFUSED_AFTER_RETURN } from './signals/probe51-away-clause.signals';

/**
 * Opt-out words inside an away notice that are not a request (see opt-out-scope): the notice points to the writer's
 * return or to another address, names its own messages, or refuses the mobile while away. Normalised text.
 */

/** What makes a reply an away notice: the out-of-office patterns of weight 3 or more. */
const AWAY_PATTERNS = [...GUARD_SIGNALS, ...SIGNALS]
  .filter((sig) => sig.label === 'out_of_office' && sig.weight >= 3)
  .map((sig) => sig.re);
export const isAwayNotice = (text: string) => AWAY_PATTERNS.some((re) => re.test(text));

/**
 * An away notice that only asks for the time away or for another address ("no me escriban a este correo,
 * escriban a info@…", "non scrivetemi su WhatsApp, rispondo al rientro"): the writer answers on return. The verb can be an
 * infinitive ("Pour toute demande de désinscription, merci d'écrire à rgpd@…": probe 79).
 */
export const ANSWERS_ON_RETURN =
  /\b((i will|i shall|i ll|will) (reply|respond|answer|get back)[^.!?\n]{0,30}\b(when i am back|when i return|when i get back|on my return|upon my return|once i am back)|rispond\w* (al (mio )?rientro|quando torno)|al mio rientro|respond\w* (quando (eu )?voltar|na volta|no (meu )?retorno)|quando eu voltar|respond\w* a la vuelta|a mi (regreso|vuelta)|cuando vuelva|repondrai (a mon retour|des mon retour)|a mon retour|nach meiner ruckkehr|wenn ich zuruck bin|zodra ik (weer )?terug ben|na mijn terugkomst|bij (mijn )?terugkomst)\b|\b(respond\w*|contest\w*|leo|leere|leggo|leggero|lis|lirai|lese|lesen|lees|leio|lerei|read|check|answer)( [a-z]+){0,3} (a la vuelta|al volver|cuando vuelva|al (mio )?rientro|quando torno|a mon retour|des mon retour|nach meiner ruckkehr|wenn ich zuruck bin|als ik (weer )?terug ben|zodra ik (weer )?terug ben|na mijn terugkomst|quando (eu )?voltar|na volta|when i am back|when i get back|on my return)\b/;
export const WRITE_ELSEWHERE =
  /\b(write|e ?mail|email|contact|use|escriban|escriba|escribe|escribid|ecrivez|contactez|schreiben sie|wenden sie sich|escrevam|escreva|scrivete|scriva|contattate|mail|schrijf|ecrire|contacter|escribir|contactar|scrivere|contattare|schreiben|escrever|contatar|mailen|schrijven)( to| a| an| para| naar| ad| al| en)? [a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+/;

/** An away notice's own messages named ("… these auto-replies, please remove this address from your CC list"). */
const THE_NOTICE_ITSELF =
  /\b(auto ?repl(y|ies)|automatic (repl(y|ies)|responses?|notifications?)|out of office (repl(y|ies)|messages?|notices?)|this notification|these notifications|cc list|cc)\b/;

/** Whether the clause of an opt-out phrase in an away notice is about the notice's own messages. */
export const aboutTheNoticeItself = (clause: string) => THE_NOTICE_ITSELF.test(clause);

/**
 * The writer answers on return, in Polish, Turkish and Hindi ("odpowiem po powrocie", "döndüğümde yanıt vereceğim",
 * "वापस आकर जवाब दूँगी", "wapas aake reply karunga"), pt "volto segunda e te respondo", and "I'll catch up when I'm back"
 * (probe 77): a verb of answering is named, so that "not when I am back either" still refuses.
 */
export const ANSWERS_ON_RETURN_ELSEWHERE =
  /\b((odpowiem|odpisze|odezwe sie|oddzwonie)( [a-z]+){0,2} po (moim )?powrocie|po (moim )?powrocie (odpowiem|odpisze|odezwe sie|oddzwonie)|dondugumde( [a-z]+)? (yanit|cevap|donus|donecegim|arayacagim)|wapas aa?ke( [a-z]+){0,2} (reply|jawab|baat|call|message|mail|dekh)|(i ll|i will) (catch up|reply|get back)( to you)? when i m back|volto( [a-z0-9]+){0,2} e (te |lhe |vos |lhes )?(respondo|retorno|ligo|leio))\b|वापस आकर( \S+){0,2} (जवाब|बात|कॉल|रिप्लाई)|लौटकर( \S+){0,2} (जवाब|बात|कॉल)/;

const AUTOMATIC = new RegExp(`\\b${AUTO_REPLY_MARKER}\\b`);
const MOBILE =
  /\b(mobile|cell|cellphone|mobile phone|cellulare|portable|handy|movil|telemovel|celular|mobiel|gsm)\b/;

/** An automatic reply that asks not to be called on the mobile ("… non desidero essere chiamato sul cellulare"). */
export const mobileRefusedWhileAway = (clause: string, whole: string) =>
  MOBILE.test(clause) && AUTOMATIC.test(whole);

const REFUSED_AFTER_RETURN_ALL = new RegExp(REFUSED_AFTER_RETURN.source, 'g');

/** The words after a phrase without the refusals that reach past the return ("je n'en veux pas à mon retour"). */
export const withoutRefusalsAfterReturn = (rest: string) => rest.replace(REFUSED_AFTER_RETURN_ALL, ' ');

/**
 * The time away named in the phrase's clause ("During that time please do not text me", "remove me from any meeting
 * invites during this time", "non chiamatemi in questo periodo", "have unsubscribed from everything for the
 * duration", "d'ici là", "w tym czasie", "bu süre içinde", "under ledigheten", "इस दौरान": probe 77): a request for the
 * absence only, unless it reaches past it ("… and after", "for good").
 */
const THE_TIME_AWAY =
  /\b(during (this|that|the|my) (time|period|absence|leave)|while (i am|i m|we are) (away|out|off|on leave|travell?ing|abroad)|for the duration|in the meantime|in (dieser|der) zeit|wahrend (meiner|der) abwesenheit|pendant (cette|mon|la) (periode|absence)|durante (este|ese|mi|esse|o meu|a minha|questo) (periodo|ausencia|assenza)|in questo periodo|nel frattempo|in (die|deze) periode|tijdens mijn afwezigheid|neste periodo|mientras tanto|en attendant|d ici la|jusqu a mon retour|w tym czasie|podczas (mojej )?nieobecnosci|do mojego powrotu|bu sure (icinde|boyunca)|izinde oldugum surece|donene kadar|under (ledigheten|min franvaro|tiden)|is dauran|iss dauran|tab tak|jab tak)\b|(इस दौरान|तब तक|जब तक|छुट्टी के दौरान)/;
const PAST_THE_ABSENCE =
  /\b(and after|after that too|for good|permanently|ever again|even (after|when i am back)|when i am back (too|as well))\b/;

/** Whether an away notice's clause limits the opt-out in it to the time away. */
export const onlyForTheTimeAway = (clause: string) =>
  THE_TIME_AWAY.test(clause) && !PAST_THE_ABSENCE.test(clause);
