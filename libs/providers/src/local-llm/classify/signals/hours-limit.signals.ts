import { CLOCK, s, type Signal } from './signal';

/**
 * "Please stop the calls before 8am", "don't text me after 9pm", "no calls before 10 am please": a clock time that
 * limits when contact may come is no time proposed for a meeting; the guard hides it from "names a clock time".
 * What else the reply says (interest, a refusal) decides; the hours limit itself is no opt-out (opt-out-scope).
 * Nor is the hour a message arrived ("your reminder came at 6am, bit early"): a complaint about the past.
 */
// prettier-ignore
export const HOURS_LIMIT_GUARDS: Signal[] = [
  s('neutral', 0, 'limits the hours of contact', new RegExp(`\\b(stop|no|no more|do not|dont|never|please do not) (the |your |any |those |these |automated |all )*(calls?|calling|ringing|texts?|texting|messages?|messaging|e ?mails?|emailing|contact|contacting|call|text|email|message|ring)( (me|us))?( ((to|on|at) )?(my|our|the) [a-z]+( [a-z]+)?)? (before|after) ${CLOCK}`), 'guard'),
  s('neutral', 0, 'says when a message arrived', new RegExp(`\\b(came|arrived|landed|went out|was sent|were sent|got sent|came in|came through|pinged|buzzed|woke (me|us) up)( in| through| out)? (at|around) ${CLOCK}`), 'guard'),
];
