import { MONTHS, s, type Signal } from './signal';

/**
 * English refusals against opt-outs worded without the usual keywords (probe 72):
 * - opt-outs: "I'd like this to be the last email I get from you", "I'm asking you to stop", "I'd like to stop
 *   hearing from you", "I'd appreciate it if you stopped following up", "cut me from your outreach", "take my email
 *   address out of your system";
 * - refusals the older lists read as nothing or as a timing objection: "we'll pass on the analytics module", "we'll
 *   skip the webinar", "we'll pass this time", "not the right tool for us", "I don't think this is for us", "I can't
 *   see that changing", "we're not after anything like that", "we're sorted for reminders", "made our choice
 *   elsewhere", "going with the incumbent", "found someone local", "I'm going to say no to this one", "no to the
 *   upgrade", "we won't be buying", "the answer hasn't changed", "a bad experience with your company", "the owners
 *   have said no", "I've got your details if we ever need you", "I'll reach out if anything changes";
 * - a later time in another wording: "give me until the end of January", "no point chasing before that".
 * Look-alikes kept out:
 * - a past month of an earlier no ("we told your colleague no in October"): not a later time;
 * - "keep me posted on anything new" beside a declined product: openness, not a timing objection;
 * - "if I say no now, will you keep following up?": a question about saying no, not a "not now";
 * - who makes the decisions, when they have said no ("head office makes these decisions and they've said no"): a
 *   refusal relayed, not a pointer to someone else.
 * Patterns read the normalised text (lowercase, no accents, "won't" → "will not", "we're" → "we are").
 */

const PRODUCT =
  '(add ?on|add ?ons|upgrade|module|bundle|plan|tier|package|offer|webinar|demo|trial|workshop|event|proposal|quote|extension|feature|option|integration|pilot)';

/** A refusal's object: "the analytics module", "your enterprise tier", "this offer". */
const DECLINED_THING = `(the|this|that|your) (([a-z]+ ){0,2}${PRODUCT}|one)\\b`;

const CONTACT_VERB =
  '(following up|follow ups|contacting (me|us)|emailing|e mailing|messaging|texting|calling|writing|reaching out|sending (me|us|these|them|those|emails|messages|texts|follow ups))';

export const PROBE72_REFUSAL_GUARDS: Signal[] = [
  s(
    'not_interested',
    3,
    'an earlier no in a past month',
    new RegExp(
      `\\b(told|said|gave|answered|replied)( [a-z]+){0,3} (no|a no|a firm no|a clear no|our answer)( [a-z]+){0,3} (in|back in|last|this past|early|late) ${MONTHS}\\b`,
    ),
    'guard',
  ),
  s(
    'neutral',
    0,
    'asks to hear of other news',
    /\bkeep (me|us) (posted|updated|in the loop) (on|about|with|of) (anything|any|whatever|what is|other|new|the new|future|your other|other things)\b/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'asks about saying no',
    /\bif (i|we) (say|said|answer|reply|decline|turn (this|it) down)( with a)? no( now| to (this|that|it))?\b/,
    'guard',
  ),
  s(
    'not_interested',
    4,
    'who decides has said no',
    /\b(handles|makes|takes|owns|signs off on|is in charge of|is responsible for|decides on)( all)?( of)?( the| our| these| those)? ([a-z]+ ){0,2}(decisions?|purchasing|buying|procurement|software|tools)( [a-z]+){0,3},? (and|but|so) (they|he|she|the answer)( have| has| is| was)?( already)? (said no|decided against|turned (it|this) down|declined|passed|vetoed (it|this)|(a )?no)\b/,
    'guard',
  ),
  s(
    'not_interested',
    3,
    'will reach out if anything changes',
    /\b(i|we) will (reach out|get in touch|be in touch|let you know|contact you|get back to you|come back to you|give you a shout|ping you|call you|shout)( again)? (if|should|in case) (anything|something|that|this|things|circumstances|our situation|the situation|our needs|it)( ever)? (changes?|change)\b/,
    'guard',
  ),
];

export const PROBE72_REFUSAL_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'wants this to be the last message from the sender',
    /\b(like|want|need|ask|prefer|make|let)( for)? (this|that|it) (to )?be the (last|final|very last) (email|e mail|message|text|one|contact|thing)( (i|we) (ever )?(get|receive|see|hear)( from (you|your [a-z]+))?| you (ever )?send( me| us)?| from (you|your [a-z]+))\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'is asking the sender to stop',
    new RegExp(
      `\\b(i am|we are) (now |politely |kindly |formally )?asking (you|u|your team) (to |to please |please )?stop( ${CONTACT_VERB})?\\s*([.!,;]|$)`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'wants to stop hearing from the sender',
    /\b(like|want|wish|prefer|need|would love) to stop (hearing from|getting (emails|messages|texts|anything) from|being contacted by) (you|u|your)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'would appreciate the sender stopping',
    new RegExp(
      `\\b(appreciate it|be grateful|be glad|be happy|prefer it|rather|appreciate) if (you|u|your team|your company|you guys) (stopped|would stop|could stop|ceased|would cease|quit|would quit|stop) ${CONTACT_VERB}\\b`,
    ),
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'cuts the writer or their address out of the sender s lists',
    /\b(cut|take|pull|drop|strike|scrub|wipe|delete|purge|erase|get) (me|us|my (email|e mail)( address)?|my (address|number|details|data|info|information|contact details)) (out of|off|from|out from) (your|all your|any of your|every one of your) ((mailing|contact|call|email|marketing|sales|outreach|prospect) )?(list|lists|system|systems|database|databases|records|crm|files|outreach|campaigns?|sequences?|cadences?|mailings?|contacts)\b(?! (and|then) (use|add|put|send|replace)\b)/,
    'negatable',
  ),
];

