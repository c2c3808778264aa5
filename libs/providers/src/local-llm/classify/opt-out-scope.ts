import { aimedElsewhere, OLD_ADDRESS_OTHER_LANGUAGES } from './opt-out-aimed-elsewhere';
import {
  LANDLINE,
  MOBILE_INSTEAD,
  NEW_ADDRESS,
  OLD_ADDRESS,
  OLD_ADDRESS_IN_PHRASE,
} from './opt-out-address-swap';
import {
  AN_OPT_OUT,
  ASKS_TO_CONFIRM,
  DONE_AFTER,
  AS_A_MOMENT,
  LINK_PUT_IN,
  LIST_OF_OTHERS_BEFORE,
  OPT_OUT_NOUN,
  OWN_REQUEST,
  ownUnsubscribeFeature,
  PROCESSED_AFTER,
  THING_OF_OPT_OUTS,
} from './opt-out-as-a-thing';
import {
  askedAboutNotRequested,
  ASKED_INDIRECTLY,
  asksAQuestion,
  CONDITION_ASKED_ABOUT,
  ACT_CONSEQUENCE_ASKED,
  INVERTED_RECEIVING,
  LATER_WISH_ASKED_ABOUT,
  ONLY_FORESEEN,
  lawAskedAboutForOthers,
  optOutNamedAsAThingAsked,
  OTHER_PEOPLE_AFTER,
  stopAfterTheWritersActAsked,
  wishGivenAsReason,
} from './opt-out-asked-about';
import { limitedToAWhile, untilTheWriterReturns } from './opt-out-away-clause';
import { departedColleaguesAddress, doneBySomeoneAtTheWritersSide } from './opt-out-others-subject';
import { talkedAboutNotAsked } from './opt-out-talked-about';
import {
  aboutTheNoticeItself,
  ANSWERS_ON_RETURN,
  isAwayNotice,
  mobileRefusedWhileAway,
  onlyForTheTimeAway,
  ANSWERS_ON_RETURN_ELSEWHERE,
  withoutRefusalsAfterReturn,
  WRITE_ELSEWHERE,
} from './opt-out-away-notice';
import { channelOf, endorsedChannels, THIS_CHANNEL } from './opt-out-channel-swap';
import {
  ANSWERS_ON_RETURN_MORE,
  CONTACT_REFUSED,
  DIRECT_ADDRESS,
  MOBILE_RATHER,
  SHARED_INBOX_AFTER,
  SOME_TIMES_ONLY,
} from './signals/probe70-channel-switch.signals';
import {
  CONCEDED,
  CONCEDED_EARLIER,
  CONTACT_NOT_ASKED_FOR,
  ASKED_AFTER_NOUN,
  DENIED_ASKING,
  DENIED_BEFORE_NOUN,
  earlierOwnRequest,
  NOW_WANTS_IT,
  PAST_INTENT,
  RECALL_TURN,
  REPORTS_EARLIER,
  STILL_SENT,
  TURNED_FROM,
} from './opt-out-earlier-request';
import {
  AUTOMATED,
  EVERY_LIST,
  HOURS_ONLY,
  ONE_EVENT_LIST,
  ONE_EVENT_LIST_BEFORE,
  ONE_INVITE,
  OTHER_RECIPIENTS,
  PERSON_ASKED,
  PLAN_CHANGE,
  PLAN_TIER,
} from './opt-out-narrowed';
import {
  forAWhileAfter,
  MORE_THAN_A_PAUSE,
  THIS_PERIOD_ENDS_PHRASE,
  thisPeriodFollows,
  writerComesBack,
} from './opt-out-pause';
import {
  DONE,
  OTHER_PEOPLE_BEFORE,
  OTHERS_REPORT_OR_ACTION,
  PEOPLE_MADE_TO,
  THIRD_PERSON_MAY_BEFORE,
  THIRD_PERSON_SELF_AFTER,
  SOMEONE_SAID,
  THIRD_PARTY_SAID,
  WHO_DID_IT,
} from './opt-out-said-by-others';
import { readersWish, SOMEONE_ELSES_WISH, SUBORDINATE } from './opt-out-subordinate';
import { CLAUSE_END, sentenceAround, sentenceStart } from './sentence-bounds';
import { WRITTEN_NEXT_STEP } from './signals/probe53-next-steps.signals';

