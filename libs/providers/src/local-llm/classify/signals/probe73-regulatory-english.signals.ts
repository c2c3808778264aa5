import { s, type Signal } from './signal';

/**
 * Regulatory and legal wording in English, from the US, the UK, Canada, Australia and Ireland (probe 73).
 * Opt-outs:
 * - a complaint taken to a regulator the English rules did not name ("Forwarding this to the Data Protection
 *   Commission", "Reporting this to the ACMA", "I'll refer it to the OAIC", "complaint going to ComReg"), not a
 *   footer's "you have the right to lodge a complaint with …" nor someone else's ("a prospect threatened to go to
 *   the ICO", "one of your reps was reported to the ACMA") nor a routine ("we report to the FCC quarterly");
 * - consent withdrawn or revoked in the first person ("I withdraw consent for marketing communications", "I am
 *   revoking my consent", "Consent revoked"), not asked about ("if a patient withdraws consent, …");
 * - a formal objection or erasure request ("Please treat this as a formal objection to direct marketing", "consider
 *   this my request for erasure");
 * - a request to stop using the writer's data ("I request that you stop using my personal information for direct
 *   marketing"; read on the whole text, as the guard of "stopped using [a product]" hides "stop using"), not an
 *   old address to replace ("stop using my old email, use this one");
 * - the sender accused of breaking the law ("you people are breaking the law", "that's a breach of PECR",
 *   "texting me without consent is illegal", "no consent, no texts"), or the writer's own lawyer to be in touch.
 * Look-alikes kept out:
 * - a do-not-call register as a list to screen against ("how do you scrub call lists against the Do Not Call
 *   Registry?"), the writer unsure whether they are on one ("is my number on the do not call register? would that
 *   stop your texts?");
 * - an unsubscribe as a feature a law requires ("a functional unsubscribe", "the unsubscribe mechanism CASL
 *   requires");
 * - mail landing in a spam folder (a deliverability hint, not a spam complaint);
 * - "I'm not going to report you"; a right of the prospect's own contacts asked about ("do you support the right to
 *   erasure for our contacts?");
 * - "I don't want a repeat" (of a past incident) is no refusal; "who handles it - you or us?" asks, it names no one.
 * Also read: consent given in English ("ok to message me here", "Consent given"), "can we revisit then?" and "a Q2
 * thing at the earliest" (timing) and "decisions are made by our CMO" (someone else
 * decides).
 * Patterns read the normalised text (lowercase, "I'll" → "i will", "don't" → "do not", hyphens as spaces).
 */

/** Regulators and complaint bodies the older English patterns lacked (with the usual ones, for one pattern). */
const REGULATOR =
  '(acma|australian communications and media authority|oaic|(office of the )?(australian )?information commissioner|information commissioners office|ico|crtc|spam reporting cent(re|er)|(office of the )?privacy commissioner( of canada)?|comreg|dpc|data protection commission(er)?|ftc|federal trade commission|fcc|federal communications commission|cfpb|scamwatch|ofcom|trading standards|(state )?attorney general|better business bureau|bbb|regulator)';

/** Someone else acting, or acting asked about: "a prospect threatened to go to …", "was reported to …". */
const NOT_SOMEONE_ELSE =
  '(?<!\\b(he|she|they|customers?|prospects?|friends?|someone|somebody|colleagues?|clients?|reps?|people|patients?|leads?|contacts?|who|was|were|been|being|get|got|gets|had|threatened|threatens|if a|when a|can i|should i|how do i|how can i)\\b[^.!?\\n]{0,40})';

/** Reporting as a routine ("we report to the FCC quarterly"), not a complaint. */
const NOT_A_HABIT =
  '(?![^.!?\\n]{0,25}\\b(quarterly|annually|monthly|weekly|yearly|regularly|every|each)\\b)';

/** A footer's or a policy's statement of rights ("you have the right to lodge a complaint with …"), not a threat. */
const NOT_A_RIGHT = '(?<!\\b(right|rights|may|entitled|able|can)\\b[^.!?\\n]{0,50})';

/** A clause asking about withdrawal rather than doing it ("if a patient withdraws consent", "how do I revoke …"). */
const NOT_ASKED =
  '(?<!\\b(if|when|whether|once|how|can|could|do|does|should|would|after|before|they|he|she|customers?|contacts?|patients?|someone|leads?|who|people)\\b[^.!?\\n]{0,30})';

