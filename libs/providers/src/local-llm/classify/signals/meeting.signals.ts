import { CLOCK, s, WEEKDAYS, type Signal } from './signal';

/** Asking for, proposing, accepting or moving a call, meeting or demo, seven languages. */

const NEAR = `(${WEEKDAYS}|tomorrow|today|tonight|this afternoon|this morning|next week|later today|manana|demain|morgen|amanha|domani)`;
const DAYPART = `(at|@|around|after|before|between|from|vers|gegen|hacia|sobre|verso|rond|omstreeks|por volta|${CLOCK}|morning|afternoon|evening|por la (tarde|manana)|a las|en la (tarde|manana)|nachmittag|vormittag|morgens|um|ab|apres midi|matin|soir|a \\d|de manha|a tarde|as \\d|pomeriggio|mattina|alle|middag|ochtend|om|na de lunch)`;

/** Signals whose match names a concrete near time (they beat a vague "later" objection). */
export const NEAR_TIME_SIGNALS = new Set([
  'names a near day and time',
  'names a clock time',
  'accepts a slot',
  'asks for a call at a clock time',
]);

// prettier-ignore
export const MEETING_SIGNALS: Signal[] = [
  // English
  s('meeting_request', 4, 'asks for a call', /\b(schedule|book|set up|setup|arrange|organi[sz]e|hop on|jump on|get on|have|do|plan|find time for|grab|squeeze in|put together|line up|get) (a |an |some )?(quick |short |brief |15 ?min(ute)? |30 ?min(ute)? |20 ?min(ute)? |half hour |intro |introductory |discovery |video |phone |zoom |teams |follow up |live )*(call|meeting|chat|demo|zoom|teams call|meet|conversation|walkthrough|walk through|session|catch up|time to (talk|chat))\b/, 'negatable'),
  s('meeting_request', 4, 'asks for minutes together', /\b(set up|grab|book|schedule|find|block|take|do|have|give me|spare|need) (\d+|fifteen|twenty|thirty|ten|a few|some) ?(min|mins|minute|minutes)\b|\b\d+ ?(min|mins|minute|minutes) (slot|call|meeting|chat|demo)\b/),
  s('meeting_request', 3, 'proposes to talk', /\b(lets|let us|can we|could we|shall we|should we|happy to|love to|like to|want to|glad to|we could|maybe we can|perhaps we can|i would like to|we would like to|would like to) (talk|chat|meet|connect|speak|hop on|jump on|set (something|a time|it) up|catch up|discuss (this|it|further)|get on a call|have a call)\b/, 'negatable'),
  s('meeting_request', 3, 'offers to meet', /\b(could|can|happy to|glad to|love to|would like to) meet (up|there|in person|you|for (a )?coffee)\b|\bgrab (a )?coffee\b/),
  s('meeting_request', 3, 'asks to talk', /\b(can|could|shall|should) we\b[^.?!\n]{0,30}\b(talk|chat|meet|speak|connect|hop on|jump on|do a call|get on a call)\b/),
  s('meeting_request', 4, 'asks for a calendar link', /\b(calendar (link|invite|invitation)|calendly|cal com|savvycal|tidycal|zcal|youcanbook|meetings hubspot|meeting link|zoom link|teams link|booking link|scheduling link|(send|shoot|forward) (me |us |over )?(an |a |the |your )?(invite|invitation|calendar|meeting request|booking link|times|slots|availability|some times))\b/),
  s('meeting_request', 4, 'asks for times', /\b(let me know|send me|share|give me|suggest|propose) (a few|a couple of|some|your|two|three|2|3) (times|slots|time slots|options|dates)\b|\b(times?|slots?|dates?) that (work|suit|works|suits) (for you|best|next|this)\b/),
  s('meeting_request', 4, 'asks about their week', /\bwhat does your (week|calendar|schedule|availability|diary|day|tuesday|wednesday|thursday|friday|monday) look like\b/),
  s('meeting_request', 3, 'asks when to meet', /\b((what|which) (time|times|day|days|slot|slots) (works|work|suits|would work|is good|are good|is best|suit)|when (are you|is a good time|works|would (be|work)|(can|could) we(?! (start|begin|kick off|get started|go live|get access)\b)) ?(free|available|for you|best|talk|chat|meet)?)\b/),
  s('meeting_request', 4, 'names a near day and time', new RegExp(`\\b${NEAR}\\b[^.!?\\n]{0,20}\\b${DAYPART}\\b(?<!\\b(i am|i m|we are|we re|he is|she is|they are|i will be|we will be) at)`)),
  s('meeting_request', 3, 'proposes another hour', /\b(can|could) (you|we) do \d{1,2}(:\d\d)?( ?(am|pm))?\b(?! (people|users|seats|licen|locations|sites|%|percent|minutes|min|mins|weeks|months|days|years|employees|staff|of))|\b(instead of|rather than) (the )?\d{1,2}(:\d\d)?( ?(am|pm|h|uhr|uur))?\b(?! (people|users|seats|licen|locations|sites|%|percent|minutes|min|mins|weeks|months|days|years|employees|staff|of))/),
  s('meeting_request', 3, 'names a clock time', new RegExp(`\\b(at|@|around|by|from|um|a las|a|alle|as|om|do|say|before|after) ${CLOCK}|\\b\\d{1,2}(:\\d\\d)? ?(am|pm)\\b`)),
  s('meeting_request', 2, 'names a time (es/it/pt/nl/de)', /\b(a las|alle( ore)?|as|om|um) \d{1,2}\b/),
  s('meeting_request', 3, 'proposes a day', new RegExp(`\\b(how about|what about|does|would|is|are you free|free on|available on|works on|can you do|could you do|can we do) (this |next )?${NEAR}\\b`)),
  s('meeting_request', 4, 'accepts a slot', new RegExp(`\\b(${NEAR}|that time|that slot|the time|this time|${CLOCK})\\b[^.!?\\n]{0,25}\\b(works|work|is fine|suits|is good|is perfect|sounds good|sounds great|is great|would be great|ok)\\b`)),
  s('meeting_request', 3, 'see you then', new RegExp(`\\bsee you (then|on|at|${NEAR}|next)\\b|\\btalk (then|${NEAR})\\b`)),
  s('meeting_request', 4, 'moves the meeting', /\b(reschedule|rebook|move (our|the|my|it|this) (call|meeting|demo|chat|to)|push (our|the|my|it) (call|meeting|demo|back|to)|another (time|slot|day))\b/),
  s('meeting_request', 3, 'says they are free', new RegExp(`\\b(i am|we are|i will be) (free|available|around) (on|at|${NEAR}|this|any|after|before|between|for a (call|chat))\\b|^free (after|at|on|${NEAR})\\b`)),
  s('meeting_request', 3, 'asks to be called', /\b(call me|give me a (call|ring|buzz)|ring me|phone me|call (us|my (cell|mobile|office))|call back)\b/, 'negatable'),
  s('meeting_request', 3, 'asks to book a slot', /\b(book|grab|pick|find|block|hold) (us |you |me )?(a |some |the )?(time|slot|spot)\b|\b(cuadre|cuadrar|cuadremos|busque|buscar|buscamos) (una |un )?(hora|hueco|fecha|cita)\b/),
  s('meeting_request', 4, 'asks to be booked', /\b(book|pencil|put|slot|squeeze) (me|us) (in|down)\b|\bbook (me|us) (for|on)\b/),
  s('meeting_request', 3, 'asks to be walked through', /\bwalk (me|us|them|my team|our team) through\b|\bshow (me|us|the team|my team|our team) (how it works|around|what it (does|can do))\b|\bcome (in|over|by|round|along) (and|to) (show|present|demo|meet)\b|\b(see|show (me|us)) (it|this|the (product|tool|platform|app)) (in action|live|working)\b/),
  s('meeting_request', 3, 'asks for a demo', /\b(show me|see|get|request|schedule|book|want|like|love|need|do|give (me|us)) (a |the |your |an )?(live |quick |short |product |full )?(demo|demonstration|walkthrough|walk through)\b/, 'negatable'),
  s('meeting_request', 3, 'invites them to present', /\bpresent (this|it|your [a-z]+) (at|to|during|in)\b|\b(come|drop) (by|in|over) (our|the|my) (office|booth|stand)\b/),
  s('meeting_request', 4, 'confirms the meeting', /\b(accept|accepted|confirm|confirmed|confirming|booked|scheduled)( the| your| our| a)? (invite|invitation|meeting|call|time|slot|demo)\b|\b(invite|invitation) (accepted|received|sent)\b/),
  s('meeting_request', 4, 'asks for a meeting', /\b(available|free|time|open) (for|to have) (a )?(quick |short )?(call|chat|meeting|demo)\b/),
  s('meeting_request', 2, 'names a date', /\bon the \d{1,2}(st|nd|rd|th)\b/),
  s('meeting_request', 2, 'meets in person', /\b(in person|face to face|de vive voix|en personne|en persona|persoenlich|personlich|pessoalmente|di persona|persoonlijk|same time|misma hora|meme heure|gleiche zeit|selbe zeit|mesma hora|stessa ora|zelfde tijd)\b/),
  s('meeting_request', 3, 'invites them over (fr/nl)', /\b(arretez|passez) (vous |nous voir |par |donc )?(a|au|chez|par) (notre|nos|mon|le|la)\b|\bzet (hem|het|de afspraak|die) (op|naar) /),
  s('meeting_request', 3, 'asks when they are free (es/fr/de/pt/it/nl)', /\b(quando|cuando|quand|wann|wanneer) (sareste|saresti|sarebbe|seriez|serez|etes vous|estarian|estaria|estas|estan|waren sie|sind sie|bent u|ben je|zijn jullie|estariam|estaria|estao|sei|siete|ist es) (disponibil\w*|dispo|disponible|disponibles|libre|libres|frei|verfugbar|beschikbaar|vrij|livre|livres)\b/),
  s('meeting_request', 3, 'asks when to talk (es/pt/it/fr/de/nl)', /\bcuando (hablamos|nos llamamos|nos vemos|quedamos|lo hablamos)\b|\bquando (falamos|conversamos|nos falamos|a gente conversa|a gente se fala|nos vemos|ne parliamo|ci sentiamo|ci vediamo|possiamo sentirci)\b|\b(on s appelle|on en parle|on se voit|on se parle) quand\b|\bquand (est ce qu )?(on s appelle|on en parle|on se voit|on se parle)\b|\bwann (sprechen|telefonieren|treffen) wir\b|\bwanneer (bellen|spreken|zien) we\b/),
  s('meeting_request', 3, 'asks for a demo slot', /\b(for|para|pour|fur|per|voor|a|an|in|zu|em|in) (a|una|une|eine|einer|uma|een) (demo|demonstration|demostracion|demonstracao|dimostrazione)\b/),
  s('meeting_request', 1, 'mentions a call', /\b(call|meeting|demo|zoom|teams|chat)\b/),
  // Spanish
  s('meeting_request', 4, 'pide una llamada (es)', /\b(agendar|programar|concertar|organizar|tener|hacer|coordinar|fijar|reservar|montar|cuadrar|agendemos|programemos|hagamos|tengamos) (una |un )?(llamada|reunion|demo|videollamada|cita|charla|demostracion|call|meet)\b/),
  s('meeting_request', 3, 'propone hablar (es)', /\b(podemos|podriamos|te parece si|le parece si|quedamos|nos llamamos) (hablar|reunirnos|tener|hacer|vernos|charlar|una llamada|el|a las|manana)|\bhablemos\b|\b(lo|nos) vemos (en persona|el|alli|en|manana)\b|\bpas(en|a|ad) por (nuestro|el) (stand|oficina|despacho)\b/),
  s('meeting_request', 3, 'acepta un horario (es)', /\b(me|nos) (va|viene|queda) bien\b|\b(que|cual) (dia|hora|horario) (te|le|les) (va|viene|queda|conviene)|\b(llamame|llameme|llamenme|llamadme)\b|\benlace (de|para|a) (la )?(reunion|calendario|agenda|videollamada)\b/),
  // French
  s('meeting_request', 4, 'demande un rendez vous (fr)', /\b(planifier|organiser|caler|fixer|prendre|programmer|avoir|faire|bloquer|proposer|calons|fixons|organisons) (un |une )?(rendez vous|rdv|appel|call|reunion|creneau|visio|demo|point|echange telephonique|entretien|visioconference)\b/),
  s('meeting_request', 3, 'propose d echanger (fr)', /\b(on peut|pouvons nous|pourrait on|peut on|pourrions nous|on pourrait|je vous propose de) (se parler|s appeler|echanger|en discuter|se voir|faire un point|se rencontrer|caler|en parler)\b|\b(appelez moi|appelle moi|rappelez moi|rappelle moi)\b/),
  s('meeting_request', 3, 'accepte un creneau (fr)', /\b(dispo|disponible|disponibles) (mardi|lundi|mercredi|jeudi|vendredi|demain|la semaine|le \d|a \d|pour un|pour une|cette semaine)|\b(ca|cela) me (va|convient)\b|\b(quel|quelle) (jour|horaire|heure|creneau) (vous )?(convient|arrange|irait)|\blien (de|pour la|vers la) (reunion|visio|calendrier|agenda)\b/),
  s('meeting_request', 2, 'rendez vous (fr)', /\b(rendez vous|rdv)\b/),
  // German
  s('meeting_request', 4, 'bittet um einen Termin (de)', /\b(termin|telefontermin|gesprachstermin|call|meeting|videocall|telefonat|gesprach|demo|austausch|kennenlerngesprach)( gerne)?( vereinbaren| ausmachen| machen| planen| finden| abstimmen| einplanen| vorschlagen| buchen)\b|\b(einen )?termin (vereinbaren|ausmachen|finden)\b/),
  s('meeting_request', 3, 'schlaegt ein Gespraech vor (de)', /\b(lassen sie uns|lass uns|konnen wir|konnten wir|sollen wir|wollen wir|gerne konnen wir)\b[^.?!\n]{0,30}\b(telefonieren|sprechen|reden|treffen|austauschen|einen termin|ein gesprach)\b|\b(rufen sie mich|ruf mich) (gerne )?(an|zuruck)\b/),
  s('meeting_request', 3, 'nimmt einen Termin an (de)', /\b(passt|geht) (es |das )?(ihnen|dir|mir|uns)? ?(am|um|morgen|gut|montag|dienstag|mittwoch|donnerstag|freitag)\b|\b(kalendereinladung|einladung (schicken|senden)|terminvorschlag|terminvorschlage|kalenderlink|buchungslink)\b/),
  s('meeting_request', 2, 'Termin (de)', /\btermin\b/),
  // Portuguese
  s('meeting_request', 4, 'pede uma reuniao (pt)', /\b(agendar|marcar|ter|fazer|organizar|combinar|marcamos|agendamos) (uma |um )?(reuniao|chamada|call|conversa|demo|demonstracao|ligacao|videochamada|bate papo)\b/),
  s('meeting_request', 3, 'propoe conversar (pt)', /\b(podemos|poderiamos|vamos)\b[^.?!\n]{0,20}\b(conversar|falar|nos falar|marcar|nos reunir|fazer uma)\b|(?<!\b(nao|n|nem|nunca) )\b(me liga|me ligue|liga pra mim|ligue para mim)\b/),
  s('meeting_request', 3, 'aceita um horario (pt)', /\b(qual|que) (horario|dia|hora) (funciona|fica bom|e melhor|voce prefere)|\b(funciona|fica bom|da certo) (para mim|pra mim|pra gente)|\b(link|convite) (da|para|de) (reuniao|agenda|calendario)\b/),
  // Italian
  s('meeting_request', 4, 'chiede una chiamata (it)', /\b(fissare|organizzare|programmare|fare|avere|prenotare|pianificare|fissiamo|organizziamo|facciamo) (una |un )?(chiamata|riunione|call|demo|incontro|videochiamata|appuntamento|telefonata|meeting)\b/),
  s('meeting_request', 3, 'propone di sentirsi (it)', /\b(possiamo|potremmo)\b[^.?!\n]{0,20}\b(sentirci|parlare|vederci|fare una)|\b(sentiamoci|vediamoci|ci sentiamo)\b|\b(chiamami|chiamatemi|mi chiami)\b/),
  s('meeting_request', 3, 'accetta un orario (it)', /\b(mi|ci) (va bene|andrebbe bene|sta bene)\b|\b(quale|che) (giorno|orario|ora) (vi |ti |le )?(va bene|andrebbe|conviene)|\b(link|invito) (della|per la|del|per) (riunione|calendario|call)\b/),
  // Dutch
  s('meeting_request', 4, 'vraagt een afspraak (nl)', /\b(afspraak|belafspraak|gesprek|call|meeting|demo|videocall|kennismaking|kennismakingsgesprek)( graag)?( inplannen| plannen| maken| inschieten| vastleggen| ingepland)\b/),
  s('meeting_request', 3, 'stelt voor te bellen (nl)', /\b(kunnen|zullen|laten) (we|wij)\b[^.?!\n]{0,30}\b(bellen|afspreken|een afspraak|praten|spreken|sparren|een call|videobellen)\b|\b(bel me|bel mij)\b(?!( (alsjeblieft|alstublieft|a\.u\.b\.|a u b|aub|svp|dan|maar|ook|voortaan))? (niet|nooit)\b)/),
  s('meeting_request', 3, 'accepteert een tijd (nl)', /\b(past|schikt) (mij|me|ons|het) (goed|prima)?\b|\bwelk (moment|tijdstip|dag) (past|schikt)|\b(uitnodiging|agendaverzoek|agenda uitnodiging|kalenderlink)\b/),
];
