import { s, type Signal } from './signal';

/**
 * English opt-outs that name no stop verb (probe16 families): the wish put politely or indirectly ("I would
 * appreciate being removed", "I'd be grateful if my name could come off whatever list this is", "I want it taken off
 * your database", "this is where our correspondence ends", "it would be better if I didn't receive any more of
 * these", "I won't be needing any more of these messages"), the threat or report made by the writer ("Reported to
 * SpamCop.", "Reporting this number to my carrier as spam", "next one gets reported to the FCC", "your texts violate
 * the TCPA", "any further contact will be treated as harassment", "cease immediately", "oh great, another text … please don't", "there's no need to write again") and SMS shorthand ("no mor
 * msgs", "rmv pls", "remove every acme.org address"). Look-alikes stay out: texts reported as spam by others ("how
 * many of our texts got reported as spam?"), a TCPA complaint told about, "cease the payment run".
 */

const MESSAGES =
  '(e ?mails|emails|messages|texts|calls|updates|newsletters|mailings|reminders|offers|follow ups|sms)';
const DETAILS =
  '(it|this|that|me|us|my (name|email|e ?mail|address|email address|number|phone number|details|contact details|data|info)|this (address|number|email|email address))';
const LIST = '(list|lists|database|system|records|crm|mailing list|files|sequence|distribution list)';
const CONTACT =
  '(contact|contacting|call|calling|text|texting|e ?mail|e ?mailing|emailing|message|messaging|write|writing)';
/** Where a report goes: a spam folder, a carrier, the carrier's spam short code ("to 7726") or a regulator. */
const REPORTED_TO =
  '(as (spam|junk|phishing|harassment)|to (the |my |your |our )?(fcc|ftc|ico|bbb|better business bureau|attorney general|carrier|mobile carrier|phone carrier|network|provider|phone company|spamcop|ofcom|trading standards|regulator|authorities|police|data protection authority|\\d{4,5}( as (spam|junk))?))';
const FOR_ALL = '( for (everyone|everybody|both of us|all of us|all concerned|me|us))?';
/** A threat's consequence and its condition ("my attorney will be in touch if this continues"). */
const CONSEQUENCE =
  '(attorney|lawyer|solicitor|legal (action|team|department)|report(ing|ed)? (you|u|this|it|them|your [a-z]+)|complaint|police|block(ing|ed)? (you|u|this|your [a-z]+|the (number|sender|domain))|spam|ico|fcc|ftc|ofcom|bbb|trading standards|ombudsman|attorney general|regulator|sue|court)';
const GOES_ON =
  'if (this|it|these|they|you|u|the [a-z]+) (continues?|persists?|keeps? (up|happening|coming|going)|does not stop|doesnt stop|do not stop|dont stop|happens again)(?! (to (go|work|improve|grow|perform|be)|well|smoothly|like this|to plan)\\b)';
const NOT_BY_MISTAKE = '(?![^.!?\\n]{0,30}\\b(by (mistake|accident)|accidentally|in error)\\b)';

