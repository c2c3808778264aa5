import { sentenceStart } from './sentence-bounds';
import { SERVED_PEOPLE } from './served-people';

/**
 * An opt-out phrase inside a question about it rather than a request (see opt-out-scope): an indirect question, other
 * people asked about, a condition or a later wish asked about, a need only foreseen, how something works or what
 * anyone may do. Normalised text.
 */

/**
 * Other people as what is opted out ("a bulk way to unsubscribe 400 leads", "remove the contacts who bounced", "a way to
 * stop messaging leads in certain countries": a plural of the writer's own customers without an article, probe 76).
 */
export const OTHER_PEOPLE_AFTER =
  /^\s*(?=(leads|customers|patients|prospects|subscribers|recipients|users|members)\b)|^\s*(\d+|all|all (of )?(our|the|these|those)|our|the|these|those|some|several|multiple|a few|individual|specific|certain|a|an|one)( [a-z]+)?? (leads|contacts|customers|clients|patients|users|subscribers|members|recipients|prospects|lead|contact|customer|client|patient|user|subscriber|member|recipient|prospect)\b/;
/**
 * An indirect question right before the phrase ("could you tell me whether unsubscribing deletes my account", "I'd
 * like to know if…", "pourriez-vous me dire si la désinscription…", "¿me podéis decir si al darme de baja…",
 * "können Sie mir sagen, ob…", "kunnen jullie me vertellen of…"): the writer asks about it. Not "let me know if you
 * can remove me", which asks the reader to do it.
 */
export const ASKED_INDIRECTLY =
  /\b((tell|let) (me|us)( know)?|explain( to (me|us))?|(like|want|wish|need) to know|wondering|wonder|curious|me dire|nous dire|m expliquer|nous expliquer|savoir|decirme|decirnos|explicarme|explicarnos|saber|me dizer|nos dizer|me explicar|nos explicar|dirmi|dirci|spiegarmi|spiegarci|sapere|(mir|uns) (sagen|erklaren)|wissen|me vertellen|ons vertellen|uitleggen|weten)\b[^.!?\n]{0,15}?\b(if|whether|si|se|ob|of)\b(?! (you|u|vous|sie|ihr|voi|voces|vos|jullie|u|usted|ustedes)\b)[^.!?\n]{0,40}$/;

/**
 * "Will removing my card cancel the subscription?", "Does deleting the app unsubscribe me?": what an act of the
 * writer's would do, asked about (an act named as a gerund, or "that" / "this" / "it", before the phrase).
 */
export const ACT_CONSEQUENCE_ASKED = new RegExp(
  '\\b(will|would|does|did|do|could|can|might)( (removing|deleting|changing|downgrading|pausing|closing|uninstalling|switching|updating|leaving|moving|replying|blocking)( [a-z]+){0,4}| (that|this|it)|' +
    // a control of the product named, quoted or as a button ("Does 'pause all outreach' stop the SMS too?",
    // "Will the archive button stop the texts?"): what it does, asked (probe 76)
    '( the| your)? "[^"\\n]{1,60}"( (button|option|setting|toggle|feature|mode|switch|action))?| (the|your) [a-z]+( [a-z]+)? (button|option|setting|toggle|feature|mode|switch|action))' +
    '( also| automatically| then)?\\s*$',
);

/**
 * "… bekomme ich dann auch keine Mails mehr", "… krijg ik dan geen sms meer": the writer asks what they would still
 * receive (the verb before its subject), in the languages that put the refusal's words after it.
 */
export const INVERTED_RECEIVING =
  /\b((bekomme|kriege|erhalte) (ich|wir)|(bekommen|kriegen|erhalten) wir|(krijg|ontvang) (ik|je)|(krijgen|ontvangen) (we|wij))\b[^.!?;:\n]{0,30}$/;

/**
 * A need only foreseen, right after the phrase of a question ("wie melde ich mich ab falls nötig", "comment on se
 * désabonne au cas où", "how do I opt out if needed", "how do I unsubscribe if I need to later", "cómo me doy de baja si
 * más adelante lo necesito"): the writer asks how, for later.
 */
