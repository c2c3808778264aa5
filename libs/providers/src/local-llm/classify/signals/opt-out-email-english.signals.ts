import { s, type Signal } from './signal';

/**
 * Probe28 families, English email replies (the new text above a quoted thread or a signature): a removal asked in
 * the past-tense conditional ("I would appreciate it if you removed me from your contact list", "I'd be grateful if
 * you took us off your lists"), and a removal asked for the writer's whole team or company from the sender's
 * outreach ("Remove our team from your outreach", "take our practice off your mailing lists"). The look-alikes stay
 * out (guards): a question about how the product handles erasure or opt-out requests for the customer's own
 * contacts ("Do you honour GDPR erasure requests on behalf of our customers?"), and a sequence stopped when a lead
 * does something ("Can we stop the sequence automatically when someone books a meeting?"). A team removed from an
 * invite or a thread ("remove our team from the invite") is not an opt-out: only the sender's outreach nouns count.
 */

const REMOVED = '(removed|deleted|took|unsubscribed|dropped|erased|struck)';
const WHO =
  '(me|us|my (email|e mail|address|email address|e mail address|number|details|name|contact details)|our (team|company|details|address|addresses|emails|e mails|office|practice|firm))';
const THEIR_LIST =
  '(your|the|this|all|any|all of your|all your)( [a-z]+){0,2} (list|lists|database|databases|system|systems|records|crm|mailing|mailings|outreach|sequence|sequences|campaigns?|cadences?|distribution)';

// prettier-ignore
export const EMAIL_ENGLISH_OPT_OUT_GUARDS: Signal[] = [
  s('question', 2, 'asks how erasure or opt-out requests are handled', /\b(do|does|can|could|will|would) (you|u|your (platform|system|tool|product|team|software|app)|it|the (platform|system|tool|product|software|app)|reachline) (honou?r|support|handle|process|accept|deal with|manage|action|respect|automate)( [a-z]+){0,3} (gdpr |ccpa |data |privacy )?(erasure|deletion|removal|opt out|unsubscribe|dsar|data subject|right to be forgotten) (requests?|rights?)\b/, 'guard'),
  s('question', 1, 'stops a sequence when a lead acts', /\b(stop|pause|end|halt|cancel) (the |a |our |my |any )?(sequence|sequences|campaign|campaigns|cadence|cadences|follow ups|drip|messages|e ?mails|emails|texts|outreach|reminders)( automatically| on its own| by itself)? (when|once|if|after|as soon as|whenever) (someone|somebody|anyone|a (lead|contact|prospect|customer|patient|client|recipient)|the (lead|contact|prospect|customer|patient|client|recipient)|leads|contacts|prospects|they|people|customers|patients|clients)\b/, 'guard'),
];

// prettier-ignore
export const EMAIL_ENGLISH_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'asks for removal in the past-tense conditional', new RegExp(`\\b(appreciate it|be (grateful|glad|thankful|obliged)|be (great|good|nice|helpful)|prefer it|rather) if (you|u|your team|someone) (could |would |please )*${REMOVED} ${WHO} (from|off|out of) ${THEIR_LIST}\\b`)),
  s('unsubscribe', 4, 'asks that their whole team be removed from the outreach', /\b(remove|take|drop|delete|exclude|strike) (our|my) (team|company|firm|office|practice|staff|organisation|organization|department|business|people|whole team|entire team|entire company|whole company) (from|off|out of) (your|all (of )?your|any (of )?your) (outreach|lists?|mailing lists?|databases?|sequences?|campaigns?|cadences?|prospecting|marketing|mailings|e ?mails|emails|distribution lists?)\b/),
];