/**
 * Whether an opt-out phrase found in a reply is the writer's own request to stop contact, read from its clause
 * rather than from more phrases: the same words are not a request when somebody else said them ("my boss told me
 * to unsubscribe"), when they sit in a subordinate clause ("before you take me off your list: …", "I'd hate to
 * unsubscribe"), when they are an intention given up ("I wanted to unsubscribe, but …"), when the messages stopped go to other people ("stop the reminders going to our patients"), when
 * only some hours are meant ("stop the calls before 9am"), when only one channel is refused for another ("no
 * more calls please, email works better"), when the writer promises to come back ("no need to chase, I'll be in
 * touch") or when a question asks how it works or what one could do ("Can we pause
 * the sequence for a few accounts?"). Works on the normalised text (lowercase, no accents, see
 * normalise-text) in the seven languages of the classifier. Each kind of clause is read in a file of its own
 * (opt-out-said-by-others, opt-out-earlier-request, opt-out-as-a-thing, opt-out-asked-about, opt-out-aimed-elsewhere,
 * opt-out-subordinate, opt-out-address-swap, opt-out-away-notice, opt-out-narrowed, opt-out-pause,
 * opt-out-channel-swap, opt-out-talked-about, opt-out-others-subject); this one reads them in turn.
 */

/**
 * A private or personal number named ("é o meu número pessoal", "this is my personal mobile"): beside an email address
 * or channel named instead, it asks to be written to elsewhere, not to end contact.
 */
const PRIVATE_NUMBER =
  /\b(personal|personale|personnel|persoonlijk|pessoal|privat|privado|privato|prive|particular|private|perso|privenummer|privatnummer)\b/;

/** "If I …" in Hindi script, right before the phrase ("अगर मैं अनसब्सक्राइब करूं तो …?"). */
const HINDI_CONDITION = /(अगर|यदि)( (मैं|हम))?\s*$/u;

/**
 * A notice's instruction to its readers, in the sentence of the phrase ("To unsubscribe from our newsletter, reply
 * UNSUBSCRIBE", "If you wish to opt out, click the link"): what a reader may do, not the writer's request.
 */
const INSTRUCTION_TO_READERS =
  /^\s*(to|if you (wish|want|would like|d like) to) (unsubscribe|opt out|stop (receiving|getting)|be removed|no longer receive)\b[^.!?\n]{0,60}\b(reply|text|send|click|tap|press|visit|email|write|respond)\b/;

/**
 * The same in the other six languages, the reader addressed formally or the act named as a noun ("Si desea darse de
 * baja de nuestro boletín, utilice el enlace…", "Afmelden voor onze nieuwsbrief kan via de link…", "Pour vous
 * désinscrire, cliquez ici", "Um sich abzumelden, klicken Sie…", "Per disiscriversi, utilizzi il link…", "Para
 * cancelar a subscrição, use a ligação…"), or with the verb in the infinitive ("Per disiscriversi dalla newsletter
 * rispondere CANCELLA", "Pour se désinscrire, répondre STOP": probe 77), or to whoever wishes it ("Wer sich vom
 * Newsletter abmelden möchte, nutzt bitte den Link unten", "Per cancellarsi dalla newsletter usare il link": probe 79): a
 * way offered to whoever reads the notice (probe 76).
 */