export const ONLY_FORESEEN =
  /^[^.!?\n]{0,30}?\b(if (needed|need be|necessary|required|ever)|when the time comes|just in case|in case|au cas ou|si (besoin|necessaire|jamais|un jour)|(falls|wenn) (notig|noetig|erforderlich|es soweit ist|mal|irgendwann)|si (hace falta|fuera necesario|es necesario|algun dia)|por si acaso|se (necessario|precisar|for preciso|servisse|serve)|caso (precise|seja preciso)|(als|indien) (het )?(nodig|ooit)|if (i|we) (ever |later |one day )?(need|want|have|decide) to( later| one day| in the future)?|for (the|a later) future|later on|si (mas adelante |mas tarde |en el futuro |algun dia )?(lo )?(necesito|necesitara|necesitamos|quiero|quisiera)|si (j en ai|on en a) besoin|se (ne )?(ho|avro|avessi) bisogno|(falls|wenn) (ich|wir) (es )?(spater |mal )?(brauche|brauchen|mochte|will)|als (ik|we) het (later |ooit )?(nodig heb|nodig hebben|wil))\b/;

/** "If I unsubscribe …, will I still get …?": a condition the writer asks about, in the seven languages. */
export const CONDITION_ASKED_ABOUT =
  /\b(if|si|se|wenn|falls|als|indien|after|once|when|nachdem|sobald|quand|lorsque|cuando|quando|depois que|dopo che|zodra|nadat|agar)( (i|we|je|eu|ich|wir|ik|yo|io|noi|nos|main|mai|hum))?( (me|nous|mich|uns|mi|ci|nos|zich))?( (click|hit|press|tap|reply|text|send|type|say|respond|answer)( on| with)?)?\s*$/;
/**
 * "What if we want to opt out after the trial?", "Suppose I decide to unsubscribe, …?", "Once we opt out, can we opt
 * back in?", "Si un día quiero darme de baja…?", "Wenn ich mich später abmelden möchte?": a later wish of the writer's
 * own that they ask about, in the seven languages. A request needs no such wish ("I want to opt out." stays one).
 */
export const LATER_WISH_ASKED_ABOUT =
  /\b((if|what if|suppose|supposing|assuming|once) (i|we)( (ever|later|one day|someday|eventually|at some point|then))?( (want|wanted|decide|decided|choose|chose|wish|need|would like|d like|would want|were to))?( to)?|si( (mas adelante|mas tarde|algun dia|un dia|en el futuro|luego|despues))? (quiero|quisiera|decido|decidiera|necesito|deseo|queremos|decidimos|quisieramos)( (me|nos))?|se (eu |nos )?((mais tarde|depois|um dia|no futuro|mais pra frente) )?(quiser|quisermos|decidir|decidirmos|precisar|desejar)( (me|nos))?|si (je|nous|on) ((un jour|plus tard) )?(veux|voulais|voulons|voulions|decide|decidons|souhaite|souhaitons)( (de|d))?( (me|nous|m))?|(wenn|falls) (ich|wir)( (mich|uns))?( (spater|irgendwann|einmal|mal|eines tages|in zukunft|kunftig))*|se( (in futuro|piu avanti|un giorno|poi|dopo))? (volessi|voglio|decidessi|decido|dovessi|volessimo|vogliamo|decidessimo)( (di))?( (mi|ci))?|(als|indien) (ik|we|wij)( (me|mij|ons))?( (later|ooit|op een dag|straks))*( (wil|willen|besluit|besluiten))?( (me|mij|ons))?)\s*$/;

/**
 * What replying STOP or opting out would do, asked ("If I reply STOP will it cancel my appointment?", "Does texting
 * STOP end the reminders too?"), beside something the writer still wants ("I still want to come", "we still need
 * those"): a wish stated after it ("I just don't want the promo texts") is the reason for asking, not a request
 * yet (see wishGivenAsReason). An order ("take me off the promos") still is one.
 */
const CONSEQUENCE_ASKED =
  /\b(if (i|we) (reply|text|send|answer|type|say)|(will|would|does|do) (replying |texting |sending |answering )?(stop|unsubscribe|opting out))\b[^.!?\n]{0,60}\?/;
const STILL_WANTED = /\b(i|we) (still|do still) (want|need|like|use)\b/;
/** The writer's own wish, right before the phrase ("… i just ", "we only "). */
const WISH_STATED = /\b(i|we)( (just|only|simply|really))? $/;

/** Whether the opt-out phrase, after `before` in its clause, is the writer's reason for a question about opting out. */
export function wishGivenAsReason(before: string, whole: string): boolean {
  return WISH_STATED.test(before) && CONSEQUENCE_ASKED.test(whole) && STILL_WANTED.test(whole);
}

