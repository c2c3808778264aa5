import { s, type Signal } from './signal';
import { BY_MISTAKE } from './probe69-formal-legal.signals';

/**
 * The English of India, Pakistan, Nigeria, Kenya, Ghana, the Philippines, Singapore, Malaysia and South Africa over
 * SMS, WhatsApp and email (probe 71):
 * - opt-outs: a number added to the DND list ("kindly add this number in DND", "put my no. under DND"); Nigerian
 *   Pidgin "make una stop to dey message me", "no dey call me again";
 * - look-alikes, no opt-out: "don't disturb now, in meeting" (a pause, which read as an away notice); "stop calling
 *   me, I'm in office" (busy for now); "how are you able to call me when I am in DND?" (a question, not "call me");
 *   "I sent STOP by mistake";
 * - a colleague taken off the cc ("he has left the company") when the writer adds "you can continue with me": no
 *   wrong person;
 * - busy now and calling back, no time said ("in meeting, will call u back"): not now;
 * - a bare "not required" / "no need" and "we are not in requirement of such services": a refusal; so is "already
 *   using other vendor";
 * - "kindly revert with the quotation", "send detail of offer", "glad to receive your proforma", Pidgin "I wan
 *   buy": interest;
 * - "pls give call tmrw", "kindly arrange a visit / fix a meeting": a meeting request;
 * - "kindly clarify whether …", "please revert on whether …": a question;
 * - away in the local idioms ("out of station till 5th", "in native place", "upcountry till Monday", "nasa province
 *   ako until Dec 10", "travelling, back by Thursday"): out of office;
 * - "I am not in charge of procurement", "not the concerned person", "this does not pertain to my department",
 *   "hindi na ako ang purchasing": wrong person.
 * Patterns read the normalised text (lowercase, no accents, "don't" → "do not", "pls" → "please", "msg" →
 * "message", "I'm" → "i am").
 */

/** Busy for the moment: in a meeting, driving, at the office. */
const BUSY_NOW =
  '(in (a |the )?meeting|in (the )?office|at (the )?office|at work|driving|in class|on duty|on (a |another )?call|busy)';

/** Messages and calls, as Pidgin names them after "dey". */
const CONTACT_VERB = '(message|text|call|disturb|send|sms|whatsapp|bother|ping)';

/** What a buyer asks to be sent: a quotation, a proforma, a rate card. */
const OFFER_PAPER =
  '(quotation|quote|best rates?|rates|price list|pricing|proposal|proforma( invoice)?|offer|costing|estimate|rate card|brochure|catalogue|catalog)';

/** Away in the local idioms: out of station, in the native place, upcountry, in the province, on tour. */
const AWAY_PLACE =
  '(out of station|outstation|out station|in (my |our )?native( place| village| town)?|at (my |our )?native( place)?|(gone|went|travell?ed|come) to (my |our |the )?(native( place)?|village|hometown|home town|province)|in (my |our |the )?village|upcountry|up country|(in|nasa) (the )?province|on (an )?(official )?tour|travell?ing( to [a-z]+)?)';

/** A return stated after the absence. */
const RETURN_AFTER =
  '(?=[^.!?\\n]{0,40}\\b(till|until|untill|upto|up to|back (on|by|in|after)|will be back|coming back|returning|reachable (only )?after|pag balik)\\b)';

/** A past form of replying or sending, of the seven languages, normalised (probe 79). */
const SENT_VERB =
  '(sent|send|typed|replied|pressed|wrote|clicked|risposto|scritto|inviato|mandato|repondu|ecrit|envoye|respondi|respondio|escribi|envie|mande|respondeu|escrevi|enviei|mandei|geantwoord|gestuurd|getypt|geantwortet|geschrieben|geschickt|gesendet)';

// prettier-ignore
export const PROBE71_WORLD_ENGLISH_GUARDS: Signal[] = [
  s('not_now', 2, 'do not disturb now, busy', new RegExp(`\\b(please )?(do not|dont) disturb( me| us)?( (now|right now|rn|at the moment|for now))+\\b([,.!]* (i am |am )?${BUSY_NOW})?`)),
  s('neutral', 0, 'stop calling, busy right now', new RegExp(`\\b(stop|do not|dont) (calling|call|ringing|disturbing|disturb)( me)?( now| right now)?[,.!]* (i am|am) (now |right now )?${BUSY_NOW}\\b`)),
  s('question', 1, 'how are you able to call me', new RegExp(`\\bhow (you are|are you|r u|you|come you are|is it you are)( able to| still)? (${CONTACT_VERB}|calling|messaging|sending|texting)\\w*( me| us)?\\b`)),
  // The keyword sent by mistake, in the seven languages ("ho risposto STOP per sbaglio", "j'ai répondu STOP par erreur",
  // "heb per ongeluk STOP gestuurd": probe 79).
  s('neutral', 1, 'sent stop by mistake', new RegExp(`\\b${SENT_VERB} (stop|stopp|unsubscribe|baja|sair|afmelden|abmelden|cancellami)( by| in)? (mistake|accident|error)\\b|\\b${SENT_VERB} (stop|stopp|baja|sair|afmelden|abmelden|cancellami) ${BY_MISTAKE}\\b|\\b${BY_MISTAKE} (${SENT_VERB} )?(stop|stopp|afmelden|abmelden)( ${SENT_VERB})?\\b`)),
];