const INSTRUCTION_TO_READERS_OTHER_LANGUAGES = new RegExp(
  [
    // es
    '^\\s*(para|si (usted )?(no )?(desea|quiere|prefiere))( no)? (darse de baja|dejar de recibir|recibir mas|cancelar (la |su )?suscripcion|ser eliminad[oa]|desuscribirse)\\b[^.!?\\n]{0,70}\\b(utilice|use|usa|haga clic|pulse|pinche|responda|envie|escriba|visite|acceda|puede|responder|hacer clic|pulsar|escribir|enviar|basta( con)?)\\b',
    // nl
    '^\\s*((om )?(u|je|zich) af te melden|afmelden|uitschrijven|als (u|je) (zich|je) (wilt|wil) (afmelden|uitschrijven))\\b[^.!?\\n]{0,70}\\b((kan|kunt (u|je)) (altijd |eenvoudig |ook |gewoon )?(via|met|door|hier|onderaan|bij|op)|klik|gebruik|stuur|antwoord|ga naar)\\b',
    // fr
    '^\\s*(pour (vous|se) desinscrire|pour ne plus recevoir|si vous (souhaitez|voulez|desirez) (vous desinscrire|ne plus recevoir))\\b[^.!?\\n]{0,70}\\b(cliquez|repondez|utilisez|envoyez|ecrivez|rendez vous|suivez|il suffit|repondre|cliquer|envoyer|ecrire)\\b',
    // de
    '^\\s*(um sich (vom [a-z]+ |von [a-z ]{1,30})?abzumelden|zum abmelden|abmelden|wenn sie (sich abmelden|keine [a-z]+ mehr (erhalten|bekommen)) (mochten|wollen)|wer sich ([a-z]+ ){0,3}abmelden (mochte|will))\\b[^.!?\\n]{0,70}\\b(klicken|antworten sie|nutzen sie|verwenden sie|senden sie|schreiben sie|konnen sie|uber den link|den link|nutzt|klickt|antwortet|schreibt|kann)\\b',
    // it
    '^\\s*(per (disiscriversi|cancellarsi|non ricevere piu)|(se|chi) (desidera|vuole|preferisce) (disiscriversi|cancellarsi|non ricevere piu))\\b[^.!?\\n]{0,70}\\b(clicca|clicchi|risponda|rispondi|utilizzi|usi|usa|scriva|invii|rispondere|cliccare|scrivere|inviare|utilizzare|usare|usate|utilizzate|cliccate|rispondete|scrivete|scrivi|invia|manda|basta|e sufficiente|puo)\\b',
    // pt
    '^\\s*(para (cancelar a (sua )?(subscricao|inscricao)|se descadastrar|deixar de receber|nao receber mais)|se (nao )?(desejar|quiser|pretende) (cancelar a (sua )?(subscricao|inscricao)|deixar de receber|receber mais|se descadastrar))\\b[^.!?\\n]{0,70}\\b(use|utilize|clique|responda|envie|aceda|acesse|responder|clicar|enviar|basta)\\b',
  ].join('|'),
);

/**
 * A reader's wish asked, then what to do about it ("Wilt u geen berichten meer ontvangen, stuur dan STOP", "Vous ne
 * voulez plus de messages ? Répondez STOP", "Don't want these? Reply STOP"), or what to do, then the wish it serves
 * ("Répondez STOP pour ne plus recevoir nos messages", "Klicken Sie hier, um sich abzumelden"): a notice's
 * instruction to its readers (probe 76).
 */
const READERS_WISH_OPENS =
  /^\s*((vous )?ne (voulez|souhaitez)( (plus|pas))?|(wilt|wil) (u|je)|(mochten|wollen) sie|(no )?(desea|quiere) (usted )?|(nao )?(deseja|quer) |(non )?(vuole|desidera) |(you )?(do not|no longer) (want|wish)( to)? )/;
const IMPERATIVE_FOLLOWS =
  /^[^.!\n]{0,50}?[,?]\s*(then |dan |alors |entonces |dann |allora |entao )?(stuur|antwoord|klik|sms|r[ée]pondez|repondez|cliquez|envoyez|antworten sie|klicken sie|senden sie|responda|envie|envie|haga clic|pulse|risponda|rispondi|clicchi|clicca|reply|text|click|tap|send)\b/;
/**
 * The opt-out word alone as the sentence, asked, then what to do ("Afmelden? Stuur STOP", "Unsubscribe? Reply STOP",
 * "Abmelden? Antworten Sie mit STOPP"): a footer's instruction to its readers (probe 79).
 */
const BARE_ASKED_THEN_IMPERATIVE =
  /^\s*\?\s*(then |dan |alors |entonces |dann |allora |entao )?(stuur|antwoord|klik|sms|repondez|cliquez|envoyez|antworten sie|klicken sie|senden sie|responda|envie|haga clic|pulse|risponda|rispondi|scrivi|clicca|clicchi|reply|text|click|tap|send)\b/;
const IMPERATIVE_OPENS_FOR =
  /^\s*(reply|text|click|tap|send|respond|repondez|cliquez|envoyez|responda|responde|haga clic|pulse|envie|clique|antworten sie|klicken sie|senden sie|risponda|rispondi|clicca|clicchi|invii|stuur|antwoord|klik)\b[^.!?\n]{0,40}\b(to|pour|para|um|per|om)( (vous|se|sich|zich|u|je))?\s*$/;