/**
 * How something works, or what anyone can do ("Come funziona la disiscrizione dei contatti?", "Kann man sich vom
 * Newsletter abmelden, aber …?", "Can one opt out per channel?", "Does it handle STOP and UNSUBSCRIBE?", "Do you
 * automatically remove …?", "Do you honour the national do-not-call registry?"): the opt-out is the topic, nobody asks
 * for it.
 */
const MECHANISM_ASKED =
  /\b(how (does|do|would|will|can) (it|this|that|the|your|an?|one|opting out|unsubscribing)\b|(does|do|will|would) (it|your (tool|platform|system|app|product|software|service|crm))\b(?! be (possible|ok|okay|alright|fine)\b)|(does|will|would|is) (replying|texting|sending|clicking|answering|unsubscribing|opting out)\b|do you (automatically|auto|also automatically)\b|(do|does|will|would|can) (you|your (tool|platform|system|app|product|software|service|crm|dialer|dialler)) (honou?r|respect|check against|scrub against|comply with|integrate with|sync with|support)\b|(is|would|will) it (be )?(easy|simple|straightforward|quick) to\b|(can|could|may|do|does|will|would) one\b|(kann|konnen|darf|muss) man\b|wie (funktioniert|lauft|geht)\b|peut on\b|est ce qu on peut\b|comment (fonctionne|marche|se passe)\b|se puede\b|como (funciona|se hace)\b|(da para|e possivel|si puo|e possibile)\b|come (funziona|si fa)\b|kan men\b|is het mogelijk\b|hoe (werkt|gaat)\b)/;
/**
 * Whether these messages could stop reaching the writer ("È possibile non ricevere più queste email?", "É possível
 * deixar de receber estes e-mails?", "Is het mogelijk om deze mails niet meer te ontvangen?"): a request asked
 * politely, not how the product works (probe 59).
 */
const THESE_STOPPED_ASKED =
  /\b(e possibile|sarebbe possibile|e possivel|seria possivel|is het mogelijk)\b[^.!?\n]{0,25}\b(queste|questi|le vostre|i vostri|essas|estes|estas|esses|deze|jullie|uw)\b/;
/**
 * The writer's messages named right after the phrase ("come si fa a non ricevere più questi sms?", "cómo dejo de recibir
 * estos correos"): these, not how the product works (probe 61).
 */
const THESE_AFTER =
  /^\s*(these|your|questi|queste|i vostri|le vostre|estos|estas|vuestros|vuestras|ces|vos|diese|dieses|ihre|eure|deze|jullie|uw|essas|esses|estes)\b/;
/** The writer asking what they may do ("Can I …", "Do we …", "Puis-je …", "Kan ik …"), not asking the reader. */
const ABILITY_ASKED =
  /\b((can|could|may|might|do|does|did|will|would|should|shall) (i|we)\b(?! (please |just )?(be|get)\b)|(kann|konnen|darf|durfen|muss|mussen) (ich|wir)\b|(puis je|pouvons nous|est ce que je peux)\b|(puedo|podemos)\b|(posso|possiamo)\b|(kan ik|kunnen we|kunnen wij)\b)/;
/**
 * What narrows an opt-out asked about to part of something ("… for some leads and keep it for others?", "…, aber …?",
 * "… from each list separately?": probe 76).
 */
const NARROWED =
  /\b(separately|individually|one by one|one at a time|but|and|or|while|without|except|only|just|before|after|antes|despues|depois|avant|apres|nachdem|dopo|prima|voordat|nadat|for (some|certain|specific|particular|individual|a few|one)|per|aber|und|oder|nur|ohne|mais|et|ou|sans|seulement|pero|y|sin|solo|so (da|do|das|dos|de)|mas|sem|apenas|ma|e|oppure|tranne|senza|maar|en|zonder|alleen)\b/;
/**
 * "… and be done with it", "… e basta", "… y ya", "… e pronto", "… et c'est tout": no narrowing, the writer wants
 * out and nothing more.
 */
const AND_DONE =
  /^\s*,?\s*(and|e|y|et|und|en) (be done( with (it|this|you))?|that s (it|all)|thats (it|all)|that is (it|all)|done|basta|ya|listo|pronto|c est tout|fertig|klaar|finito|fini)\s*$/;
