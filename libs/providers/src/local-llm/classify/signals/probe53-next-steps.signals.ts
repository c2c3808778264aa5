import { MONTHS, s, type Signal } from './signal';

/**
 * Next steps and "I'll get back to you" (probe 53). In the dev half a question about how to go ahead ("what are the
 * next steps?", "what do you need from us?", "who do I send the PO to?", "wie geht es weiter?", "quelles sont les
 * prochaines étapes ?", "¿qué necesitáis de nosotros?") is interest, not a product question; so is asking for the
 * papers to sign (contract, order form, agreement) and a start date given for it ("we'd like to kick off in
 * January", "wir würden das gerne ab Januar nutzen"), which is not a timing objection. A bare promise to come back
 * ("I'll discuss it with the team and get back to you", "je reviens vers vous", "ich melde mich", "le respondo",
 * "ti faccio sapere", "ik laat het je weten") is neutral in every language; with a time or a condition ("in March",
 * "once the budget is approved", "quand on sera prêts") or after "no need to chase me" it stays a timing objection
 * (chase-boundary, timing). Patterns read the normalised text (lowercase, no accents, "I'll" → "i will").
 */

/** A later time a start is set for: a month, a quarter, "the new year", "this month", a date. */
const START_TIME = `((the )?(start|beginning|end) of |early |mid |late )?(${MONTHS}|q[1-4]|the new year|this (month|quarter)|next (week|month)|the \\d{1,2}(st|nd|rd|th)?|\\d{1,2}(st|nd|rd|th)? of ${MONTHS})`;

/** What a buyer starts: the verb, and the few words that may follow it ("roll it out", "start the trial with you"). */
const START_VERB =
  '(start|kick off|kick it off|begin|go live|launch|roll (it |this )?out|get (it |this )?(started|going|live|set up)|have (it|this) (live|running|up and running)|be (live|up and running)|use it|onboard|sign)( (it|this|the (trial|pilot|rollout|onboarding|subscription|contract|service|plan)|with (you|it|the (trial|pilot))))?';

/**
 * Anything in the reply that asks to stop or not to chase: a promise to come back next to it is the writer
 * deferring (not now), or the reason an opt-out is excused (opt-out-scope reads the promise), so it is left alone.
 */
const STOP_OR_CHASE =
  '\\b(stop\\w*|arret\\w*|dejen|deja de|dejad|nicht mehr|keine|kein|plus de|ne (me |m |nous )?(plus|pas)|smett\\w*|niente|parem|para de|niet meer|geen|unsubscrib\\w*|opt out|remove|chase|chasing|chaser|relanc\\w*|nachhak\\w*|nachfass\\w*|nachzu\\w*|insist\\w*|persig\\w*|cobr\\w*|sollecit\\w*|nabellen|na te bellen|opvolgen|do not|no more|no need|abmeld\\w*|afmeld\\w*|desinscri\\w*|desabonn\\w*|baja|no me|non mi|non ci|nao me|hold off|not (right )?now|not yet|busy|later|plus tard|spater|mas adelante|piu avanti|mais tarde|pas maintenant|nicht jetzt|ahora no|agora nao|nu (even )?niet)\\b';

/** The words that open a condition or a time ("when", "sobald", "quand", "cuando", "appena", "assim que", "zodra"). */
const CONDITION =
  '(when|once|as soon as|after|until|if|sobald|wenn|nachdem|falls|zodra|als|indien|quand|des que|lorsque|apres|si|cuando|en cuanto|apenas|despues|appena|quando|dopo|se|assim que|logo que|depois que)';

/** A condition or time said before the promise in its sentence ("as soon as it is approved, I'll get back to you"). */
const CONDITION_BEFORE = `\\b${CONDITION}\\b[^.!?\\n]*`;