/**
 * The writer as found already opted out, a state reported right before the phrase ("Risulto cancellato dalla lista",
 * "Aparezco como dado de baja", "Consto como descadastrado", "I show as unsubscribed", "Ich bin anscheinend
 * abgemeldet", "Ik sta als afgemeld"), in a reply that misses the messages or denies doing it ("non ricevo più…", "ma
 * non ho fatto nulla", "I don't get your emails any more"): the state is complained of, not asked for (probe 77).
 */
const STATE_FOUND =
  /\b(risulto|risultiamo|sembro|appaio|figuro|aparezco|aparecemos|consto|constamos|apareco|aparecemos|j apparais|je figure|i (show|appear|am showing|m showing|am listed|m listed|am marked|m marked)|ich bin (wohl|anscheinend|offenbar|scheinbar|laut [a-z]+)|ik sta|ik ben (blijkbaar|kennelijk|zo te zien))( (gia|ya|ja|deja|already|schon|al|come|como|comme|as|als|now|ora|ahora|agora|maintenant))*\s*$/;
const MISSED_OR_NOT_DONE =
  /\b(non (ricevo|riceviamo) piu|non mi arriva(no)? piu|no (me llegan|recibo|recibimos) (mas|ya)|ya no (me llegan|recibo)|je ne recois plus|nous ne recevons plus|ich (bekomme|erhalte) (nichts|keine [a-z]+) mehr|ik (krijg|ontvang) (niets|geen [a-z]+) meer|nao (recebo|recebemos) mais|i (don t|do not|no longer) (get|receive)|non ho fatto (nulla|niente)|non l ho chiesto|no he hecho nada|no lo (he )?pedi|je n ai rien (fait|demande)|ich habe nichts (gemacht|getan|beantragt)|ik heb niets gedaan|nao fiz nada|i didn t (do anything|ask))\b/;

/**
 * Why the opt-out phrase at `index` (of `length` characters) in the normalised `text` is not the writer's request,
 * or null when it is one. `whole` is the same text before the guards blanked anything (an away notice is read there).
 */
/**
 * The writer taken off a list ("unsubscribe me from this list", "remove my address", "désinscrivez-moi"): no
 * pointer to the return or to another address limits it to the time away, as it does "don't call me".
 */
const WRITERS_OWN_REMOVAL =
  /^(unsubscribe|remove|delete|erase|take) (me|us|my|our)\b|^(desinscrivez|retirez|supprimez) (moi|nous)\b|^(denme|dadme|darme) de baja\b|^(cancellatemi|toglietemi|rimuovetemi)\b|^(tragen sie mich aus|melden sie mich ab)\b|^(me descadastrem|me tirem da lista)\b|^(schrijf me uit|haal me van)\b/;