/** A condition before the question ("if we stop after the pilot, do we lose our data?"). */
const CONDITION = /\b(if|si|se|wenn|falls|als|indien)\b/;
/**
 * What follows a condition of the writer's, asked of the reader ("if i opt out, do you delete my details", "If I remove
 * myself, is my email deleted as well?"): "do you" or "is my …" after the writer's condition, in the sentence up to the
 * phrase; not "can you" or "will you", which ask for it.
 */
const READER_ASKED_WHAT_FOLLOWS =
  /\b(if|once|when|after) (i|we) [^?]{2,60}\b((do|does) (you|u|they|it)|(is|are|will) (my|our) [a-z]+)\b/;
const ADDRESSEE = /\b(you|u|your|sie|vous|usted|ustedes|voce|voces|voi|lei|jullie)\b/;

/**
 * A step of the writer's towards buying, in the question ("Will you stop emailing once I book a call?", "if we sign,
 * do the reminders stop?", "will you stop texting me when I've paid?"): what the sequence does then, asked (probe
 * 76). Not a reply that would itself opt out ("… if I reply STOP"), nor a step told as past ("when I signed up").
 */
const WRITERS_STEP_ASKED =
  /\b(once|when|after|if|as soon as) (i|we) ((ve|have|had) (booked|signed( up)?|bought|paid|purchased|scheduled|registered|upgraded|ordered|accepted|confirmed|joined|attended|completed|renewed|activated)|(book|sign( up)?|buy|pay|purchase|schedule|register|upgrade|order|accept|confirm|join|attend|complete|renew|activate))\b/;
/**
 * Why or when the writer was opted out, asked ("Why was I unsubscribed?", "Pourquoi ai-je été désinscrit ?", "Perché
 * sono stato cancellato?", "Por que fui descadastrado?", "Mujhe list se kyun hataya gaya?"): not a request.
 */
const WHY_WRITER_WAS_ASKED = new RegExp(
  [
    '\\b(why|when|how come|how) (was|were|have|has|had) (i|we)( been)? (unsubscribed|removed|opted out|taken off|deleted|dropped)\\b',
    '\\bpourquoi (ai je|j ai|avons nous|nous avons)( ete)? (desinscrit|desabonne|retire|supprime|radie)',
    '\\bpor ?que (eu |nos )?(fui|fomos) (descadastrad|removid|excluid|tirad|apagad)',
    '\\b(kyun|kyu|kyon)( [a-z]+){0,2} (hataya|nikala|remove kiya|unsubscribe kiya|delete kiya)',
    // since when, or why, the writer has been out, in the other shapes ("Depuis quand suis-je désinscrit ?", "Seit
    // wann bin ich abgemeldet?", "Warum wurde ich ausgetragen?", "Waarom ben ik uitgeschreven?", "¿Por qué me habéis
    // dado de baja?", "Da quando sono disiscritto?", "Since when am I removed?": probe 77)
    '\\b(since when|how long) (am i|are we|have i been|have we been) (unsubscribed|removed|opted out|off)\\b',
    '\\b(depuis quand|pourquoi) (suis je|sommes nous|je suis|nous sommes|est ce que je suis)( ete)? (desinscrit|desabonne|retire|supprime|radie)',
    '\\b(seit wann|warum|wieso|weshalb) (bin ich|sind wir|wurde ich|wurden wir|wurde ich denn|bin ich denn)( [a-z]+)?? (abgemeldet|ausgetragen|entfernt|geloscht|gestrichen)',
    '\\b(sinds wanneer|waarom) (ben ik|zijn we|zijn wij|werd ik|ben ik nu)( [a-z]+)?? (uitgeschreven|afgemeld|verwijderd|geschrapt)',
    '\\b(por que|porque|desde cuando) (me )?(habeis|han|has|ha|estoy|estamos) (dado de baja|dad[oa]s? de baja|quitado|eliminado|borrado|sacado)',
    '\\b(da quando|come mai|perche) (sono|siamo|risulto|risultiamo)( stat[oaie])? (cancellat|rimoss|disiscritt|tolt|eliminat)',
    '\\b(desde quando|por que) (eu )?(estou|estamos|fui|fomos) (descadastrad|removid|excluid|fora da lista)',
  ].join('|'),
);

/**
 * The way out asked for, in words that otherwise ask how something works ("What would it take for you to stop
 * emailing me?", "Is replying the only way to get off this list?"): a request, as "how do I stop getting these?" is.
 */