// prettier-ignore
export const ENGLISH_INDIRECT_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'would appreciate being removed', /\b(appreciate|grateful for|welcome)( (you|u))? (being|getting|to be) (removed|taken off|unsubscribed|deleted|dropped|excluded)\b/, 'negatable'),
  s('unsubscribe', 4, 'their details off the list (passive)', new RegExp(`\\b${DETAILS} (could |can |would |to |be |get )*(taken|removed|deleted|struck|wiped|erased|scrubbed|come|dropped) (off|from|out of) (your|the|this|that|whatever|any|all) ([a-z]+ ){0,2}${LIST}\\b(?! (of|for)\\b)`), 'negatable'),
  s('unsubscribe', 4, 'ends the correspondence', /\b(this is|this will be|let this be|make this|consider this) (where (our|this|the|any) (correspondence|communication|contact|conversation|exchange) (ends|stops)|the end of (our|this|the|any|all) (correspondence|communication|contact|e ?mails|emails|messages|texts))\b/),
  s('unsubscribe', 4, 'better if no more arrived', new RegExp(`\\b(better|best|happier|grateful|preferable|appreciate it|prefer it)${FOR_ALL} if (i|we) (did not|didnt|no longer|never|stopped|were not|was not) (receive|receiving|get|getting|hear|hearing|contacted|being contacted)\\b|\\b(better|best|happier|grateful|preferable)${FOR_ALL} if (you|u|your [a-z]+) (did not|didnt|no longer|never|stopped|would stop|would not) ${CONTACT}\\b`)),
  s('unsubscribe', 4, 'would like this to be the last', /\b(appreciate it|grateful|prefer it|better|best) if (this|that|it) (was|were|is|would be) the (last|final) (one|e ?mail|email|message|text|call|time)\b/),
  s('unsubscribe', 4, 'asks that nothing more arrive', /\b(ensure|make sure|see to it) (that )?(i|we|this (number|address|inbox)) (receive|get|hear|am sent|are sent) (nothing|no (more|further)|none)\b|\b(ensure|make sure|see to it) (that )?(none of|no one (else )?(at|from|in)|nobody (else )?(at|from|in)) (your|you) ?([a-z]+ )?(contacts?|e ?mails?|emails?|calls?|texts?|messages?|reach(es)? out to|writes? to) (me|us)\b(?![^.!?\n]{0,40}\b(only|just|except|other than|but you|instead)\b)/),
  s('unsubscribe', 4, 'will not need any more of them', new RegExp(`\\b(will not|wont|will no longer|shall not) (be )?(need|needing|want|wanting|require|requiring) (any )?(more|further) (of (these|your|the|those) )?${MESSAGES}\\b`)),
  s('unsubscribe', 4, 'reports them (the writer)', new RegExp(`(^|[.!?,;]\\s*)((i|we) (am|are|will|have|shall|just|now|already)( (just|now|already|going to))* )?(reporting|reported|report|flagging|flagged|forwarding|forwarded)( (you|u|this|it|these|them|your [a-z]+|this [a-z]+|each one|every one)){0,2} ${REPORTED_TO}\\b${NOT_BY_MISTAKE}`, 'm')),
  s('unsubscribe', 4, 'the next one gets reported', new RegExp(`\\b(next|another|one more) (one|message|text|email|e ?mail|call)( from (you|u))? (gets|will get|will be|is getting|goes|will go|is going) (reported|flagged|forwarded|straight)\\b|\\b(i will|i am going to|we will) (file|lodge) (a )?(formal )?(complaint|report) (with|to) (the )?(ico|ftc|fcc|bbb|ofcom|regulator|attorney general|authorities|trading standards)\\b`)),
  s('unsubscribe', 4, 'threatens if it goes on', new RegExp(`\\b${CONSEQUENCE}\\b[^.!?\\n]{0,60}\\b${GOES_ON}\\b|\\b${GOES_ON}\\b[^.!?\\n]{0,60}\\b${CONSEQUENCE}\\b`)),
  s('unsubscribe', 4, 'another message, please do not', /\b(another|yet another|more|one more) (text|texts|e ?mails?|emails|messages?|calls?|one)\b[^\n]{0,100}?[.!?]\s*please (do not|dont)( (send|text|email|e ?mail|write|call|message)( (me|us|more|another|any more))?)?\s*[.!]*\s*$/),
  s('unsubscribe', 4, 'calls it harassment', /\b(this|it|these|that|(this|these|your|the|all (this|these|your|the))( [a-z]+){1,2}?) (is|are|amounts to|constitutes|is bordering on|is now) (harassment|harrassment)\b(?! (training|policy|policies|awareness|prevention|claims?|cases?|law|laws))/),
  s('unsubscribe', 4, 'says the messages break the law', /\b(you|u|your [a-z]+|these [a-z]+|this|they|these) (are |is )?(violat\w*|in breach of|breach\w*|break\w*) (the )?(tcpa|can spam|gdpr|pecr|ccpa|telephone consumer protection act|do not call (list|registry|rules))\b/),
  s('unsubscribe', 4, 'warns about further contact', new RegExp(`\\b(any )?(further|more|future) ((unsolicited|unwanted|uninvited|marketing|sales|promotional|automated|cold) )?(contact|${MESSAGES}|communications?|correspondence)( (to|at|on) (this|my|our|the) ([a-z]+ )?(address|number|inbox|phone|mobile|email|e mail|account|line))? (will|shall|is going to) be (treated|considered|regarded|reported|passed|forwarded|logged)\\b`)),
  s('unsubscribe', 4, 'no need to write again', /\bno need to (write|e ?mail|email|contact|text|call|message|reach out|follow up|send)( to)?( (me|us|anything))? (again|anymore|any more|ever again)\b/),
  s('unsubscribe', 4, 'cease (bare)', /(^|[.!?,;]\s*)(please |kindly )?(cease|desist|cease and desist)( (immediately|now|at once|forthwith|all contact))?\s*(\bor\b|[.!]|$)/m),
  s('unsubscribe', 4, 'no more or remove, SMS shorthand', new RegExp(`\\bno mor ${MESSAGES}\\b|\\b(?<!\\b(did|have|has|had) (you|u|they|we|i|someone) )(lose|delete|remove|drop|erase|forget|block) (this|dis|my|that|ths) (#|num|number)(?![a-z])|\\b(unlist|delist) (me|us)\\b|(^|[.!?,;]\\s*)(please )?(rmv|rmve|remove)( (me|us|please|thanks))*\\s*[.!]*\\s*$`, 'm')),
  s('unsubscribe', 4, 'asks to remove a whole domain', /\b(remove|delete|erase|drop|purge) (every|all|each|any)( (of )?(our|the|your))? (@?[a-z0-9-]+( [a-z0-9-]+)?(\.[a-z0-9-]+)+ )(addresses|address|emails|contacts)\b|\b(remove|delete|erase|drop|purge) (every|all|each|any)( (of )?(the|your))? (e ?mail )?(addresses|address|emails|contacts|contact)( (that )?(you|u) (have|hold|keep|have got))? (at|for|from|on|under|with) (the )?@?[a-z0-9-]+(\.[a-z0-9-]+)+\b/),
  // Formal asks (probe26): the request in the subjunctive ("I'd ask that you take me out of any future outreach",
  // "we request that all further communication with us cease", "I want the texts to stop"), out of future outreach,
  // and the erasure of the data they hold ("delete all the personal data you hold on me"). Not a sequence that is to
  // stop on its own ("we need the emails to stop when a lead replies"), nor a question about deleting data.
  s('unsubscribe', 4, 'asks that they take them off', /\b(ask|request|insist|demand|require|asking|requesting|insisting)( formally| kindly)? that (you|u|your (team|company|firm|colleagues|people))( (please|kindly|now|immediately|promptly))? (take|remove|drop|delete|strike|exclude|scrub|erase|wipe|get|keep|leave) (me|us|my (name|email|address|email address|number|details|data|contact details)) (off|from|out of)\b/),
  s('unsubscribe', 4, 'out of future outreach', new RegExp(`\\b(take|leave|keep|exclude|remove|drop) (me|us) (out of|from|off) (any |all |your )?(future|further|upcoming) (${MESSAGES}|outreach|campaigns?|mailings?|communications?|correspondence|contact|marketing|sequences?)\\b`), 'negatable'),
  s('unsubscribe', 4, 'asks that the contact cease', new RegExp(`\\b(i|we)( would| do| must| hereby| now| formally| kindly| really)* (ask|request|insist|demand|require|want|need|expect|would like)( (you|u))?( that)? (all |any |the |these |your |this )?(further |future |more )?(contact|communications?|correspondence|outreach|${MESSAGES})( (with|to) (me|us|this (number|address|inbox|email address)))? (to )?(cease|stop|end|be (stopped|ceased|discontinued|ended|halted|terminated))( (today|tonight|now|right now|immediately|at once|for good))?\\b(?! (when|once|if|after|as soon as|automatically|on (its|their) own|by (itself|themselves)|for (a|the|our|my|them|him|her))\\b)`), 'temporal'),
  s('unsubscribe', 4, 'asks to delete the data held on them', /(?<!\b(do|does|will|would|can|could|how|when|why) (you|u|i|we) )\b(delete|erase|remove|destroy|purge|wipe|scrub)( all| any| every)?( of)?( the)? (personal )?(data|information|info|details|records|contact details|personal details)( that)? (you|u|your (company|firm|team|organisation|organization)) (hold|have|keep|store|retain|have got)( on file)?( on| about| of| for)? (me|us)\b(?![^.!?\n]*\?)/, 'negatable'),
];