export function notTheWritersOptOut(
  text: string,
  index: number,
  length: number,
  whole: string = text,
): string | null {
  const [start, end] = sentenceAround(text, index, length, CLAUSE_END);
  const before = text.slice(start, index);
  const phrase = text.slice(index, index + length);
  const after = text.slice(index + length, end);
  if (THIRD_PARTY_SAID.test(before) || SOMEONE_SAID.test(before)) return 'somebody else asked for it';
  if (
    (DENIED_ASKING.test(before) && !CONTACT_NOT_ASKED_FOR.test(phrase)) ||
    (DENIED_BEFORE_NOUN.test(before) && ASKED_AFTER_NOUN.test(after))
  )
    return 'the writer denies asking for it';
  if (STATE_FOUND.test(before) && MISSED_OR_NOT_DONE.test(whole))
    return 'a state the writer found, complained of';
  const later = text.slice(index + length);
  const conceded = CONCEDED_EARLIER.test(before) || (CONCEDED.test(before) && REPORTS_EARLIER.test(phrase));
  if (conceded && RECALL_TURN.test(later) && !STILL_SENT.test(later))
    return 'an earlier opt-out conceded and turned from';
  if (earlierOwnRequest(before, phrase) && NOW_WANTS_IT.test(later.slice(0, 300)) && !STILL_SENT.test(later))
    return 'an earlier opt-out told, the writer now wants the messages';
  if (
    OTHERS_REPORT_OR_ACTION.test(before) ||
    OTHER_PEOPLE_BEFORE.test(before) ||
    PEOPLE_MADE_TO.test(before) ||
    (THIRD_PERSON_MAY_BEFORE.test(before) && !/\b(me|us|my|our)\b/.test(phrase)) ||
    THIRD_PERSON_SELF_AFTER.test(after) ||
    (WHO_DID_IT.test(before) && DONE.test(phrase))
  )
    return 'somebody else said or did it';
  if (doneBySomeoneAtTheWritersSide(before, phrase)) return "someone at the writer's side did it or may";
  if (departedColleaguesAddress(text, index, length, whole)) return 'the address of someone who left';
  if (THING_OF_OPT_OUTS.test(before) || LINK_PUT_IN.test(before) || LIST_OF_OTHERS_BEFORE.test(before))
    return 'opt-outs named as a thing';
  if (ownUnsubscribeFeature(before, after, text.slice(start, end)))
    return "the writer's own unsubscribe feature";
  if (AN_OPT_OUT.test(before) && PROCESSED_AFTER.test(after)) return 'one opt-out as a case processed';
  if (
    OWN_REQUEST.test(phrase) &&
    DONE_AFTER.test(later) &&
    !ASKS_TO_CONFIRM.test(before) &&
    !STILL_SENT.test(later)
  )
    return "the writer's opt-out acknowledged as done";
  const talkedAbout = talkedAboutNotAsked(text, index, length, before, phrase, after, start);
  if (talkedAbout) return talkedAbout;
  if (ASKED_INDIRECTLY.test(whole.slice(start, index))) return 'an indirect question';
  if (OTHER_PEOPLE_AFTER.test(after) && asksAQuestion(text, start, index + length))
    return 'other people asked about';
  const elsewhere = aimedElsewhere(text, index, length, before, after, whole);
  if (elsewhere) return elsewhere;
  if (SUBORDINATE.test(before) || SOMEONE_ELSES_WISH.test(before) || readersWish(before, phrase))
    return 'a subordinate clause';
  const sentenceOfPhrase = whole.slice(sentenceStart(whole, index + length - 1), index + length + 80);
  if (
    INSTRUCTION_TO_READERS.test(sentenceOfPhrase) ||
    INSTRUCTION_TO_READERS_OTHER_LANGUAGES.test(sentenceOfPhrase)
  )
    return 'an instruction to its readers';
  const sentenceToPhrase = whole.slice(sentenceStart(whole, index), index);
  if (
    (READERS_WISH_OPENS.test(sentenceToPhrase) && IMPERATIVE_FOLLOWS.test(whole.slice(index + length))) ||
    IMPERATIVE_OPENS_FOR.test(sentenceToPhrase) ||
    (!sentenceToPhrase.trim() && BARE_ASKED_THEN_IMPERATIVE.test(whole.slice(index + length)))
  )
    return 'an instruction to its readers';
  if (AS_A_MOMENT.test(before) && OPT_OUT_NOUN.test(phrase)) return 'the opt-out named as a moment';
  if (
    (OLD_ADDRESS.test(after) ||
      OLD_ADDRESS_IN_PHRASE.test(phrase) ||
      OLD_ADDRESS_OTHER_LANGUAGES.test(`${before}${phrase}${after}`)) &&
    NEW_ADDRESS.test(whole)
  )
    return 'an old address replaced';
  if (SHARED_INBOX_AFTER.test(after) && DIRECT_ADDRESS.test(whole))
    return 'a shared inbox replaced by a direct address';
  if (LANDLINE.test(`${phrase}${after}`) && (MOBILE_INSTEAD.test(whole) || MOBILE_RATHER.test(whole)))
    return 'the landline refused for the mobile';
  if (
    (CONDITION_ASKED_ABOUT.test(before) ||
      LATER_WISH_ASKED_ABOUT.test(before) ||
      HINDI_CONDITION.test(before)) &&
    asksAQuestion(text, sentenceStart(text, index), index + length)
  )
    return 'a condition asked about';
  if (
    (INVERTED_RECEIVING.test(before) || ACT_CONSEQUENCE_ASKED.test(before)) &&
    asksAQuestion(text, start, index + length)
  )
    return 'a consequence asked about';
  if (ONLY_FORESEEN.test(after) && asksAQuestion(text, start, index + length))
    return 'only foreseen, asked how';
  if (askedAboutNotRequested(whole, index, length)) return 'a question about a possibility';
  if (optOutNamedAsAThingAsked(text, index, length, before, after))
    return 'the opt-out named as a thing, asked about';
  if (stopAfterTheWritersActAsked(text, index, length)) return "an end after the writer's act, asked about";
  if (lawAskedAboutForOthers(text, index, length)) return "the law asked about for other people's data";
  if (wishGivenAsReason(before, whole)) return 'the reason for a question about opting out';
  const rest = text.slice(index + length, index + length + 160);
  const around = text.slice(index, index + length + 100);
  if (
    isAwayNotice(whole) &&
    !WRITERS_OWN_REMOVAL.test(around) &&
    (ANSWERS_ON_RETURN.test(withoutRefusalsAfterReturn(rest)) ||
      ANSWERS_ON_RETURN_MORE.test(withoutRefusalsAfterReturn(rest)) ||
      ANSWERS_ON_RETURN_ELSEWHERE.test(withoutRefusalsAfterReturn(rest)) ||
      WRITE_ELSEWHERE.test(around))
  )
    return 'an away notice pointing to the return or another address';
  if (isAwayNotice(whole) && aboutTheNoticeItself(text.slice(start, end)))
    return "about the away notice's own messages";
  if (isAwayNotice(whole) && mobileRefusedWhileAway(text.slice(start, end), whole))
    return 'the mobile refused while away';
  if (isAwayNotice(whole) && onlyForTheTimeAway(text.slice(start, end))) return 'only for the time away';
  if (PAST_INTENT.test(before) && TURNED_FROM.test(text.slice(index + length)))
    return 'an intention given up';
  if (OTHER_RECIPIENTS.test(after)) return 'messages to other people';
  const planChange = PLAN_CHANGE.exec(text.slice(index));
  if (planChange && PLAN_TIER.test(text.slice(index + length, index + planChange[0].length + 30)))
    return 'a change of plan';
  if (
    (ONE_EVENT_LIST.test(`${phrase}${after}`) || ONE_EVENT_LIST_BEFORE.test(before)) &&
    !EVERY_LIST.test(text.slice(index + length))
  )
    return 'one event only';
  if (ONE_INVITE.test(after) && !EVERY_LIST.test(text.slice(index + length))) return 'one invitation only';
  if (AUTOMATED.test(`${phrase}${after.slice(0, 30)}`) && PERSON_ASKED.test(whole))
    return 'only the automated messages, a person asked for';
  if (HOURS_ONLY.test(after) || (CONTACT_REFUSED.test(phrase) && SOME_TIMES_ONLY.test(`${phrase}${after}`)))
    return 'some hours only';
  const removal = MORE_THAN_A_PAUSE.test(phrase);
  if (
    limitedToAWhile(forAWhileAfter(after), before, after, removal) ||
    // The writer's return read on the text before the guards blanked it ("… till I get back from leave in March").
    untilTheWriterReturns(whole.slice(index + length, end), removal) ||
    THIS_PERIOD_ENDS_PHRASE.test(phrase) ||
    thisPeriodFollows(after)
  )
    return 'for a while only';
  if (!MORE_THAN_A_PAUSE.test(`${phrase}${after}`) && writerComesBack(text, index, length))
    return 'the writer will come back';
  const refused = channelOf(phrase) ?? channelOf(after.slice(0, 24).split(/[,;]/)[0]);
  const endorsed = endorsedChannels(whole);
  if (refused && endorsed.size > 0 && !endorsed.has(refused)) return 'another channel preferred';
  if (!refused && endorsed.size > 0 && THIS_CHANNEL.test(after.slice(0, 24)))
    return 'this channel refused for another';
  if (
    !refused &&
    PRIVATE_NUMBER.test(phrase) &&
    [...endorsed].some((c) => c === 'email' || c === 'linkedin' || c === 'post')
  )
    return 'a private number, a written channel preferred';
  if (refused === 'call' && WRITTEN_NEXT_STEP.test(whole)) return 'the papers asked for in writing';
  return null;
}