export const PROBE72_REFUSAL_SIGNALS: Signal[] = [
  s(
    'not_interested',
    3,
    'passes on or skips one product',
    new RegExp(
      `\\b(i|we) will (have to |probably |happily |politely |respectfully |just )?(pass|skip|sit out) (on )?${DECLINED_THING}(?! (to|along|over|for now|for the moment|until|till)\\b)|\\bgive (this|that|it|${DECLINED_THING}) a miss\\b|(^|[.!?,;]\\s*)(a )?(no|pass) (to|on) ${DECLINED_THING}`,
    ),
  ),
  s(
    'not_interested',
    4,
    'passes this time',
    /\b(i|we) will (have to )?pass (this time|on this one|for this one|on it this time)\b(?! (to|along)\b)/,
  ),
  s(
    'not_interested',
    3,
    'not the right tool for us',
    /\bnot (the|a) right (tool|solution|product|platform|option|choice|match|partner|software|system|service|offering|vendor|provider|customer|client|audience|size) for (us|me|our|my|the)\b|\b(we are|i am) not the right (customer|client|audience|market|buyer)\b/,
  ),
  s(
    'not_interested',
    3,
    'does not think it is for them',
    /\b(i|we) do not (think|feel|believe) (this|it|that|your [a-z]+) (is|would be|will be) (for us|for me|a (good |great )?fit|right for (us|me)|something (we|i) (need|want|would use))\b/,
  ),
  s(
    'not_interested',
    3,
    'cannot see it changing or being used',
    /\b(i |we )?(cannot|can not|do not) see (that|this|it|the answer|the decision) changing\b|\bnot something (i|we) (can|could) see (us|ourselves|myself|the team) (using|needing|buying)\b|\b(i|we) (cannot|can not|do not) see (us|ourselves|myself) (using|needing|buying) (it|this|that|one)\b/,
  ),
  s(
    'not_interested',
    3,
    'not after anything like it',
    /\bnot after (anything|something) like (that|this|it)\b|\b(we are|i am) not after (this|that|it)\b/,
  ),
  s(
    'not_interested',
    3,
    'sorted or covered for it',
    /\b(we are|i am) (all |already |well |pretty well )?(sorted|covered) (for|on) (that|this|it|(the )?([a-z]+ )?(front|side)|[a-z]+s)\b|\ball sorted now\b/,
  ),
  s(
    'not_interested',
    4,
    'chose elsewhere',
    /\b(made|make) (our|my|a|the) (choice|decision|pick) elsewhere\b|\b(went|gone|going|looked|looking|shopping|signed|bought|buying|decided) elsewhere\b|\b(going|gone|went|sticking|staying|stick|stay) with the incumbent\b|\bfound someone (else|local|closer|cheaper|in house|nearer)\b/,
  ),
  s(
    'not_interested',
    3,
    'says no to it',
    /(?<!\btimes (do|must|will|should) (i|we) )\b(going to|have to|will|must|need to) say no\b(?! for now\b)/,
  ),
  s(
    'not_interested',
    4,
    'will not be buying',
    /\b(we|i) (will not|are not going to|am not going to|do not plan to) be (buying|signing|purchasing|proceeding|going ahead|moving forward|taking (this|it) (any )?further|pursuing (this|it)|going with you|using (this|it|you))\b(?! (until|till|before|this (year|quarter|month)|yet|for now)\b)/,
  ),
  s(
    'not_interested',
    3,
    'the answer has not changed',
    /\b(the|our|my) (answer|decision|position) (has not|have not|did not|will not|is not going to) change(d)?\b|\b(the|our|my) (answer|decision) (is|remains) (the same|unchanged)\b/,
  ),
  s(
    'not_interested',
    3,
    'a bad experience with the sender',
    /\b(had|have had) (a|some) (bad|poor|terrible|awful|negative) experiences? with (you|your|you guys)\b|\bnot going (there|down that road) again\b/,
  ),
  s(
    'not_interested',
    3,
    'the deciders have said no',
    /\b(they|the (owners?|partners?|board|boss|directors?|leadership( team)?|management|head office|committee))( have| has)?( already)? (said no|decided against (it|this)|turned (it|this) down|vetoed (it|this))\b/,
  ),
  s(
    'not_interested',
    3,
    'has the sender s details if ever needed',
    /\b(i|we) (have|have got|got|ve got|kept|will keep|saved) (your|ur) (details|number|email|card|info|contact|contact details)( [a-z]+){0,3} (if|in case|should) (we|i) (ever )?(need|want|change)\b/,
  ),
  s(
    'not_now',
    3,
    'asks to be given until a later time',
    new RegExp(
      `\\bgive (me|us) (until|till|til|to|through) (the (end|start|middle|beginning) of )?(${MONTHS}|next|the new year|new year|q[1-4]|after)\\b|\\bno point (chasing|following up|emailing|calling|checking in)( me| us)? (before|until|till) (that|then|${MONTHS})\\b`,
    ),
  ),
];