/** The promise to come back, in the seven languages and Swedish, Danish and Polish. */
const COMES_BACK = [
  '\\b(i will|we will|will|and|then|i shall|we shall|so i can) (get back to (you|u)|come back to (you|u)( on (this|it|that))?|revert( back)?( to (you|u))?|be in touch|get in touch|let (you|u) know|circle back|update (you|u)|keep (you|u) (posted|updated|in the loop))',
  '\\b(je|nous|on|et) (reviens|reviendrai|reviendrons|revenons|reviendra|revient) vers (vous|toi)',
  '\\b(je|nous|on|et) (vous|te) (recontacte|recontacterai|recontacterons|recontactera|tiens au courant|tiendrai au courant|tiendrons au courant|redis|redirai|dis|dirai|ferai signe|fais signe|ferons signe)( quoi| quelque chose)?',
  '\\b(ich|wir|und) (melde|melden) (mich|uns)( (dann|gerne|gern|wieder|schon))*( bei (ihnen|dir|euch))?( (dann|gerne|gern|wieder|schon))*',
  '\\b(melde ich mich|melden wir uns)( bei (ihnen|dir|euch))?( (dann|gerne|gern|wieder))*',
  '\\b(ich|wir|und) (gebe|geben) (ihnen|dir|euch) (dann |gerne |gern )*(bescheid|ruckmeldung|feedback)',
  '\\b(ich|wir|und) (komme|kommen) (dann |gerne |gern )*(auf sie|auf dich|auf euch) zuruck',
  '\\b(te|le|les|os) (digo|dire|respondo|respondere|contesto|contestare|escribo|aviso|comento|confirmo|cuento)( algo)?',
  '\\b(me pongo|nos ponemos|me pondre|nos pondremos) en contacto( con (usted|ustedes|vosotros|contigo))?',
  '\\b(ti|vi|le|la) (faccio|faro|faremo|facciamo) sapere',
  '\\b(ti|vi|la|le) (aggiorno|aggiornero|aggiorniamo|ricontatto|ricontattero)',
  '\\b(te|lhe|vos) (dou|darei|damos) (um |uma )?(retorno|resposta|noticias)',
  '\\b(e|que|eu|depois) (te |lhe |vos )?(retorno|aviso|digo (alguma coisa|algo)|falo)',
  '\\b(eu |nos )?(entro|entramos) em (contato|contacto)( com (voce|voces|vos|o senhor|a senhora))?',
  '\\b(ik|wij|we|en) (laat|laten) (het )?(je|u|jullie) (het )?weten',
  '\\b(ik|wij|we|en) (laat|laten) (nog )?van (me|mij|ons) horen',
  '\\b(ik|wij|we|en) (kom|komen) (er|erop|hierop|daarop|er later) terug',
  '\\b(ik|wij|we|en) koppel(en)? terug',
  '\\b(jag|vi) aterkommer',
  '\\b(jeg|vi) vender tilbage',
  '\\b(wroce|wrocimy) do (pana|pani|panstwa|ciebie)|\\bodezwe sie|\\bdam znac',
].join('|');

/** Soon, not at a named time: "shortly", "rapidement", "zeitnah", "en breve", "a breve", "em breve", "snel". */
const SOON =
  '( (soon|shortly|asap|as soon as possible|in due course|with (my|our) (thoughts|feedback|decision|answer|comments|questions)|rapidement|vite|tres vite|au plus vite|sous peu|bientot|bald|zeitnah|in kurze|schnellstmoglich|umgehend|pronto|en breve|cuanto antes|lo antes posible|enseguida|presto|a breve|quanto prima|al piu presto|em breve|logo|o quanto antes|snel|spoedig|binnenkort|zo snel mogelijk))?';

/** Papers signed, in the seven languages ("the signed order form", "den unterschriebenen Vertrag", "el contrato firmado"). */
const SIGNED_PAPERS =
  '(signed|countersigned) (contract|order form|agreement|copy|proposal|quote|po|paperwork)\\b|(unterschriebenen|unterzeichneten) (vertrag|auftrag|bestellformular|angebot)\\b|(contrat|bon de commande|devis) signe\\b|(contrato|pedido|presupuesto) firmado\\b|(contratto|modulo d ordine|preventivo) firmato\\b|(contrato|pedido|orcamento) assinado\\b|(getekende|ondertekende) (contract|overeenkomst|offerte)\\b';