// prettier-ignore
export const PROBE73_REGULATORY_GUARDS: Signal[] = [
  s('neutral', 0, 'a do-not-call register screened against', /\b(scrub\w*|screen\w*|wash\w*|clean\w*|check\w*|cross ?check\w*|filter\w*|match\w*)\b[^.!?\n]{0,40}\bagainst (the |a |any )?(national |federal |canadian |internal |australian )?(do not call|dnc|dncl|tps|ctps|telephone preference service)( (registry|register|list|lists|service))?\b/),
  s('neutral', 0, 'unsure whether the number is on a do-not-call register', /\b(is|was) (my|this|our) (number|phone|mobile|cell|line)( [a-z]+)? (on|in|registered (on|with)|listed (on|in)) (the |a |any )?(national |federal )?(do not call|dnc|dncl|tps|ctps)( (registry|register|list))?(?=\s?\?)|\b(would|will|does|did|could|should) (that|it|this|registering|signing up)( [a-z]+){0,2} (stop|block|end) (your|the|these|those|all)( [a-z]+){0,2}(?=\s?\?)/),
  s('neutral', 0, 'an unsubscribe as a feature a law requires', /\b(functional|one click|compliant|mandatory|required) unsubscribe\b|\bunsubscribe (mechanism|mechanisms|facility|facilities|function|functionality|requirement|requirements)\b/),
  s('neutral', 0, 'mail landing in a spam folder', /\b(landing|landed|lands|land|ended up|ends up|end up|went|goes|going|caught)\b( [a-z]+){0,2} (in|into|to|by) (my|our|the|your) (spam|junk)( folder| filter| box)?\b/),
  s('neutral', 0, 'not going to report them', /\b(not|never|no intention of) (going to |gonna )?(report|reporting)( you| this| it| anyone| anything)?\b/),
  s('neutral', 0, 'a right of their contacts, asked about', /\b(support|handle|honou?r|process|manage|deal with|comply with|facilitate)( the)? (right to (erasure|be forgotten|object|deletion)|erasure|deletion|objection)( requests?)?\b(?=[^.!\n]{0,60}\?)/),
  s('neutral', 0, 'does not want a repeat (of an incident)', /\b(do not|dont) want a repeat\b/),
  s('neutral', 0, 'asks who handles it, naming no one', /\bwho (handles|is responsible for|takes care of|looks after)\b[^.!?\n]{0,40}\b(you or (us|we|me)|us or you|we or you)\b/),
];

// prettier-ignore
export const PROBE73_REGULATORY_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'takes it to a regulator (en)', new RegExp(`${NOT_A_RIGHT}${NOT_SOMEONE_ELSE}\\b(report|reporting|reported|forward|forwarding|forwarded|refer|referring|referred|escalate|escalating|escalated|lodge|lodging|lodged|file|filing|filed|complain|complaining|complaint|complaints|going|goes|go|take|taking|raise|raising|raised)\\b[^.!?\\n]{0,40}\\b(to|with) (the |my |your )?${REGULATOR}\\b${NOT_A_HABIT}|\\bnext stop (is|will be) (the )?${REGULATOR}\\b`)),
  s('unsubscribe', 4, 'withdraws or revokes consent (en)', new RegExp(`${NOT_ASKED}\\b(i|we)( am| are)?( hereby| formally| now)? (withdraw|withdrawing|revoke|revoking|rescind|rescinding|retract|retracting)( (any|all|my|our))?( (previous|prior|earlier))? (consent|permission|authori[sz]ation|opt in)\\b|^(revoke|withdraw|rescind|revoking|withdrawing|rescinding) (my |any |all )?(consent|permission)\\b|\\b(my )?(consent|permission) (is |has been |hereby )?(withdrawn|revoked|rescinded)\\b`), 'negatable'),
  s('unsubscribe', 4, 'a formal objection or erasure request (en)', /\b(treat|consider|take|accept|regard)( this| it)?( email| message| letter| reply)? as (a|my|our) (formal )?(objection|request for erasure|erasure request|request to erase|request for deletion|deletion request|withdrawal of consent|revocation of consent)\b|\bmy (formal )?objection to (\w+ ){0,2}marketing\b/),
  s('unsubscribe', 4, 'asks them to stop using their data (en)', /\b(stop|cease|discontinue|refrain from) (using|processing|holding|storing|sharing|selling) (my|our) (personal )?(data|information|info|details|contact details|email address|phone number|number)\b(?![^.!?\n]{0,40}\b(instead|use (this|my|the)|new|going forward))/, 'whole'),
  s('unsubscribe', 4, 'accuses them of breaking the law (en)', /\b(you|you people|you guys|your company|you lot) (are|is) (breaking|violating|in breach of|contravening) (the law|[a-z]+ law|the (tcpa|pecr|casl|spam act|gdpr|can spam))\b|\b((this|that|it) is|thats|its) a (clear |direct |blatant )?(breach|violation) of (the )?(tcpa|pecr|casl|spam act|gdpr|uk gdpr|can spam|ccpa|law)\b|\b(texting|emailing|calling|ringing|messaging|contacting|spamming) (me|this number|my [a-z]+)( [a-z]+){0,4} (is|are) (illegal|unlawful|against the law)\b|\bno consent,? no (texts|emails|messages|calls)\b/),
  s('unsubscribe', 4, 'their own lawyer will be in touch (en)', /\bmy (lawyer|attorney|solicitor) will be in touch\s*([.!]|$)/, 'whole'),
];

// prettier-ignore
export const PROBE73_REGULATORY_SIGNALS: Signal[] = [
  s('interested', 3, 'gives consent to be messaged (en)', /(?<!\b(not|never|no)\b[^.!?\n]{0,20})\b((ok|okay|fine|alright|all right) (for you )?to (message|text|email|contact|whatsapp) me\b|consent (given|granted)\b|happy for you to (keep my details|send me|text me|email me|message me|contact me))/),
  s('not_now', 3, 'revisit then, at a time said before', /\b(can|could|shall) we (revisit|pick (this|it) (back )?up|reconnect|talk again|come back to (this|it))( (it|this))? then\b/),
  s('not_now', 3, 'a quarter or month at the earliest', /\b(q[1-4]|next (year|quarter|financial year|fiscal year)|the new year|january|february|march|april|june|july|august|september|october|november|december)( [a-z]+){0,2} at the earliest\b/),
  s('wrong_person', 3, 'decisions are made by someone else', /\b(decisions?|purchasing|buying|procurement)( [a-z]+){0,2} (are|is) (made|handled|decided|owned) by (our|my|the)\b/),
];