const WAY_OUT_ASKED =
  /\bwhat (will|would|does|do) it take (for (you|u)|to (make|get) (you|u))( to)? (stop|quit|cease)\b|\bis ([a-z]+ing|blocking (you|this number)) the only way to\b/;

/**
 * Coming back after opting out, asked ("¿Me puedo volver a suscribir después de darme de baja?", "Puis-je me
 * réabonner après m'être désinscrit ?", "Kann ich mich nach der Abmeldung wieder anmelden?"): the writer wants in.
 */
const RETURN_ASKED =
  /\b(resubscribe|re subscribe|subscribe again|sign up again|get back on|back on (the|your) list|rejoin|opt (back )?in again|opt back in|volver a (suscribir|apuntar|inscribir)\w*|(re)?suscribirme de nuevo|reabonner|reinscrire|wieder an(melden|gemeldet)|erneut an(melden|gemeldet)|riiscriver\w*|iscrivermi di nuovo|reinscrever\w*|me inscrever de novo|voltar a (me )?inscrever|opnieuw (aan)?melden|weer aanmelden|(dobara|phir se|fir se|wapas) (subscribe|join|jud|judna|add|sign up)|ponownie (zapisac|zapisac sie|subskrybowac)|tekrar abone)\b|(दोबारा|फिर से) (सब्सक्राइब|जुड़|जुड)/;

/**
 * The people the writer serves as who would act in the question ("Welk woord moeten klanten terugsturen om geen
 * sms'jes meer te krijgen?", "Müşteri STOP yazarsa…", "Si un client veut se désinscrire, …?"), or the opt-out as
 * something done automatically ("¿Se les deja de escribir automáticamente?", "Les messages s'arrêtent
 * automatiquement ?", "अपने आप बंद हो जाते हैं?"), with the writer not its object: how the product treats other people,
 * asked (probe 77), in the thinner languages too ("Jak se mohou naši zákazníci odhlásit?", "Как наши клиенты могут
 * отписаться?": probe 79). "Can you automatically remove me?" stays a request.
 */
const OTHERS_ACT_ASKED = new RegExp(
  `\\b(${SERVED_PEOPLE.slice(1, -1)}|leads|klant|kunde|cliente|client|paziente|paciente|patient|customer|lead|musteri\\w*|grahak|zakaznic[ie]|zakaznik|klienti|klienci|klientow|klientom|pelanggan|nasabah|klien|asiakk\\w*|asiakas|kunder|kunderna|kunderne|kundene|clientii|clienti|clientul)\\b|ग्राहक|मरीज|(?<![а-я])(клиент|покупател|абонент|пользовател)[а-я]*`,
);
const DONE_AUTOMATICALLY =
  /\b(automatically|automatic|auto|automaticamente|automatiquement|automatisch|automaticamente|otomatik|otomatikman|apne aap|khud( se)?|da sol[oa]|sozinh[oa]|by itself|on its own|von selbst|vanzelf)\b|अपने आप|खुद/;
const WRITER_AS_OBJECT =
  /\b(me|mich|mir|moi|m|mi|mij|mujhe|mujhko|mere|meri|i|ich|je|j|ik|yo|io|eu|us|uns|nous|ons|noi|nos|hum|hame|hamein)\b|[a-z]{2,}r(mi|me|ci|nos)\b|मुझे|मेरा|मेरे|हमें/;

/** Whether the question around an opt-out phrase asks how other people are treated, not for the writer's own exit. */
function othersTreatmentAsked(beforePhrase: string, question: string): boolean {
  if (WRITER_AS_OBJECT.test(question)) return false;
  return OTHERS_ACT_ASKED.test(beforePhrase) || DONE_AUTOMATICALLY.test(question);
}

/**
 * What happens if …, or how long an opt-out takes to apply, asked ("Cosa succede ai miei dati se mi cancello?",
 * "Combien de temps faut-il pour que la désinscription soit prise en compte ?", "Quanto tempo leva para o
 * descadastro valer?"): the process asked about, even inside one composed phrase.
 */
const PROCESS_ASKED = new RegExp(
  [
    '\\b(what happens|what will happen|cosa succede|che succede|cosa accade|que se passe t il|qu est ce qui se passe|que pasa|que sucede|o que acontece|was passiert|wat gebeurt)\\b[^?]{0,40}\\b(if|si|se|wenn|falls|als|when|quand|cuando|quando|once|after|agar)\\b',
    '\\b(how long|combien de temps|quanto tempo|cuanto tiempo|cuanto tarda|wie lange|hoe lang|kitna time|kitne din)\\b[^?]{0,60}\\b(take effect|takes effect|to apply|applied|processed|go through|kick in|prise en compte|pris en compte|effet|effective|valer|vale|efeito|processad\\w*|efecto|aplicarse|aplique|procesad\\w*|wirksam|wirkt|greift|bearbeitet|effetto|attiva|applicat\\w*|verwerkt|actief|lagu|apply)\\b',
  ].join('|'),
);

