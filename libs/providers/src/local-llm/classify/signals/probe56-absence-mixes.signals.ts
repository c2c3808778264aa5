import { s, type Signal } from './signal';

/**
 * Probe 56: absences beside another intent. A leave that hands the work over for good ("I'm on parental leave; Maria
 * handles this now", "mein Nachfolger ist …", "c'est désormais Sophie qui s'occupe de ce dossier") names the
 * contact to write to from now on, not a stand-in until a return: a wrong person, as "left the company" is. A
 * stand-in for a while ("… while I'm away", "in the meantime") stays with the away notice. And a person asking to
 * be written to again once back ("get in touch again once I'm back", "escríbeme a la vuelta", "melden Sie sich
 * danach gerne nochmal") puts the conversation off: a timing objection. An away notice that asks "why am I getting this?"
 * and answers it ("because you emailed me") asks nothing of the reader. Patterns read the normalised text
 * (lowercase, no accents, "I'm" → "i am", "isn't" → "is not").
 */

/** A hand-over limited to the absence: "while I'm away", "until I return", "in the meantime", "vorübergehend". */
const FOR_A_WHILE =
  '(?![^.!?\\n]{0,40}\\b(while|whilst|during|until|till|in the meantime|meanwhile|for now|temporarily|wahrend|bis|vorubergehend|pendant|jusqu|temporairement|mientras|durante|hasta|temporalmente|enquanto|ate|temporariamente|mentre|fino|temporaneamente|tijdens|tot|tijdelijk)\\b)';

// prettier-ignore
export const PROBE56_ABSENCE_MIX_GUARDS: Signal[] = [
  // "Why am I getting this? Because you emailed me while I'm away": a notice answering its own question.
  s('neutral', 0, 'a question the notice answers itself', /\bwhy (am i|are you|do i|do you) (getting|receiving|seeing) (this|these)( (message|e ?mail|reply|auto ?reply|notice))?\s*\?+\s*(it is |this is )?because\b/, 'guard'),
];

// prettier-ignore
export const PROBE56_ABSENCE_MIX_SIGNALS: Signal[] = [
  s('wrong_person', 4, 'handed over for good', new RegExp([
    `\\b(has|have|had) (now |permanently )?taken over (my|all my|the)\\b${FOR_A_WHILE}`,
    `\\b(takes|took|is taking) over (all )?(my|the) [a-z ]{0,20}(role|job|suppliers|vendors|accounts|clients|work|position|portfolio|duties)\\b${FOR_A_WHILE}`,
    `\\b(handles|looks after|deals with|runs|manages|owns|is responsible for|takes care of|covers)\\b[^.!?\\n]{0,30}\\b(now|from now on|going forward|permanently)\\b${FOR_A_WHILE}`,
    '\\b(speak|talk|write|deal|go) (to|with) (her|him|them)\\b[^.!?\\n]{0,10}\\bfrom now on\\b',
    '\\b(is not|are not) (mine|my (job|area|role|responsibility)) any ?more\\b',
    '\\b(will not|wont|am not going to) be (handling|doing|looking after|managing|covering|responsible for)\\b[^.!?\\n]{0,30}\\b(when|once|after) i (return|am back|come back|get back)\\b',
    '\\bmy (successor|replacement) is\\b',
    `\\b(covers|is covering|has covered) my (role|job|position)\\b${FOR_A_WHILE}`,
    // es / pt / fr / de / it / nl
    '\\bahora (se encarga|se ocupa|lo lleva|la lleva|lo gestiona|lo llevan)\\b|\\bse encarga ahora\\b',
    '\\b(quem trata|quem cuida) (disto|disso|deste assunto|desse assunto) agora\\b|\\bagora (e|quem trata|trata|cuida)\\b[^.!?\\n]{0,25}\\b(disto|disso|o|a)\\b|\\bdeixei de tratar\\b',
    '\\bc est desormais\\b|\\bdesormais\\b[^.!?\\n]{0,40}\\b(s occupe|gere|suit|en charge)\\b|\\bje ne (gere|m occupe|suis) plus (de |des |les |du |la |le )?(achats|dossier|sujet|fournisseurs|compte|clients)\\b',
    '\\b(ist|sind) (jetzt|nun|ab sofort|kunftig)\\b[^.!?\\n]{0,40}\\bzustandig\\b|\\bansprechpartner(in)? (ist|sind) (jetzt|nun|ab sofort|kunftig)\\b|\\bmein(e)? nachfolger(in)?\\b|\\bkomme nicht (mehr )?(auf|in|an) (diese|meine|die) (stelle|position|rolle)\\b',
    '\\bora (la|lo|le|li) (segue|seguono|gestisce)\\b|\\bora se ne occupa\\b|\\bnon (seguo|gestisco) piu\\b',
    '\\bheeft mijn (taken|werk|klanten|accounts|functie) overgenomen\\b|\\bvoortaan\\b[^.!?\\n]{0,25}\\b(over|doet|regelt)\\b|\\b(doet|regelt) dit nu\\b',
  ].join('|'))),
  s('not_now', 3, 'asks to be written to again once back', /\b(get in touch|contact me|reach out|write to me|write|text me|message me|email me|ping me|try me|call me)( again)? (once|when|after) (i am|i get|i come) back\b|\bcircle back (then|after that|later)\b|\b(text|message|email|write to|call|ping) me (after|afterwards|after that)\s*[.!]*$|\bescribeme (a la vuelta|despues|mas adelante|cuando vuelva)\b|\bfala comigo (de novo|outra vez|depois)\b|\bmelden sie sich (bitte |gerne )?(danach|spater|nach meiner ruckkehr|im neuen jahr)( gerne)?( nochmal| wieder| erneut)?\b|\bmelden sie sich (bitte |gerne )?(im|ab|nach|in) [^.!?\n]{1,25}\b(wieder|nochmal|erneut)( bei mir)?\b|\bmeld dich (nachste woche|spater|danach|im neuen jahr)( nochmal| wieder)?\b|\b(recontactez|recontacter) moi (apres|a mon retour|plus tard)\b|\b(ricontattatemi|riscrivetemi|risentiamoci) (dopo|a|al|tra)\b|\bneem (daarna|later|na mijn terugkeer) (maar )?(weer )?contact op\b/),
  s('not_interested', 3, 'keeps what it has', /\b(we are|we will|i am|i will) (not going to|never going to|not about to) (switch|change|move|buy|sign up|go ahead)\b|\b(we will|we are going to|we would rather) stick with (what we have|our current|our existing|the one we have|our own)\b/),
];