// prettier-ignore
export const PROBE71_WORLD_ENGLISH_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'add my number to the DND list', /\b(add|put|register|enrol|enroll|include|mark|keep)( me| us| my| this| our)?( mobile| phone| contact)?( number| no| line| id| name)? (in|into|to|on|under|as|in the) (the |your |ur )?(dnd|do not disturb|do not call|dnc)( list| register| registry| category| mode)?\b/, 'negatable', 'temporal'),
  s('unsubscribe', 4, 'stop to dey message me (Pidgin)', new RegExp(`\\b(stop|no|nor|make (una|you|u) stop)( to)? dey ${CONTACT_VERB}\\w*( me| us| my (number|phone|line))\\b`), 'temporal'),
];

// prettier-ignore
export const PROBE71_WORLD_ENGLISH_SIGNALS: Signal[] = [
  s('not_now', 3, 'busy now, will call back', new RegExp(`\\b${BUSY_NOW}\\b[^?]{0,30}\\b(i )?(will|shall|ll|would) (call|ring|message|text|ping)( you| u)? back\\b(?! (at|around|by|after|before|in|on|tomorrow|tmrw|today|tonight|this|next)\\b)`)),
  s('not_interested', 3, 'not required, alone', /^[^a-z0-9]*((sir|madam|maam|boss|bhai|hi|hello)[,.! ]+)?(not required|no need|not needed|no requirement|not in requirement)([,.! ]+(sir|madam|maam|boss|bhai|ji|po|lah|la|thanks|thank you|thx|ty|tnx))*[^a-z0-9]*$/, 'whole'),
  s('not_interested', 3, 'not in requirement of such services', /\b(we are|i am|we re|presently|currently|at present)( presently| currently)? not in (requirement|need) (of|for) (such|this|these|the|your|any)\b|\b(we|i) have no requirement (of|for) (such|this|these|the|your|any)\b/),
  s('not_interested', 3, 'already using another vendor', /\b(already|currently) (using|with|having|have|working with|tied up with|engaged with|dealing with|in contract with|under contract with)( an| a| one)? (other|another|different|existing|some other) (vendor|supplier|provider|service provider|agency|company|firm|partner|system|software|solution|platform|app)\b/),
  s('interested', 3, 'revert with the quotation', new RegExp(`\\b(revert|get back|come back|respond|reply)( back)?( to (me|us))? with (the |your |a |an )?(best |detailed |revised |final )?${OFFER_PAPER}\\b|\\b(send|share|forward|resend|mail|whatsapp)( me| us)?( the| your| a| an)?( detailed| best| revised)? (detail|details) of (the |your )?(offer|package|plan|product|scheme)\\b|\\b(glad|happy|pleased) to receive (your|the|a|an) ${OFFER_PAPER}\\b`), 'negatable'),
  s('interested', 3, 'I wan buy (Pidgin)', /\bi (wan|wanna|wan to) (buy|order|get am|collect|pay)\b/),
  s('meeting_request', 3, 'give a call', /\b(please )?give (me |us )?(a )?(call|ring|missed call)\b(?! if\b)/, 'negatable'),
  s('meeting_request', 3, 'arrange a visit, fix a meeting', /\b(arrange|fix|schedule|plan|organi[sz]e)( up)? (a |an |the )?(visit|meeting|demo|presentation|appointment|session|call)\b/, 'negatable'),
  s('question', 2, 'kindly clarify whether', /\b(kindly|please) (clarify|confirm|advise|let (me|us) know|revert( on| back on)?|inform( me| us)?|tell (me|us)) (whether|if)\b/),
  s('out_of_office', 3, 'out of station till', new RegExp(`(^|[.!,;]\\s*|\\b(i am|i m|am|currently|presently|now|i have|i|ako)\\s)(currently |presently |now |just )?${AWAY_PLACE}\\b${RETURN_AFTER}`)),
  s('out_of_office', 3, 'nasa province ako (tl)', /\bnasa (province|probinsya|probinsiya|bakasyon)( ako| po ako| kami)\b/),
  s('wrong_person', 4, 'not in charge', /\b(i am|i m|am|im)( not| no longer)( the one| the person)? (in charge|incharge|handling|looking after)( of| for)? (this|that|it|procurement|purchase|purchasing|marketing|accounts|sales|hr|admin|the [a-z]+)\b|\b(i am|i m|am|im) not the (one|person) in charge\b/),
  s('wrong_person', 4, 'not the concerned person', /\bnot (the )?concerned (person|department|dept|team|officer)\b|\b(does|do|did) not (pertain|relate) to (me|my (department|dept|role|work|area|section|team))\b/),
  s('wrong_person', -9, 'you can continue with me', /\b(you (can|may)|please|kindly) (continue|deal|correspond|liaise|proceed|communicate|coordinate)( directly)? with me\b/),
  s('wrong_person', 4, 'hindi na ako ang (tl)', /\bhindi (na )?(po )?ako( na)?( po)? ang (in charge|incharge|purchasing|procurement|nag ?hahandle|humahawak|contact|tamang tao)\b/),
];