/**
 * Whether the opt-out phrase at `index` sits in a question about a possibility or a mechanism rather than in a
 * request: the sentence is a question (see asksAQuestion) and asks how something works or what anyone can do, asks
 * what the reader does after the writer's condition, or asks what the writer may do while narrowing it ("Can I stop
 * the sequence for some leads and keep it for others?") or after a condition ("if we stop after the pilot, do we lose
 * our data?"). "Can I unsubscribe?", "How do I stop these emails?" and "Can you take me off?" stay requests.
 */
export function askedAboutNotRequested(text: string, index: number, length: number): boolean {
  const end = index + length;
  const start = sentenceStart(text, index);
  if (!asksAQuestion(text, start, end)) return false;
  const upToPhrase = text.slice(start, end);
  const rest = text.slice(end, end + text.slice(end).search(/[?]|$/));
  const question = upToPhrase + rest;
  if (WRITERS_STEP_ASKED.test(question)) return true;
  if (WAY_OUT_ASKED.test(question)) return false;
  if (WHY_WRITER_WAS_ASKED.test(question) || PROCESS_ASKED.test(question) || RETURN_ASKED.test(question))
    return true;
  if (othersTreatmentAsked(text.slice(start, index), question)) return true;
  // The writer's messages named after the phrase's verb, inside it ("how does one stop these texts") or after it.
  const phraseTail = text.slice(index, end).replace(/^\s*\S+/, '');
  if (THESE_STOPPED_ASKED.test(upToPhrase) || THESE_AFTER.test(rest) || THESE_AFTER.test(phraseTail))
    return false;
  if (MECHANISM_ASKED.test(upToPhrase)) return true;
  if (READER_ASKED_WHAT_FOLLOWS.test(upToPhrase)) return true;
  const asked = ABILITY_ASKED.exec(upToPhrase);
  if (!asked || ADDRESSEE.test(upToPhrase.slice(asked.index))) return false;
  return (NARROWED.test(rest) && !AND_DONE.test(rest)) || CONDITION.test(upToPhrase.slice(0, asked.index));
}

/**
 * How a question typed without its "?" opens, as people do on phones ("what happens to my data if i unsubscribe",
 * "wie melde ich mich ab falls nötig", "que deviennent mes données si je me désinscris"): a question word, an
 * inverted verb or a condition, after an optional greeting.
 */
const UNMARKED_QUESTION =
  /^\s*((hi|hey|hello|so|ok|okay|quick one|just checking|hallo|hoi|bonjour|salut|hola|ciao|oi|ola)( there)?\b[ ,]*)*(how|what|whats|when|once|after|where|which|why|does|do|did|is|are|will|would|can|could|should|if|wie|was|wann|wo|kann|bekomme|wenn|falls|comment|que|quoi|est ce|si|puis je|je peux|peut on|como|cuando|puedo|se|come|cosa|quando|posso|o que|hoe|wat|wanneer|kan|als|krijg)\b/;

/**
 * Whether the sentence from `start` that goes on at `from` is a question: it ends with "?", or it is the last line,
 * ends without a mark and opens like a question.
 */
export function asksAQuestion(text: string, start: number, from: number): boolean {
  const m = /[.!?\n]/.exec(text.slice(from));
  if (m)
    return (
      m[0] === '?' ||
      (m[0] === '\n' && !text.slice(from + m.index).trim() && UNMARKED_QUESTION.test(text.slice(start)))
    );
  return UNMARKED_QUESTION.test(text.slice(start));
}

/**
 * An opt-out named as a thing with its article, then what it covers or the kind of thing it is ("Does the opt-out
 * apply to my colleagues as well?", "What's the process for a right-to-erasure request from one of our customers?",
 * "Does an unsubscribe cover every channel?", "Is the opt-out policy the same in the EU?"), in a question: its scope
 * or handling is asked about, nobody asks for it. Not "Where's the unsubscribe link?" nor "Is there an unsubscribe?",
 * which look for the way out (probe 76).
 */