// prettier-ignore
export const PROBE53_NEXT_STEP_GUARDS: Signal[] = [
  // "We'd like to kick off in January", "we want to start in jan", "wir würden das gerne ab Januar nutzen": when a
  // buyer wants to start, not a time to come back at.
  s('interested', 3, 'a start date for going ahead', new RegExp(`\\b(we|i) (would|d) (like|love|want) to ${START_VERB} (in|from|by|on|before|at|for) ${START_TIME}\\b|\\b(we|i) (want|plan|need|hope|aim|intend|are planning|are looking|are aiming) to ${START_VERB} (in|from|by|on|before|at|for) ${START_TIME}\\b|\\b(definitely|going to|planning to|plan to|ready to) (buy|buying|purchase|purchasing|sign|signing)( [a-z]+){0,4} (in|by|before) ${START_TIME}\\b|\\b(wir|ich) (wurden|mochten|wollen|werden)( [a-z]+){0,3} (ab|im|zum|anfang|mitte) (${MONTHS}|q[1-4]|neuen jahr)( [a-z]+)? (nutzen|starten|einfuhren|loslegen|beginnen|einsetzen)\\b|\\b(nous souhaitons|nous voulons|nous voudrions|on voudrait|on veut|on aimerait|je souhaite|nous aimerions) (demarrer|commencer|lancer|deployer|signer)( [a-z]+){0,2} (en|des|a partir de|debut|courant|avant) (${MONTHS}|l annee|janvier)\\b|\\b(queremos|quisieramos|nos gustaria) (empezar|arrancar|comenzar|tenerlo|firmar)( [a-z]+){0,2} (en|antes de|a partir de|para) (${MONTHS}|fin de ano)\\b|\\b(vorremmo|vogliamo|ci piacerebbe) (partire|iniziare|attivare|cominciare)( [a-z]+){0,3} (a|entro|da|prima di|per) (meta |inizio |fine )?(${MONTHS})\\b|\\b(queremos|gostariamos de|vamos) (comecar|iniciar|arrancar)( [a-z]+){0,2} (em|ainda este mes|a partir de|antes de) ?(${MONTHS})?\\b|\\b(we|wij) willen( [a-z]+){0,2} (in|vanaf|per|begin) (${MONTHS}) (beginnen|starten|live)\\b`), 'guard'),
  // "I'll get back to you with the signed order form", "je reviens vers vous avec le bon de commande signé": a buyer
  // about to sign, not a promise to come back later.
  s('interested', 3, 'comes back with the signed papers', new RegExp(`(${COMES_BACK})( [a-z]+){0,3} (with|avec|mit|con|com|met)\\b[^.!?\\n]{0,40}\\b(${SIGNED_PAPERS})`), 'guard'),
  // "Sorry for the slow reply, end of quarter chaos": why the writer is late, not when to come back.
  s('neutral', 0, 'an apology for a late reply', /\b(sorry|apologies|i apologi[sz]e) for (the|my) (slow|late|delayed|belated) (reply|response|answer)\b[^.!?\n]*/, 'guard'),
  // A promise to come back with no time nor condition: neutral, like "I'll think about it" (see the file's note).
  s('neutral', 3, 'a bare promise to come back', new RegExp(`(?<!${STOP_OR_CHASE}[^]*)(?<!${CONDITION_BEFORE})(${COMES_BACK})${SOON}(?=\\s*([^a-z0-9\\s,]|,(?!\\s*${CONDITION}\\b)|$|(thanks|thank you|cheers|regards|best|merci|danke|gracias|grazie|obrigad[oa]|bedankt|groet|saludos|cordialement|abraco)\\b))(?![^]*${STOP_OR_CHASE})`), 'guard'),
];

