import { s, type Signal } from './signal';

/**
 * English B2B email replies as they reach a sales team (probe 67), opt-outs and not:
 * - opt-outs worded as records and policy, without "stop" or "unsubscribe": "we have no further need for these
 *   emails", "this contact should no longer receive emails from you", "please exclude our domain from your
 *   campaigns", "don't email anyone here again" (the whole company), "forwarding this to IT so they can block the
 *   domain";
 * - a later period said to suit ("January is fine", "next quarter would be better"): not now;
 * - "this isn't something we can buy": a refusal; "show me what you've got": interest; "the timing is good" (not
 *   "good in March"): a mild cue of interest, enough to outweigh a period named beside a "tell me more".
 * Look-alikes kept out:
 * - asking to stop copying someone else in ("can you stop cc'ing my assistant?"): the writer stays in the
 *   conversation;
 * - removing something the writer added by mistake ("remove the trial user I added by mistake"): not an
 *   unsubscribe made by mistake;
 * - "Should be sorted now." opens with a modal, not a question.
 * Patterns read the normalised text (lowercase, no accents, apostrophes as spaces).
 */

const MAIL_THINGS =
  '(e ?mails?|emails|messages|mailings?|communications?|correspondence|newsletters?|marketing|sales emails|updates)';
const OUR_SIDE =
  '(me|us|my (address|email|e mail|email address|name|details|contact details)|our (entire |whole |company |)(domain|company|organisation|organization|team|staff|addresses|emails|details|business|firm|practice|clinic|office|people)|this (address|mailbox|inbox|email|email address|domain|contact)|everyone (here|at [a-z]+)|all (of )?(us|our (staff|people|team|addresses|colleagues)))';

export const PROBE67_B2B_EMAIL_GUARDS: Signal[] = [
  s(
    'neutral',
    1,
    'asks to stop copying someone else in',
    /\b(stop|quit) (cc ing|ccing|cc d|cc|copying( in)?|looping in|including|adding)( (my|our|the|his|her))?( [a-z]+){0,2}? (assistant|colleague|colleagues|team|boss|manager|secretary|pa|ea|office|staff|finance|accounts|legal|ceo|cfo|coo|partner|partners|director|directors)\b(?! (and|or) (me|us)\b)/,
    'guard',
  ),
  s(
    'neutral',
    1,
    'removes something the writer added by mistake',
    /\b(remove|delete|cancel|drop|deactivate)( the| that| this| a| an)? (?!(me|us|my|our|myself)\b)([a-z]+ ){0,3}?(i|we) (added|created|invited|uploaded|entered|booked|imported|set up|made)( [a-z]+){0,2}? (by (mistake|accident)|accidentally|in error|mistakenly)\b/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'a modal opening a statement, not a question',
    /(^|[.!?\n]\s*)(should|will) be (sorted|sorted out|fixed|resolved|done|ok|okay|fine|all good|there|with you|ready)( now| soon| shortly| today| tomorrow| by [a-z]+)?\s*(?=[.!]|$)(?![^?\n]*\?)/m,
    'guard',
  ),
];

export const PROBE67_B2B_EMAIL_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'no further need for these emails',
    new RegExp(
      `\\b(no|not any|do not have any|have no) (further|more|longer any|ongoing) need (for|of) (these|your|the|such|any (more|further)|further|more)( [a-z]+){0,2} ${MAIL_THINGS}\\b|\\b(we|i) no longer (need|want|require|wish to receive) (these|your|any of these|any more|any further|any)( [a-z]+){0,2} ${MAIL_THINGS}\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'should no longer receive emails from them',
    new RegExp(
      `\\b(this (contact|address|mailbox|inbox|email|email address|person)|i|we|my (address|email|email address)|our (company|team|staff|organisation|organization|office|domain)) (should|must|is to|are to|wish to|want to|would like to|need to) (no longer|not|never) (receive|get|be sent|be emailed|be contacted|be included in)( any)?( further| more| future)? ${MAIL_THINGS}\\b(?![^]{0,80}\\b(use|instead|new (address|email)|switch|at work|work address)\\b)`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks to be excluded from the campaigns',
    new RegExp(
      `\\b(exclude|leave out|omit|suppress|blacklist|blocklist)( please)? ${OUR_SIDE} from (your|all|any|future|further)( future| further| upcoming| marketing| sales| outbound| email)? (campaigns?|lists?|mailing lists?|mailings?|outreach|sequences?|cadences?|e ?mails?|emails|communications|marketing|sends|distribution( lists?)?)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'no more contact with anyone at the company',
    /\b(do not|dont|never|please do not|stop|quit) (e ?mail|email|emailing|contact|contacting|message|messaging|call|calling|write to|writing to|reach out to|reaching out to) (anyone|anybody|any one|any of us|everyone|any( of (my|our))? (colleagues?|staff|team|people))(?! else\b)( (here|at this (company|firm|practice|organisation|organization|address|domain|office)|at (our|my) (company|firm|practice|organisation|organization|office)|at [a-z]+|in (this|our|my) (company|team|organisation|organization|office|firm|practice)|on (my|our) team|from (this|our) (company|domain)))? (again|ever again|anymore|any more|going forward|in (the )?future|from now on)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'has the sender blocked',
    /\b(so (that )?(they|it|he|she|we) (can|could|will) |to have (them|it) |(i|we) (will|am going to|are going to|ll|have|ve|just) (now )?)(block|blacklist|blocklist|ban)( all| every)? (you|your|this|the|reachline)( [a-z]+)?( (domain|address|emails?|e mails?|sender|company|messages))?\b(?![^.!?\n]{0,40}\b(by mistake|accidentally|in error|unblock\w*)\b)/,
  ),
];

export const PROBE67_B2B_EMAIL_SIGNALS: Signal[] = [
  s(
    'not_now',
    3,
    'a later period suits',
    /(^|[.!?,;:\n]\s*)(january|february|march|april|may|june|july|august|september|october|november|december|next month|next quarter|next year|the new year|new year|q[1-4]|spring|summer|autumn|the autumn|fall|after the holidays|after christmas|after new year)( or (later|after|so))? (is|would be|works|will be|should be|would work) (fine|better|ok|okay|good|best|great|more realistic|a better time|better for (me|us))\b(?! for (the |a |our )?(call|meeting|demo|chat|start|kick ?off|go ?live|launch|rollout|roll out|implementation|onboarding|pilot|trial|contract|billing)\b)/,
  ),
  s(
    'not_interested',
    3,
    'not something they can buy',
    /\b(this|it|that) (is not|isnt|is never going to be|will not be|wont be) (something|a thing|anything|a product|a tool|a service) (we|i) (can|could|would|are able to|are allowed to|will) (buy|purchase|sign up for|justify|approve|procure|pay for)\b/,
  ),
  s(
    'interested',
    3,
    'asks to be shown what they have',
    /\bshow (me|us) what (you|u|your (tool|product|platform|team)) (have got|have|got|can do|ve got|offer|can offer)\b/,
  ),
  s(
    'interested',
    2,
    'says the timing is good now',
    /\b(the )?timing (is|seems|looks) (good|great|right|perfect|ideal|spot on)\b(?![^.!?\n]{0,25}\b(in|after|from|around|next|later|once|by|theory)\b)|\btiming (could not|couldnt) be better\b/,
  ),
];