const ARTICLE_BEFORE =
  /\b(the|a|an|any|each|every|this|that|your|their|our)( (gdpr|ccpa|uk|eu|email|sms|whatsapp|global|automatic|customer|contact))?\s*$/;
const OPT_OUT_AS_NOUN =
  /^(opt ?outs?|unsubscribes?|unsubscription|right to (erasure|be forgotten|object)|erasure|deletion)\b/;
const SCOPE_OR_KIND_AFTER =
  /^\s*(apply|applies|cover|covers|extend|extends|include|includes|affect|affects|carry over|mean|requests?|polic(y|ies)|process(es)?|procedures?|rules?|handling|periods?|flags?|status|rates?|clauses?|rights?|obligations?|workflow|logic)\b/;
const ASKED_OF_THE_READER_TO_DO = /\b(can|could|will|would|please|pls) (you|u)\b|\bplease\b/;
/** The writer's own earlier request ("Is the opt-out request I sent last week done?"): chased, not talked about. */
const OWN_REQUEST_AFTER =
  /^\s*requests? (that |which )?(i|we) (sent|made|submitted|filed|emailed|put in|asked for)\b/;

/**
 * Records or logs of opt-outs, the word qualifying them ("How long do you keep opt-out records after we close our
 * account?", "Can we export unsubscribe logs?"): data about opt-outs asked about (probe 79).
 */
const RECORDS_AFTER =
  /^\s*(records|logs|histories|history|timestamps|data|statistics|stats|counts|figures|numbers)\b/;

export function optOutNamedAsAThingAsked(
  text: string,
  index: number,
  length: number,
  before: string,
  after: string,
): boolean {
  const phrase = text.slice(index, index + length);
  return (
    OPT_OUT_AS_NOUN.test(phrase) &&
    ((ARTICLE_BEFORE.test(before) && SCOPE_OR_KIND_AFTER.test(after)) || RECORDS_AFTER.test(after)) &&
    !OWN_REQUEST_AFTER.test(after) &&
    !ASKED_OF_THE_READER_TO_DO.test(before) &&
    asksAQuestion(text, sentenceStart(text, index), index + length)
  );
}

/**
 * "Will you stop messaging me once I've signed the contract?", "Do the texts stop when I confirm my appointment?": when
 * contact ends after an act of the writer's, asked — the sequence's behaviour, not a request to end it now (probe 76).
 * Not "if I say no" or "if I ask again", which are no acts of a customer.
 */
const ONCE_THE_WRITER_ACTS =
  /^[^.!?\n]{0,80}?\b(once|when|after|as soon as|if) (i|we)( (have|ve|already|finally))* (sign|signed|sign up|signed up|book|booked|pay|paid|confirm|confirmed|buy|bought|upgrade|upgraded|subscribe|subscribed|register|registered|accept|accepted|order|ordered|renew|renewed|complete|completed|submit|submitted|join|joined|schedule|scheduled|purchase|purchased|onboard|onboarded|activate|activated)\b/;

export function stopAfterTheWritersActAsked(text: string, index: number, length: number): boolean {
  return (
    ONCE_THE_WRITER_ACTS.test(text.slice(index)) &&
    asksAQuestion(text, sentenceStart(text, index), index + length)
  );
}

/**
 * A data-protection law named in a question about other people's data ("Under GDPR, can a contact ask you directly to
 * delete their data?", "Does the CCPA let our customers demand deletion?"): the law asked about, not invoked (probe 76).
 */
const LAW_NAMED = /\b(gdpr|ccpa|dsgvo|rgpd|lgpd|avg|uk gdpr)\b/;
const OTHER_PEOPLES =
  /\b((a|an|our|the|their|any|each|my)( [a-z]+)? (contacts?|customers?|clients?|leads?|users?|subscribers?|patients?|members?|data subjects?|individuals?|employees?|recipients?|prospects?)|someone|somebody|people|their (data|details|information))\b/;

export function lawAskedAboutForOthers(text: string, index: number, length: number): boolean {
  const start = sentenceStart(text, index);
  const sentence = text.slice(start, index + length + 80);
  return (
    LAW_NAMED.test(text.slice(index, index + length)) &&
    OTHER_PEOPLES.test(sentence) &&
    !/\b(me|my|mine|myself)\b/.test(text.slice(index, index + length)) &&
    asksAQuestion(text, start, index + length)
  );
}