// prettier-ignore
export const PROBE53_NEXT_STEP_SIGNALS: Signal[] = [
  s('interested', 3, 'asks how to go ahead', /\b(what|whats|what is|what are) (the )?(next steps?|process from here|way forward)\b|\bwhat (do|would|will|else do) (you|u) need from (us|me|our side|my side)\b|\bwhat (do|would|should) (we|i) (need to )?do (next|now|from here|to (get started|start|sign up|proceed|go ahead|get (this|it) (going|started|live)|get set up))\b|\b(who|where) (should|do|can|shall) (i|we) (send|address|return|email) (the |our |a |my )?(po|purchase order|signed (copy|contract|agreement|order form|proposal|quote)|contract|order form|paperwork)\b|\bhow (do|can|should|shall) (we|i) (get (this|it|things) (going|moving|rolling|started)|proceed|move forward|go ahead)\b|\bwhen can (we|i) (start|begin|kick off|get started|go live|get access)\b/),
  s('interested', 3, 'asks how to go ahead (de/fr/es/it/pt/nl)', /\bwie geht es (jetzt |nun |dann )?weiter\b|\b(was|welches) sind (die |unsere )?nachsten schritte\b|\bwas (brauchen|benotigen) sie (noch )?von (uns|mir)\b|\bwann konnen (wir|ich)( [a-z]+){0,3} (loslegen|starten|beginnen|anfangen)\b|\bwo (kann|muss|soll) ich unterschreiben\b|\b(quelles|quelle) (sont|est) (les|la) prochaines? etapes?\b|\bqu est ce qu il vous faut de (notre|ma) (part|cote)\b|\b(de quoi|qu est ce que) (avez vous|vous avez) besoin de (notre|ma) part\b|\bon (demarre|commence|lance) quand\b|\bquand (est ce qu on|pouvons nous|peut on|on peut) (demarrer|commencer|lancer)\b|\bje signe ou\b|\bou (est ce que )?je signe\b|\bla marche a suivre\b|\b(cuales|que) son (los )?(siguientes|proximos) pasos\b|\bcual es el (siguiente|proximo) paso\b|\bcomo (empezamos|arrancamos|procedemos|seguimos adelante)\b|\bque (necesitais|necesitan|necesita|necesitas) de (nosotros|mi|nuestra parte)\b|\bcuando (podemos|podriamos) (empezar|arrancar|comenzar)\b|\bdonde firmo\b|\bquali sono i prossimi passi\b|\bqual e il prossimo passo\b|\bcome (si procede|procediamo|partiamo|iniziamo)\b|\bcome facciamo (a|per) (partire|iniziare|cominciare|attivar\w*)\b|\bcosa vi serve (da parte nostra|da noi|da me)\b|\bquando (possiamo|si puo) (partire|iniziare|cominciare)\b|\bdove firmo\b|\b(quais sao|qual e) (os |o )?proximos? passos?\b|\bcomo (comecamos|a gente comeca|procedemos|avancamos)\b|\bcomo (faco|fazemos|a gente faz) (pra|para) (comecar|iniciar|contratar|assinar)\b|\bo que (voces precisam|precisam|precisa) de (nos|mim|nossa parte)\b|\bquando (podemos|a gente pode) (comecar|iniciar)\b|\bonde (eu )?assino\b|\bwat (zijn|is) (de )?volgende stap(pen)?\b|\bhoe (gaan|gaat) (we|het) (nu |dan )?verder\b|\bwat (hebben|heeft) (jullie|u|je) (nog )?van (ons|mij) nodig\b|\bwanneer kunnen (we|wij) (beginnen|starten)\b|\bwaar (kan|moet) ik tekenen\b/),
  s('interested', 3, 'wants to go ahead', /\b(we|i) (would|d) like to (go ahead|proceed)\b|\b(we are|i am) (happy|ready|keen|good) to (go ahead|proceed|move forward)\b/, 'negatable'),
  s('interested', 3, 'asks how to go ahead (sv/da/pl)', /\bvad ar nasta steg\b|\bhur (gar vi vidare|kommer vi igang)\b|\bhvad er (det )?naeste skridt\b|\bjakie sa (kolejne|nastepne) kroki\b/),
  s('interested', 3, 'asks for the papers to sign', /\b(send|email|forward|share)\b[^.!?\n]{0,20}\b(order form|agreement|paperwork|purchase order|signed copy|msa|sign ?up link|onboarding (checklist|form|docs))\b|\b(schicken|senden|ubermitteln|zukommen)\b[^.!?\n]{0,30}\b(vertrag|bestellformular|auftragsformular|bestellschein)\b|\b(envoyer|envoyez|envoie|transmettre|transmettez|faire parvenir)\b[^.!?\n]{0,30}\b(contrat|bon de commande)\b|\b(mandar|enviar|mandame|enviame|mandadme|enviadme|manda|envia|mandes|envies|pasar)\b[^.!?\n]{0,30}\b(contrato|hoja de pedido|formulario de pedido|orden de compra)\b|\b(mandare|inviare|mandi|invii|mandate|inviate|mandatemi|inviatemi|mandateci|inviateci)\b[^.!?\n]{0,30}\b(contratto|modulo d ordine|modulo di ordine)\b|\b(enviar|mandar|envia|manda|enviem|mandem|envie|mande)\b[^.!?\n]{0,30}\b(contrato|formulario de pedido|pedido de compra)\b|\b(stuur|sturen|stuurt|opsturen|toesturen)\b[^.!?\n]{0,30}\b(contract|overeenkomst|bestelformulier)\b|\b(contract|overeenkomst|bestelformulier)\b[^.!?\n]{0,20}\b(sturen|opsturen|toesturen|mailen)\b/, 'negatable'),
  s('interested', 3, 'signed papers or an order coming', new RegExp(`\\b(${SIGNED_PAPERS})|\\bsend (you |over |back )?(the |our |a )?(po|purchase order)\\b`)),
  s('interested', 3, 'wants to buy (es/pt/it/fr/de/nl)', /\b(quero|queremos|quiero|vogliamo|voglio|nous voulons|je veux|wir wollen|ich will|we willen|ik wil) (contratar(lo|la)?|comprar(lo|la)?|acquistar(lo|la)?|sottoscriver(lo|la)?|souscrire|acheter|kaufen|buchen|bestellen|afnemen|kopen)\b|\b(lo|la) (quero|queremos|quiero) (contratar|comprar)\b/, 'negatable'),
  s('interested', 3, 'approved on their side', /\b(approved|signed off|green ?lit)( it| this)? (on our side|internally|by (finance|the board|legal|procurement|our (md|ceo|cfo|director|board|boss|management)))\b|\b(the )?(board|finance|management|legal|procurement|our (md|ceo|cfo|director|boss)) (has |have )?(signed (it |this )?off|approved (it|this|the (budget|purchase|proposal|spend)))\b|\b(c est|tout est) valide (de|du) (notre|cote)\b|\bwe are (good|ready|all set) to go\b/),
];

