import { s, type Signal } from './signal';

/**
 * Opt-outs thumb-typed in chat (probe29 families, SMS and WhatsApp): the exasperated repeat ("how many times do i
 * have to say stop", "how many more times do I need to ask to be removed"), "you can stop now" with chat filler
 * after it ("u can stop now lol", "you can stop now tbh"), a report or block threatened on the next message
 * ("gonna report u if u text again", "text me again and I'm blocking you"), the German bare infinitive ("nummer
 * löschen danke", "meine Daten bitte entfernen") and the Dutch "niet meer sms'en/appen/mailen graag" said alone.
 * Look-alikes stay out: "how many times do I have to say no before you stop?" (still names stop, so it is an
 * opt-out), but "how many times do I have to say it, the demo is Tuesday" is not; "wie kann ich eine Nummer
 * löschen?" (a question about the product); "we hoeven niet meer te bellen, ik stuur de offerte".
 */

const CONTACT = '(text|txt|message|msg|email|e ?mail|call|ring|contact|write|whatsapp|dm|ping|bother)';
const WHAT_TO_STOP =
  '(stop|to stop|remove me|take me off|unsubscribe|unsubscribe me|leave me alone|no more (texts|messages|emails|calls)|(stop|quit) (texting|messaging|emailing|calling|contacting)( me| us)?|(do not|dont) (text|message|email|call|contact) (me|us))';

// prettier-ignore
export const CHAT_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'asks how many times to say stop', new RegExp(`\\bhow many (more )?times (do|does|must|should|will|have|did) (i|we) (have to |need to |got to |gotta |got |already |have to keep |need to keep )?(say|tell (you|u|ya)|ask( (you|u|ya))?|text|write|type|reply|said|told (you|u|ya)|asked( (you|u|ya))?)( (you|u|ya))?( to)? ${WHAT_TO_STOP}\\b`)),
  s('unsubscribe', 4, 'tells them they can stop (chat filler)', /\b(you|u) (can|may|could|should) (just |now |please )?stop( it| this| now| here| already)* (lol|lmao|haha|hahaha|tbh|tho|though|fr|ok|k|thanks|cheers|mate|pal|bro)\b/),
  s('unsubscribe', 4, 'threatens a report if messaged again', new RegExp(`\\b(going to|will|ill|i will|im going to|i am going to|ima) (report|block|flag) (you|u|ya|this number|your number|this|it)( as spam)? if (you|u|ya|this number) ${CONTACT}( me| us| this number)? (again|one more time|once more|anymore|any more)\\b|\\bif (you|u|ya) ${CONTACT}( me| us| this number)? (again|one more time|once more)\\b[^.!?\\n]{0,12}\\b(i will|ill|im|i am|going to|will) (report|block|flag|reporting|blocking)\\b|\\b${CONTACT} (me|us) (again|one more time|once more) (and|n) (i will|ill|im|i am|i am going to|im going to) (report|block|reporting|blocking|flag)\\b`)),
  s('unsubscribe', 4, 'asks to delete the number (de, infinitive)', /(^|[.!?,;]\s*)(bitte )?(meine |die |diese |unsere )?(nummer|handynummer|telefonnummer|mobilnummer|daten|kontaktdaten|e ?mail( ?adresse)?|adresse) (bitte )?(loschen|entfernen|streichen|austragen)( bitte)?(,? (danke|vielen dank))?\s*[.!]*\s*$/m),
  s('unsubscribe', 4, 'no more texting, said alone (nl)', /(^|[.!?,;]\s*)(graag |aub |alsjeblieft |svp )?niet meer (sms en|smsen|sms|appen|whatsappen|mailen|bellen|berichten( sturen)?|sturen|contacteren)(,? (graag|aub|a u b|alsjeblieft|bedankt|dank je|dank u|svp))*\s*[.!]*\s*$/m),
];