/**
 * A channel named for the papers or the next steps ("email me the contract instead", "manda o contrato por email",
 * "Envíame el contrato al correo", "stuur het contract maar per mail", "escríbanme a este correo", "répondez-moi par
 * e-mail"): where the writer wants the rest, so a refusal of another channel is not an opt-out (opt-out-scope).
 */
export const CHANNEL_FOR_NEXT_STEPS =
  /(?<!\b(do not|dont|never|not|no more|stop)\s)\b(e ?mail|whatsapp) (me|us) (the|a|an|your|over|at|about|on|all|any|some)\b|\b(send|envi[a-z]*|mand[a-z]*|invia[a-z]*|stuur[a-z]*|schick[a-z]*|sende[a-z]*|envoy[a-z]*|envoie)\b[^.!?,;\n]{0,40}\b(by|via|over|per|por|pelo|par|al|to my|naar|auf|an) (correo|e ?mail|email|mail|courriel)\b|\b(send|post|mail)\b[^.!?,;\n]{0,40}\b(by post|in the post|by letter|per post|par la poste|por correo postal|pelo correio|per posta)\b|\b(escribanme|escribeme|escribame|ecrivez moi|schreiben sie mir|scrivetemi|me escrevam|schrijf me|write to me|reply to me|repondez moi|responda me|respondame|antworten sie mir|rispondetemi|antwoord me)( (a|al|an|to|naar|auf|per|por|par|via|pelo|at))? (este|esta|this|cette|ce|diese|dieser|questo|questa|dit|deze|my work|my|mon|ma|mi|mio|mia|meu|minha|mijn|meine|meinen)? ?(correo|e ?mail|email|mail|courriel|address|adresse|adres|indirizzo|endereco)\b/g;

/** Papers or a link asked for in writing ("just send the link to start the trial"): a refused call is a channel swap. */
export const WRITTEN_NEXT_STEP =
  /\b(send|email|text|mail)( me| us)?( over)? (the|a|an|your)( [a-z]+){0,2} (link|contract|order form|agreement|paperwork|proposal|quote|pricing|next steps)\b/;
