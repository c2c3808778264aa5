import { aimedElsewhere, OLD_ADDRESS_OTHER_LANGUAGES } from './opt-out-aimed-elsewhere';
import {
  aboutTheNoticeItself,
  LATER_TIME,
  limitedToAWhile,
  mobileRefusedWhileAway,
  readersWish,
  withoutRefusalsAfterReturn,
} from './opt-out-away-clause';
import { GUARD_SIGNALS, SIGNALS } from './signals';
import { ONLY_IF_NEEDED, WRITER_COMES_BACK } from './signals/chase-boundary.signals';
import { CHANNEL_FOR_NEXT_STEPS, WRITTEN_NEXT_STEP } from './signals/probe53-next-steps.signals';
import { WEEKDAYS } from './signals/signal';

/**
 * Whether an opt-out phrase found in a reply is the writer's own request to stop contact, read from its clause
 * rather than from more phrases: the same words are not a request when somebody else said them ("my boss told me
 * to unsubscribe"), when they sit in a subordinate clause ("before you take me off your list: …", "I'd hate to
 * unsubscribe"), when they are an intention given up ("I wanted to unsubscribe, but …"), when the messages stopped go to other people ("stop the reminders going to our patients"), when
 * only some hours are meant ("stop the calls before 9am"), when only one channel is refused for another ("no
 * more calls please, email works better"), when the writer promises to come back ("no need to chase, I'll be in
 * touch") or when a question asks how it works or what one could do ("Can we pause
 * the sequence for a few accounts?"). Works on the normalised text (lowercase, no accents, see
 * normalise-text) in the seven languages of the classifier.
 */

/** What makes a reply an away notice: the out-of-office patterns of weight 3 or more. */
const AWAY_PATTERNS = [...GUARD_SIGNALS, ...SIGNALS]
  .filter((sig) => sig.label === 'out_of_office' && sig.weight >= 3)
  .map((sig) => sig.re);
const isAwayNotice = (text: string) => AWAY_PATTERNS.some((re) => re.test(text));

/** Clause limits: a sentence end, a semicolon, a colon or a line break. */
const CLAUSE_END = /[.!?;:\n]/;

/** A third party reporting what the writer should do, right before the phrase. */
const REPORTED =
  /\b((my|our|the) ([a-z]+ )?(boss|manager|ceo|cto|cfo|director|supervisor|team|colleague|colleagues|assistant|wife|husband|partner|it|legal|compliance|company|policy|lawyer|department)|he|she|they|someone|somebody|everyone|people) (has |have |had |just )?(told|tells|asked|asks|wants|wanted|said|says|advised|advises|suggested|suggests|requires|required|instructed|recommended)( (me|us))?( to| that (i|we)( should)?)?( (just|please))?\s*$/;
const REPORTED_OTHER_LANGUAGES =
  /\b(mi|nuestro|nuestra) (jefe|jefa|director|directora|equipo|esposa|marido|empresa|abogado) (me|nos) (pidio|dijo|pide|dice|aconsejo|recomendo) que( (me|nos))?\s*$|\b(meu|minha|nosso|nossa) (chefe|gerente|diretor|diretora|equipe|esposa|marido|empresa|advogado) (me |nos )?(pediu|mandou|disse|falou|recomendou) (para|que)( (eu|nos))?( (me|nos))?\s*$|\b(mon|ma|notre) (patron|patronne|chef|manager|directeur|directrice|equipe|femme|mari|entreprise|societe|avocat) (m|nous) a (demande|dit|conseille|recommande) de( (me|nous|m))?\s*$|\b(mein|meine|unser|unsere) (chef|chefin|vorgesetzter|vorgesetzte|team|frau|mann|firma|anwalt) (hat|will|wollte|sagte|meinte|bat)\b[^.!?\n]{0,40}$|\b(il mio|la mia|il nostro|la nostra) (capo|responsabile|direttore|direttrice|team|moglie|marito|azienda|avvocato) (mi|ci) ha (detto|chiesto|consigliato) di\s*$|\b(mijn|onze) (baas|manager|chef|directeur|team|vrouw|man|bedrijf|advocaat) (zei|vroeg|wil|wilde|heeft gezegd|heeft gevraagd)\b[^.!?\n]{0,30}$/;

/**
 * An earlier opt-out conceded before the phrase ("I know I said remove me last month, but …", "I know our former
 * director told you to stop contacting us. He has retired"), in the seven languages: what was asked then, which the
 * writer turns from (see RECALL_TURN), unless they complain the messages went on (see STILL_SENT).
 */
const CONCEDED_EARLIER =
  /\b((i|we) (know|realise|realize|understand|am aware|are aware|appreciate)|granted|admittedly|(i|we) admit)( that)?( [a-z]+){1,4} (said|told you|asked you|asked|wrote|replied|requested|wanted)( (you|me|us))?( to| that)?( (be|you|please))?\s*$|\b(ich weiss|wir wissen|ich weiss schon|zugegeben)( dass| ,)?( [a-z]+){1,4} (gesagt|geschrieben|gebeten|verlangt)( habe| hatte| hat| haben)?( (sie|euch))?( sollen| zu)?\s*$|\b(se|sabemos|ya se) que( [a-z]+){1,4} (dije|dijo|pedi|pidio|escribi|escribio|dijimos|pedimos)( que)?\s*$|\b(je sais|nous savons|on sait|certes)( bien)? qu?( [a-z]+){1,4} (dit|demande|ecrit)( de| qu)?\s*$|\b(so|sappiamo|lo so)( bene)? che( [a-z]+){1,4} (detto|chiesto|scritto)( di)?\s*$|\b(sei|sabemos|eu sei)( bem)? que( [a-z]+){1,4} (disse|pedi|pediu|escrevi|escreveu|dissemos|pedimos)( para| que)?\s*$|\b(ik weet|we weten|wij weten)( wel)? dat( [a-z]+){1,4} (zei|vroeg|schreef|heb gezegd|heb gevraagd|heeft gezegd|heeft gevraagd)( om)?\s*$/;
/** The concession alone, when the phrase itself reports the earlier request ("I know [I said remove me]"). */
const CONCEDED =
  /\b((i|we) (know|realise|realize|understand|am aware|are aware|admit)|granted|admittedly)( that)?( (i|we))?\s*$/;
const REPORTS_EARLIER = /^((i|we) )?(have |had )?(already )?(said|asked|told|requested|wrote)\b/;
/**
 * What has changed since a conceded opt-out: the situation, the mind, the person in the role ("… but our situation
 * changed", "He has retired and I run the practice now", "se ha jubilado", "ich habe es mir anders überlegt"). A bare
 * "but" is not enough: "I know I said stop, but I mean it now" still asks for it.
 */
const RECALL_TURN =
  /^[^\n]{0,200}?\b(changed|change of heart|changed (my|our) minds?|retired|has left|have left|new (in|to) (the|this) (role|job|position)|taken over|took over|since then|things are different|geandert|anders uberlegt|umentschieden|im ruhestand|in rente|cambiado|cambio de opinion|jubilado|jubilo|change d avis|a change|ont change|retraite|cambiato idea|e cambiato|sono cambiate|in pensione|mudou|mudaram|mudei de ideia|aposentou|aposentado|veranderd|van gedachten veranderd|met pensioen)\b/;
/** The messages went on regardless ("… but you still keep emailing"): a complaint, the opt-out stands. */
const STILL_SENT =
  /\b(still|keep|keeps|kept|continue|continued|again|yet)\b[^.!?\n]{0,20}\b(get|getting|receive|receiving|email|emailing|send|sending|contact|contacting|text|texting|call|calling|message|messaging|writing)\b|\b(immer noch|weiterhin|trotzdem|sigo|seguimos|todavia|siguen|encore|toujours|continuez|ancora|continuate|continuo|ainda|continuam|nog steeds|blijven|blijft)\b/;
/**
 * The writer denying they asked for it ("I did NOT ask to be unsubscribed", "Non ho chiesto io la disiscrizione",
 * "Je n'ai jamais demandé à être désinscrit", "No pedí la baja", "Não pedi para sair", "Ik heb nooit gevraagd om
 * afgemeld te worden"): somebody else, or a click by mistake.
 */
const DENIED_ASKING =
  /\b(i|we) (did not|never|have not|had not|have never|did never)( (actually|ever|once))? (ask|asked|request|requested|say|said|tell|told|want|wanted)( (you|anyone|anybody|them|for))?( to| that| for)?( (be|get|i|we))?( (wanted|want) to)?\s*$|\bnon (ho|abbiamo) (mai )?(chiesto|richiesto)( (io|noi))?( (di essere|di|la|l|alcuna))?\s*$|\b(yo )?(no|nunca) (he pedido|pedi|hemos pedido|pedimos|solicite|he solicitado)( (yo|nunca))?( (la|que me|que nos|darme de|darnos de|ser))?\s*$|\b(je n ai|nous n avons|on n a) (jamais|pas) demande( (a|la|de|d|qu on))?( (etre|me|m|nous))?\s*$|\b(eu )?(nao|nunca) (pedi|solicitei|pedimos)( (para|o|a|que))?( (me|ser|nos))?\s*$|\b(ik|we|wij) (heb|hebben) (nooit|niet) (gevraagd|verzocht)( om)?( (te|me|mij|ons))?\s*$/;
/** What the writer never asked for is the contact itself ("I never asked to be on your list"): a complaint. */
const CONTACT_NOT_ASKED_FOR =
  /^(to )?(be )?(on|in|added|put|signed|subscribed|contacted|called|emailed|texted|messaged|these|this|your|any)\b/;

/**
 * Someone else's words or doing, right before the phrase: a report ("Customer reports that replying STOP did not end
 * the reminders"), the people it is about ("remove people who report your emails as spam") or the people doing it
 * ("when they hit unsubscribe …", "how do people usually get off your list").
 */
const OTHERS_REPORT_OR_ACTION =
  /\b(customers?|clients?|users?|callers?|patients?|leads?|contacts?|subscribers?|recipients?|members?|people|someone|somebody|anyone|those) ((reports?|reported|says|said|complains?|complained|claims?|claimed|wrote|writes|mentioned|mentions)( that)?\b[^.!?\n]{0,60}|(who|that) ([a-z]+ ){0,3})$|\b(customers?|clients?|users?|patients?|leads?|contacts?|subscribers?|recipients?|people|they|he|she)( (usually|normally|typically|generally|actually|then|just))?( (click|clicks|hit|hits|press|presses|tap|taps|reply|replies|text|texts|type|types|send|sends|say|says)( on)?)?\s*$/;
/** Those who did it ("a report of who opted out"), with the phrase in the past (not "the one person who never wants …"). */
const WHO_DID_IT = /\b(who|whoever|those who|anyone who)( (has|have|had|already|ever|recently))*\s*$/;
const DONE = /^(opted|unsubscribed|removed|asked|stopped|cancell?ed|replied|texted|clicked|hit)\b/;
/**
 * The people it is about as the subject right before the phrase ("damit abgemeldete Kontakte nicht mehr angeschrieben
 * werden", "dass Kunden nicht mehr …"): a list of them, not the writer.
 */
const OTHER_PEOPLE_BEFORE =
  /\b(kontakte|kunden|kundinnen|patienten|nutzer|empfanger|abonnenten|mitglieder|klanten|contacten|gebruikers|abonnees|ontvangers|clientes|contactos|contatos|pacientes|usuarios|destinatarios|suscriptores|assinantes|clienti|contatti|pazienti|utenti|iscritti|destinatari)( (abgemeldeten|abgemeldete|afgemelde|desinscritos|descadastrados|disiscritti))?\s*$/;
/**
 * An opt-out noun that names a figure, a text or a list of them ("taux de désabonnement", "tasso medio di
 * disiscrizione", "taxa de descadastro", "le message de désinscription", "lista de descadastrados"): a thing talked
 * about. Not the link or button asked for, nor a request ("demande de désinscription").
 */
const THING_OF_OPT_OUTS =
  /\b(taux|tasso|taxa|tasa|pourcentage|percentuale|porcentaje|percentagem|percentage|nombre|numero|quantidade|cantidad|message|messaggio|mensaje|mensagem|texte|testo|texto|modele|modello|modelo|liste|lista|listas|rapport|relatorio|informe|processus|processo|proceso|procedure|procedura|procedimento|gestion|gestione|gestao)( (medio|media|moyen|moyenne|mensuel|mensile|mensual|mensal|global|globale|total|totale|automatique|automatico|automatica))? (de|di|da|du|des|do|dos|das|del|dei|delle|d)\s*$/;
/**
 * An opt-out link or button put into the messages ("colocam o link de descadastro automaticamente", "add an
 * unsubscribe button to the template", "ajoutez-vous le lien de désinscription"): a feature, not a request.
 */
const LINK_PUT_IN =
  /\b(add|adds|put|puts|include|includes|insert|inserts|colocam|coloca|colocar|poem|pomos|por|incluem|incluir|inserir|adicion\w*|acrescent\w*|anad\w*|inclu\w*|ponen|pone|poner|ajout\w*|mett\w*|inser\w*|aggiung\w*|inserisc\w*|fugen|einfugen|voeg\w*|zet|zetten)( [a-z]+){0,2} (the |an |a |o |le |un |una |el |il |lo |den |einen |de |het |een )?(link|lien|enlace|collegamento|button|bouton|boton|botao|pulsante|knop|knopf)( (de|di|da|du|des|do|del|d|voor|zum|zur|for|to))?\s*$/;

/** Other people as what is opted out ("a bulk way to unsubscribe 400 leads", "remove the contacts who bounced"). */
const OTHER_PEOPLE_AFTER =
  /^\s*(\d+|all|all (of )?(our|the|these|those)|our|the|these|those|some|several|multiple|a few|individual|specific|certain|a|an|one)( [a-z]+)?? (leads|contacts|customers|clients|patients|users|subscribers|members|recipients|prospects|lead|contact|customer|client|patient|user|subscriber|member|recipient|prospect)\b/;
/**
 * An indirect question right before the phrase ("could you tell me whether unsubscribing deletes my account", "I'd
 * like to know if…", "pourriez-vous me dire si la désinscription…", "¿me podéis decir si al darme de baja…",
 * "können Sie mir sagen, ob…", "kunnen jullie me vertellen of…"): the writer asks about it. Not "let me know if you
 * can remove me", which asks the reader to do it.
 */
const ASKED_INDIRECTLY =
  /\b((tell|let) (me|us)( know)?|explain( to (me|us))?|(like|want|wish|need) to know|wondering|wonder|curious|me dire|nous dire|m expliquer|nous expliquer|savoir|decirme|decirnos|explicarme|explicarnos|saber|me dizer|nos dizer|me explicar|nos explicar|dirmi|dirci|spiegarmi|spiegarci|sapere|(mir|uns) (sagen|erklaren)|wissen|me vertellen|ons vertellen|uitleggen|weten)\b[^.!?\n]{0,15}?\b(if|whether|si|se|ob|of)\b(?! (you|u|vous|sie|ihr|voi|voces|vos|jullie|u|usted|ustedes)\b)[^.!?\n]{0,40}$/;

/** The opt-out named as a moment or a thing after a preposition ("stop our reps from texting after opt-out"). */
const AS_A_MOMENT = /\b(after|upon|following|post|before)( an| the| a| their| his| her| each| every)?\s*$/;
const OPT_OUT_NOUN = /^(opt ?outs?|opting out|unsubscribes?|unsubscribing|unsubscription|removal)\b/;
/** An old address or number replaced ("… and unsubscribe the old gmail", "remove my previous address, use this one"). */
const OLD_ADDRESS =
  /^[^.!?\n]{0,10}?\b(the|my|our|that) (old|previous|former|other|personal|outdated)( [a-z0-9._@-]+)? (gmail|hotmail|yahoo|outlook|e ?mail|email|address|email address|account|number|phone number|one|inbox)\b/;
/** The landline as the line not to call ("non chiamatemi più sul fisso"): with a mobile given, one number for another. */
const LANDLINE =
  /\b(landline|home phone|office phone|office line|desk phone|work phone|fisso|telefono fisso|vaste (lijn|nummer|telefoon)|festnetz|festnetznummer|fixe|telephone fixe|fijo|telefono fijo|fixo|telefone fixo)\b/;
const NEW_ADDRESS =
  /[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+|\b(this|the new|my new|a new) (one|ones|address|email|e ?mail|number|inbox)\b|\binstead\b|\b(dit|deze|este|esta|a este|cette|cet|diese|dieses|questo|questa|esse|essa|het nieuwe|el nuevo|la nouvelle|die neue|il nuovo|o novo)( (adres|correo|adresse|indirizzo|endereco|nummer|numero|e ?mail|mail|one))?\b( (is|es|est|ist|e|esta|va|geht|passt|funciona|werkt|podeis|pouvez|konnen|potete|podem|kunnen))/;
/** A mobile to call instead of the landline ("usate il cellulare", "try my mobile"), not a line refused too ("ni al fijo ni al móvil"). */
const MOBILE_INSTEAD =
  /(?<!\b(no|non|ne|nicht|niet|nao|not|dont|never|nunca|jamais|mai|nie|nooit) ([a-z]+ )?)\b(use|try|call|ring|usate|usa|provate|chiamate|utilisez|essayez|appelez|gebruik|probeer|bel|belt|nutzen sie|versuchen sie|rufen sie|usen|utilicen|prueben|llamen|llamad|usem|tentem|liguem)\b(?![^.!?,;\n]{0,25}\b(ni|nor|neither|or|noch|weder|nem|ne|nee|o|oder|ou|of)\b)[^.!?,;\n]{0,25}\b(mobile|cell|cellphone|cellulare|cellulaire|portable|handy|handynummer|mobiel|mobiele|gsm|movil|celular|telemovel)\b/;
/** A single invitation left ("drop me off the Tuesday invite", "take me off tomorrow's calendar invite"): one meeting. */
const ONE_INVITE = new RegExp(
  `^[^.!?;\\n]{0,20}?\\b(the|this|that|tomorrows|todays) (${WEEKDAYS}s? |next |upcoming |[0-9]{1,2} ?(am|pm) |[a-z]+s )?(calendar |meeting |zoom |teams |google meet )?(invite|invitation|meeting invite)\\b(?! (list|lists|emails?|mailings?)\\b)`,
);

/** A subordinate clause or a reluctance that holds the phrase ("before you take me off", "I would hate to"). */
const SUBORDINATE =
  /\b(before (you|u|i|we|they|he|she|anyone|someone)|in case|even if|instead of|rather than|en (vez|lugar) de|au lieu de|plutot que( de)?|invece di|anziche|em vez de|ao inves de|em lugar de|in plaats van|(an)?statt|whether (to|i should|we should)|(hate|loath|reluctant|hesitant|sad)( for (you|u|them))? to|antes de( que)?|avant (de|que)|bevor|prima (di|che)|voordat)\b[^.!?;:\n,]{0,30}$/;

/** Someone else's possible wish ("if you're trying to unsubscribe, this isn't the right address"). */
const SOMEONE_ELSES_WISH =
  /\bif (you|u|they|someone|somebody|anyone|anybody|people)( are| is)?( (just|ever))? (trying|want|wants|wanting|wish|wishes|need|needs|looking|would like|decide|decides) to\s*$/;

/**
 * "… bekomme ich dann auch keine Mails mehr", "… krijg ik dan geen sms meer": the writer asks what they would still
 * receive (the verb before its subject), in the languages that put the refusal's words after it.
 */
const INVERTED_RECEIVING =
  /\b((bekomme|kriege|erhalte) (ich|wir)|(bekommen|kriegen|erhalten) wir|(krijg|ontvang) (ik|je)|(krijgen|ontvangen) (we|wij))\b[^.!?;:\n]{0,30}$/;

/**
 * A need only foreseen, right after the phrase of a question ("wie melde ich mich ab falls nötig", "comment on se
 * désabonne au cas où", "how do I opt out if needed", "how do I unsubscribe if I need to later", "cómo me doy de baja si
 * más adelante lo necesito"): the writer asks how, for later.
 */
const ONLY_FORESEEN =
  /^[^.!?\n]{0,30}?\b(if (needed|need be|necessary|required|ever)|when the time comes|just in case|in case|au cas ou|si (besoin|necessaire|jamais|un jour)|(falls|wenn) (notig|noetig|erforderlich|es soweit ist|mal|irgendwann)|si (hace falta|fuera necesario|es necesario|algun dia)|por si acaso|se (necessario|precisar|for preciso|servisse|serve)|caso (precise|seja preciso)|(als|indien) (het )?(nodig|ooit)|if (i|we) (ever |later |one day )?(need|want|have|decide) to( later| one day| in the future)?|for (the|a later) future|later on|si (mas adelante |mas tarde |en el futuro |algun dia )?(lo )?(necesito|necesitara|necesitamos|quiero|quisiera)|si (j en ai|on en a) besoin|se (ne )?(ho|avro|avessi) bisogno|(falls|wenn) (ich|wir) (es )?(spater |mal )?(brauche|brauchen|mochte|will)|als (ik|we) het (later |ooit )?(nodig heb|nodig hebben|wil))\b/;

/** "If I unsubscribe …, will I still get …?": a condition the writer asks about, in the seven languages. */
const CONDITION_ASKED_ABOUT =
  /\b(if|si|se|wenn|falls|als|indien|after|once|when|nachdem|sobald|quand|lorsque|cuando|quando|depois que|dopo che|zodra|nadat)( (i|we|je|eu|ich|wir|ik|yo|io|noi|nos))?( (me|nous|mich|uns|mi|ci|nos|zich))?( (click|hit|press|tap|reply|text|send|type|say|respond|answer)( on| with)?)?\s*$/;
/**
 * "What if we want to opt out after the trial?", "Suppose I decide to unsubscribe, …?", "Once we opt out, can we opt
 * back in?", "Si un día quiero darme de baja…?", "Wenn ich mich später abmelden möchte?": a later wish of the writer's
 * own that they ask about, in the seven languages. A request needs no such wish ("I want to opt out." stays one).
 */
const LATER_WISH_ASKED_ABOUT =
  /\b((if|what if|suppose|supposing|assuming|once) (i|we)( (ever|later|one day|someday|eventually|at some point|then))?( (want|wanted|decide|decided|choose|chose|wish|need|would like|d like|would want|were to))?( to)?|si( (mas adelante|mas tarde|algun dia|un dia|en el futuro|luego|despues))? (quiero|quisiera|decido|decidiera|necesito|deseo|queremos|decidimos|quisieramos)( (me|nos))?|se (eu |nos )?((mais tarde|depois|um dia|no futuro|mais pra frente) )?(quiser|quisermos|decidir|decidirmos|precisar|desejar)( (me|nos))?|si (je|nous|on) ((un jour|plus tard) )?(veux|voulais|voulons|voulions|decide|decidons|souhaite|souhaitons)( (de|d))?( (me|nous|m))?|(wenn|falls) (ich|wir)( (mich|uns))?( (spater|irgendwann|einmal|mal|eines tages|in zukunft|kunftig))*|se( (in futuro|piu avanti|un giorno|poi|dopo))? (volessi|voglio|decidessi|decido|dovessi|volessimo|vogliamo|decidessimo)( (di))?( (mi|ci))?|(als|indien) (ik|we|wij)( (me|mij|ons))?( (later|ooit|op een dag|straks))*( (wil|willen|besluit|besluiten))?( (me|mij|ons))?)\s*$/;

/**
 * An away notice that only asks for the time away or for another address ("no me escriban a este correo,
 * escriban a info@…", "non scrivetemi su WhatsApp, rispondo al rientro"): the writer answers on return.
 */
const ANSWERS_ON_RETURN =
  /\b((i will|i shall|i ll|will) (reply|respond|answer|get back)[^.!?\n]{0,30}\b(when i am back|when i return|when i get back|on my return|upon my return|once i am back)|rispond\w* (al (mio )?rientro|quando torno)|al mio rientro|respond\w* (quando (eu )?voltar|na volta|no (meu )?retorno)|quando eu voltar|respond\w* a la vuelta|a mi (regreso|vuelta)|cuando vuelva|repondrai (a mon retour|des mon retour)|a mon retour|nach meiner ruckkehr|wenn ich zuruck bin|zodra ik (weer )?terug ben|na mijn terugkomst|bij (mijn )?terugkomst)\b/;
const WRITE_ELSEWHERE =
  /\b(write|e ?mail|email|contact|use|escriban|escriba|escribe|escribid|ecrivez|contactez|schreiben sie|wenden sie sich|escrevam|escreva|scrivete|scriva|contattate|mail|schrijf)( to| a| an| para| naar| ad| al| en)? [a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+/;

/**
 * A past intention the writer then turns from ("I wanted to unsubscribe but …", "I was going to ask you to remove me,
 * then …"); without the "but" it is a request.
 */
const PAST_INTENT = new RegExp(
  [
    '\\b(i|we) (wanted|was going|were going|meant|intended|planned|was planning|were planning|had planned|was tempted|were tempted) to( (ask|tell|request)( (you|u))?( to)?)?\\s*$',
    '\\b(i|we) (was|were) ((just )?about|close|this close|so close|one click away|a click away|seconds away|one step away)( from| to)?\\s*$',
    '\\b(j allais|je voulais|j ai failli|nous allions|on allait|nous voulions|je comptais)( (me|nous|vous|m))?\\s*$',
    '\\b(ich wollte|wir wollten|ich war kurz davor|wir waren kurz davor)( (mich|uns))?( (schon|eigentlich|gerade))*\\s*$',
    '\\b(iba a|ibamos a|queria|estuve a punto de|estaba a punto de|estaba por)( (darme|darnos|me|nos))?\\s*$',
    '\\b(stavo per|volevo|stavamo per|ero sul punto di|ho quasi)( (mi|ci))?\\s*$',
    '\\b(eu ia|a gente ia|ia|queria|estava quase|estava prestes a)( (me|nos))?\\s*$',
    '\\b(ik wilde|ik ging|ik stond op het punt|we wilden|we stonden op het punt)( (me|mij|ons))?( (al|net))?\\s*$',
  ].join('|'),
);
const TURNED_FROM =
  /^[^.!?\n]{0,80}\b(but|however|then|until|mais|puis|aber|dann|doch|pero|luego|ma|poi|mas|depois|maar|toen)\b|^[^\n]{0,80}?[.!]\s*(but|however|then|mais|aber|pero|ma|mas|maar)\b/;

/**
 * A plan or tier given up for another ("darme de baja del plan Pro y pasar al Básico", "cancelar a assinatura do plano
 * antigo e migrar para o novo", "berhenti berlangganan paket bulanan dan pindah ke paket tahunan", "cancel my monthly
 * subscription and switch to annual"): a change of plan, not a request to stop contact. Read from the phrase (which
 * may name the plan itself) to the end of its sentence: a plan named, then a move to another one.
 */
const PLAN_CHANGE =
  /^[^.!?\n]{0,60}?\b(plan|plano|piano|paket|paketi|tarif|tarifa|tariffa|tarief|tier|licen[cs]e|licencia|licenca|licenza|abo|abonnement|abbonamento|assinatura|suscripcion|subscription|pakiet)\b[^.!?\n]{0,40}(\b(switch|switching|move|moving|upgrade|upgrading|downgrade|downgrading|change|changing|migrate|migrating) (over )?to|\b(pasar|pasarme|cambiar|cambiarme|migrar|mudar|passar|trocar|passare|cambiare) (a|al|para|pra|para o|para a|ad)|\b(passer|basculer) (a|au|sur|vers)|\bchanger pour|\b(auf|zu|in) [^.!?\n]{0,30}\b(wechseln|umsteigen|umstellen)|\b(wechseln|umsteigen) (auf|zu|in)|\b(overstappen|overgaan) (naar|op)|\b(przejsc|zmienic|przejde) na|\b[a-z]+(a|e|ya|ye) (gecmek|gecebilir|gecmek istiyorum|gecelim|gecmeyi)|\b(pindah|beralih|ganti) ke)\b|^[^.!?\n]{0,60}?(?<![а-я])(тариф[а-я]*|подписк[а-я]*)[^.!?\n]{0,40}(перейти|сменить|поменять)(?![а-я])/;

/** What the plan changes to, or from: a tier, a period or another plan ("al Básico", "para a anual", "ke paket tahunan"). */
const PLAN_TIER =
  /\b(annual|yearly|monthly|anual|mensal|mensual|annuel|mensuel|jahres\w*|monats\w*|annuale|mensile|jaar\w*|maand\w*|roczn\w*|miesieczn\w*|yillik|aylik|tahunan|bulanan|basic|basico|base|pro|premium|starter|business|enterprise|team|free|gratuit\w*|gratis|plan|plana|plano|piano|pakiet|paket\w*|tarif\w*|formule|formula|abo\w*|novo|nuevo|nouveau|nouvelle|neue\w*|nuovo|nieuwe|new|cheaper|smaller|bigger|lower|higher)\b|(?<![а-я])(годов[а-я]*|месячн[а-я]*|расширенн[а-я]*|базов[а-я]*|нов[а-я]*|тариф[а-я]*)(?![а-я])/;

/** The messages stopped go to other people ("… reminders going to our patients"). */
const OTHER_RECIPIENTS =
  /^[^.!?;\n]{0,50}\b(to|for|going to|sent to|reaching) (our|my|their|his|her|all (of )?our|the) (customers|clients|patients|users|students|members|team|staff|employees|guests|tenants|subscribers|leads|parents|residents|buyers|prospects)\b|^[^.!?;\n]{0,50}\b(a (nuestros|mis|sus)|a nos|aux|an (unsere|meine)|aos (nossos|meus)|ai (nostri|miei)|naar (onze|mijn)) (clientes|pacientes|usuarios|clients|patients|utilisateurs|kunden|patienten|nutzer|utenti|clienti|pazienti|klanten|patienten|gebruikers)\b/;

/** Only some hours or days are meant ("… before 9am", "after 6pm", "on weekends", "antes de las 9"). */
const HOURS_ONLY =
  /^[^.!?;,\n]{0,50}?\b((before|after|until|till|between) (\d|noon|midday|lunch|work|office|business|the weekend)|(outside|outwith) (of )?(business|office|working|work) hours|(on|at|during) (the )?(weekends?|nights?|sundays|saturdays)|in the (evenings?|mornings?)|antes de las \d|despues de las \d|antes das \d|depois das \d|avant \d|apres \d|vor \d|nach \d|prima delle \d|dopo le \d|voor \d|na \d)/;

/**
 * What asks for more than a pause: a removal (from a list, a database, a number or address deleted), a complaint
 * or "never again". A promise to come back does not soften these.
 */
const MORE_THAN_A_PAUSE =
  /\b(remove|removed|removing|delete|deleted|unsubscribe|unsubscribed|take (me|us) off|off (your|the|this|that|my) [a-z ]{0,15}list|lists?|database|opt (me |us )?out|erase|scrub|retir\w*|supprim\w*|desinscri\w*|desabonn\w*|effac\w*|cancell\w*|togli\w*|rimuov\w*|elimin\w*|borr\w*|quit[ae]\w*|sac(a|ar|ad)\w*|saqu\w*|baja|remov\w*|apag\w*|exclu\w*|descadastr\w*|tir(a|e|em|ar)|losch\w*|entfern\w*|austrag\w*|abmeld\w*|streich\w*|verwijder\w*|haal|uitschrijv\w*|afmeld\w*|schrap\w*|numbers?|numeros?|nummers?|gegevens|daten|donnees|datos|dados|dati|coordonnees|address|adresse|block\w*|spam\w*|report\w*|denunc\w*|signal\w*|ever|never|jamais|nie|nunca|nooit|mai piu)\b/;

/**
 * The writer will come back themselves ("ne me relancez pas, je reviendrai vers vous", "no need to chase, I'll be in
 * touch once legal signs off", "ich melde mich nach Ostern, bitte nicht nachhaken"): a promise near the phrase, in
 * a sentence that does not make it depend on a need ("I'll reach out if we ever need you" closes the door).
 */
function writerComesBack(text: string, index: number, length: number): boolean {
  const from = Math.max(0, index - 200);
  const near = text.slice(from, index + length + 200);
  for (const m of near.matchAll(new RegExp(WRITER_COMES_BACK.source, 'g'))) {
    const at = from + (m.index ?? 0);
    let start = at;
    while (start > 0 && !/[.!?\n]/.test(text[start - 1])) start--;
    let end = at + m[0].length;
    while (end < text.length && !/[.!?\n]/.test(text[end])) end++;
    if (!ONLY_IF_NEEDED.test(text.slice(start, end))) return true;
  }
  return false;
}

/**
 * Only for a while ("… until January", "till after the holidays", "for now", "hasta marzo", "bis nach Ostern", "tot na
 * de jaarwisseling"); group 1 holds the words before the limit (see limitedToAWhile).
 */
const FOR_A_WHILE = new RegExp(
  `^([^.!?;\\n]{0,40}?)\\b((until|till|til|untill|hasta|jusqu a|jusqu en|bis|fino a|tot|ate) ${LATER_TIME}|for (now|a while|a bit|a few (weeks|months)|the (moment|time being))|(this|next) (week|month|quarter)|por ahora|de momento|pour l instant|pour le moment|vorerst|im moment|por enquanto|per ora|per il momento|voorlopig)\\b`,
);

/**
 * Only this week, month or year, right beside the phrase ("pas la peine de me relancer cette semaine", "no me
 * escriban más este año"); not "arrêtez les SMS, c'est la troisième fois cette semaine".
 */
const THIS_PERIOD =
  '(this|este|esta|cette|ce|questo|questa|quest|diese|dieses|diesen|deze|dit) (year|ano|annee|anno|jahr|jaar|week|semana|semaine|settimana|woche|month|mes|mois|mese|monat|maand)';
const THIS_PERIOD_ENDS_PHRASE = new RegExp(`\\b${THIS_PERIOD}$`);
const THIS_PERIOD_FOLLOWS = new RegExp(`^\\s*${THIS_PERIOD}\\b`);

/** One event, in the seven languages (singular: "webinars" or "events" are a kind of mailing, not one occasion). */
const ONE_EVENT =
  '(webinar|webinaire|demo|event|evento|evenement|veranstaltung|evenement|session|sessao|sesion|sessione|sessie|workshop|atelier|taller|seminar|seminario|seminaire|conference|konferenz|conferencia|convegno|meetup|dinner|breakfast|lunch|roundtable|palestra|charla|live|masterclass)';
/**
 * The list left (read from the opt-out phrase on) is one event's invitations ("… off the invite list for Thursday's webinar", "… da lista de convidados
 * do webinar de quinta", "… von der Einladungsliste für das Webinar am Donnerstag", "गुरुवार के वेबिनार की इनवाइट
 * लिस्ट से …"): the writer skips that occasion, not the contact. A list of one's own ("your webinar invite list")
 * or more lists named after it ("… and every other list") stay opt-outs.
 */
const ONE_EVENT_LIST = new RegExp(
  `^[^.!?;\\n]{0,45}?\\b((the|this|that) (${WEEKDAYS}s? |[a-z]+s |next |upcoming )?([a-z]+ )?${ONE_EVENT} )?(invite|invitation|invitations|guest|attendee|attendees|registration|reminder) list (for|of) (the |this |that |next |tomorrows |${WEEKDAYS}s? |[a-z]+s )${ONE_EVENT}\\b|` +
    `^[^.!?;\\n]{0,45}?\\b(the|this|that) (${WEEKDAYS}s? |[a-z]+s |next |upcoming )?([a-z]+ )?${ONE_EVENT} (invite|invitation|guest|attendee|registration|reminder) list\\b|` +
    `^[^.!?;\\n]{0,35}?\\b(de la |en la |da |na |de |de la |sur la |von der |aus der |dalla |dall |van de |uit de )?(lista de (invitados|asistentes|inscritos|participantes|convidados|convites|inscritos)|invitacion|convite|liste des (invites|participants|inscrits)|invitation|(einladungsliste|gasteliste|teilnehmerliste|einladung)|lista (degli|dei) (invitati|partecipanti|iscritti)|invito|(uitnodigingslijst|gastenlijst|deelnemerslijst|uitnodiging)) (del |de la |de l |de |do |da |para o |para a |para el |para la |du |pour le |pour la |pour l |fur das |fur die |fur den |zum |zur |al |alla |della |per il |per la |voor het |voor de |van het |van de )${ONE_EVENT}\\b`,
);
/** The same, named before the phrase in Hindi (Devanagari): "[गुरुवार के] वेबिनार की इनवाइट [लिस्ट से मुझे हटा दीजिए]". */
const ONE_EVENT_LIST_BEFORE =
  /(वेबिनार|इवेंट|सेशन|कार्यक्रम|वर्कशॉप|सेमिनार)( की| के| का)? (इनवाइट|निमंत्रण|इनविटेशन|गेस्ट|रिमाइंडर) $/;
/** More than the one event's list is asked for: "… and every other list", "… y de todas sus listas". */
const EVERY_LIST =
  /\b(and|y|e|et|und|en|or|o|ou|oder|of)\b[^.!?\n]{0,30}\b(all|every|any|other|todas|todos|toutes|tous|alle|allen|tutte|tutti|qualquer|cualquier|andere|altre|outras|otras|autres)\b/;

/** Messages sent by a machine: "the automated follow-ups", "auto-emails", "the drip sequence", "correos automáticos". */
const AUTOMATED =
  /\b(automated|automatic|automatically|auto|drip|bot|bots|robot|robots|canned|templated|automaticos|automaticas|automatiques|automatisch\w*|automatici|automatiche|geautomatiseerde|automatische)\b|(ऑटोमैटिक|ऑटोमेटेड|स्वचालित)/;
/**
 * A person asked for in the same reply: "have a real person email me", "just have your rep call me", "get a real
 * human to send me a proposal", "que me escriba una persona de verdad", "peçam para um vendedor me ligar",
 * "demandez à un vrai commercial de m'appeler", "lassen Sie mich von einem echten Ansprechpartner anrufen",
 * "किसी असली इंसान से ... भिजवाओ".
 */
const PERSON_ASKED =
  /\b(real|actual|live|human) (person|human|people|rep|salesperson|sales rep|account manager|someone|being)\b|\b(have|get|ask|let) (a|an|your|some|one of your) ([a-z]+ ){0,2}(rep|person|human|salesperson|account manager|colleague|someone|sales rep|team member)s? (to )?(call|email|e ?mail|ring|phone|contact|text|write to|reach out to|send)\b|\b(persona (de verdad|real|humana)|un (asesor|vendedor|comercial|agente)|pessoa (de verdade|real)|um (vendedor|consultor|atendente)|(vrai|vraie) (commercial|personne|humain|conseiller)|un (commercial|humain|conseiller)|(echten|echter|einem echten|einen echten) (ansprechpartner|menschen|mensch|mitarbeiter|berater)|persona (vera|reale)|(echte|een echt) (persoon|mens|medewerker))\b|(असली इंसान|सेल्स वाले|किसी इंसान|सेल्स टीम)/;

type Channel = 'call' | 'text' | 'email' | 'whatsapp' | 'linkedin' | 'post';
/** The channel words, English first, then es/pt/fr/de/it/nl, pl/tr/id/hi (Latin), Russian, Arabic and Hindi (Devanagari). */
const CHANNEL_WORDS: Array<[Channel, RegExp]> = [
  [
    'call',
    /\b(call|calls|calling|phone|phoning|ring|ringing|voicemails?|llamadas?|llamar|llamen|llames|ligacoes|ligacao|ligar|liguem|appels?|appeler|appelez|anrufe?|anrufen|telefonate|chiamate|chiamare|chiamatemi|telefonata|telefonare|bellen|belt|bel (me|mij)|telefoontjes?|dzwon\w*|telefon\w*|aramayin|arama|aramalar\w*|telepon|telpon|tlp)\b|(?<![а-я])звон[а-я]*|(تتصل|اتصال|هاتف)|(?<![\u0900-\u097f])(कॉल|काल|फोन)(?![\u0900-\u097f])/,
  ],
  ['text', /\b(text|texts|texting|sms|sms es|sms y|sms ow|sms jes|smsjes|smsy|smsow)\b/],
  [
    'email',
    /\b(e ?mails?|emails|e ?mailing|emailing|mail|mailen|mailowo|correos?|courriels?|e ?posta|posta)\b|(?<![а-я])(почт[а-я]*|письм[а-я]*)|بريد|(?<![\u0900-\u097f])(ईमेल|इमेल|मेल)(?![\u0900-\u097f])/,
  ],
  ['whatsapp', /\b(whatsapps?|wa)\b|واتساب|(?<![\u0900-\u097f])(व्हाट्सऐप|व्हाट्सएप)(?![\u0900-\u097f])/],
  ['linkedin', /\blinkedin\b/],
  [
    'post',
    /\b(by post|in the post|postal|letters|leaflets|brochures|catalogues?|catalogs?|per post|per brief|per briefpost|auf dem postweg|postalisch|par la poste|par voie postale|par courrier postal|por correo postal|por carta|per posta ordinaria|per lettera|pelo correio|por correio)\b/,
  ],
];
/**
 * Another channel named as the one to use ("email works better", "email is the best way to reach me", "escríbanme al
 * correo", "email me instead", "whatsapp only", "par mail c'est très bien", "per E-Mail passt es", "mailen is prima",
 * "mailowo jak najbardziej", "e-posta olur", "lewat email boleh", "email pe bhej do", "на почту пишите", "البريد
 * الإلكتروني مناسب", "व्हाट्सऐप पर ही भेज दीजिए"). A grudging "email only if you must" prefers nothing.
 */
const CHANNEL_ENDORSED =
  /\b(mejor|prefiero|preferimos|solo|solamente|melhor|prefiro|preferimos|apenas|plutot|uniquement|seulement|lieber|nur|meglio|preferisco|preferiamo|solo|liever|alleen|wel)( (por|via|per|par|pelo|pela|al|na))? (correo|e ?mail|email|mail|whatsapp|sms)\b|\b(por|via|per|par|pelo) (correo( electronico)?|e ?mail|email|mail|whatsapp)( (c est|ca|est|esta|e|ist|es|is|va|passt|geht|vale|pode|fica))?( (es|sie|het))?( (tres|muy|super|sehr|benissimo|heel|ook|aber|tudo|prima|ja|si))?( (bien|bom|bem|ok|okay|gut|gerne|perfecto|perfeito|parfait|prima|bene|benissimo|prima|goed|fine|in ordnung|passt)|( es)? aber gut|( es)? gut)\b|\b(mailen|e ?mailen|mail|een mail|e ?mail) (is|mag|kan) (prima|goed|ok|wel|altijd)\b|\b(mailowo|przez (e ?)?mail|na (e ?)?mail(a)?|e ?mailem|mailem)( (jak najbardziej|ok|moze byc))\b|\b(e ?posta|mail|email)( ile| yoluyla)? (olur|uygun|tamam|yazabilirsiniz)\b|\b(lewat|via|melalui|ke) (e ?mail|email|wa|whatsapp) (boleh|aja|saja|ok|silakan|bisa)\b|\b(e ?mail|email|mail|whatsapp) (pe|par) [^.!?\n]{0,25}\b(?<!\b(mat|na|nahi) )(bhej|bhejo|bhej do|bhejiye|kar do|likho|theek|chalega)\b|\b(e ?mail|email) (theek hai|chalega|better hai|pe theek)\b|(?<![а-я])(на почту|по почте|почтой|на email|в мессенджер)( (?!не(?![а-я]))[а-я]+)? (пишите|можно|удобно|пожалуиста|присылаите|пришлите|нормально)(?![а-я])|(البريد|الايميل|الواتساب)( الالكتروني)? (مناسب|افضل|لا باس|ممكن)|\b(e ?mail|email|emails|text|texts|sms|whatsapp|linkedin|calls?|a call|phone)( is| are| works| work)( much| way| a lot| far)?( the)? (better|best|fine|ok|easier|preferred)\b|\b(escribanme|escribame|escribeme|ecrivez moi|ecrivez nous|ecris moi|schreiben sie mir|schreib mir|scrivetemi|scrivimi|mi scriva|me escrevam|me escreva|escrevam me|escreva me|schrijf me|schrijf mij)( (al|a|por|par|per|via|pelo|pela|naar|op|an|auf|en))?( (mi|mon|ma|meu|minha|mio|mia|mein|meine|meinen|mijn))? (correo|e ?mail|email|mail|courriel|whatsapp)\b|\b(e ?mail|email|text|whatsapp|call|message|ring|ping) (me|us|her|him|them|it|that|this|my [a-z]+|our [a-z]+)( directly)? instead\b|\b(i|we) (would |much |really )?prefer (e ?mail|email|emails|calls?|a call|phone calls?|the phone|texts?|whatsapp|linkedin)\b|\b(can|could|would) (you|u) (please |just )?(e ?mail|email|call|ring|phone|whatsapp) (me|us)\b|\b(i|we) (would|will|can|could) (happily |gladly )?(take|do|be happy with|be open to|jump on|hop on) (a|one|the)( [a-z0-9]+){0,3} (call|phone call)\b|\b(e ?mail|email|text|whatsapp|linkedin|phone) only\b(?! if\b)|\bonly (by |via |over |on )?(e ?mail|email|text|whatsapp|linkedin|phone)\b|\b(por|pelo|par|per|via) (correo|e ?mail|mail|whatsapp) (si|sim|oui|ja|si que)\b|\b(mandame|mandeme|mandenme|mandame|enviame|envieme|envienme|me manda|me mande|me mandem|me envia|me envie|me enviem|envoyez moi|envoyez nous|schicken sie mir|senden sie mir|mandatemi|inviatemi|stuur me|stuurt u mij)\b[^.!?\n]{0,40}\b(por|pelo|par|per|via) (correo|e ?mail|mail|whatsapp)\b|(?<![\u0900-\u097f])(ईमेल|इमेल|मेल|व्हाट्सऐप|व्हाट्सएप) (पर|पे|से)( ही)? [^.!?\n]{0,30}(?<!(?<![\u0900-\u097f])(मत|न|ना) )(भेज|लिख|ठीक|चलेगा|बात कर)/g;

function channelOf(words: string): Channel | null {
  return CHANNEL_WORDS.find(([, re]) => re.test(words))?.[0] ?? null;
}

/** The channels the reply names as the ones to use instead. */
function endorsedChannels(text: string): Set<Channel> {
  const out = new Set<Channel>();
  for (const m of [...text.matchAll(CHANNEL_ENDORSED), ...text.matchAll(CHANNEL_FOR_NEXT_STEPS)]) {
    const channel = channelOf(m[0]);
    if (channel) out.add(channel);
  }
  return out;
}

/**
 * Why the opt-out phrase at `index` (of `length` characters) in the normalised `text` is not the writer's request,
 * or null when it is one. `whole` is the same text before the guards blanked anything (an away notice is read there).
 */
export function notTheWritersOptOut(
  text: string,
  index: number,
  length: number,
  whole: string = text,
): string | null {
  let start = index;
  while (start > 0 && !CLAUSE_END.test(text[start - 1])) start--;
  let end = index + length;
  while (end < text.length && !CLAUSE_END.test(text[end])) end++;
  const before = text.slice(start, index);
  const phrase = text.slice(index, index + length);
  const after = text.slice(index + length, end);
  if (REPORTED.test(before) || REPORTED_OTHER_LANGUAGES.test(before)) return 'somebody else asked for it';
  if (DENIED_ASKING.test(before) && !CONTACT_NOT_ASKED_FOR.test(phrase))
    return 'the writer denies asking for it';
  const later = text.slice(index + length);
  const conceded = CONCEDED_EARLIER.test(before) || (CONCEDED.test(before) && REPORTS_EARLIER.test(phrase));
  if (conceded && RECALL_TURN.test(later) && !STILL_SENT.test(later))
    return 'an earlier opt-out conceded and turned from';
  if (
    OTHERS_REPORT_OR_ACTION.test(before) ||
    OTHER_PEOPLE_BEFORE.test(before) ||
    (WHO_DID_IT.test(before) && DONE.test(phrase))
  )
    return 'somebody else said or did it';
  if (THING_OF_OPT_OUTS.test(before) || LINK_PUT_IN.test(before)) return 'opt-outs named as a thing';
  if (ASKED_INDIRECTLY.test(whole.slice(start, index))) return 'an indirect question';
  if (OTHER_PEOPLE_AFTER.test(after) && asksAQuestion(text, start, index + length))
    return 'other people asked about';
  const elsewhere = aimedElsewhere(text, index, length, before, after, whole);
  if (elsewhere) return elsewhere;
  if (SUBORDINATE.test(before) || SOMEONE_ELSES_WISH.test(before) || readersWish(before, phrase))
    return 'a subordinate clause';
  if (AS_A_MOMENT.test(before) && OPT_OUT_NOUN.test(phrase)) return 'the opt-out named as a moment';
  if (
    (OLD_ADDRESS.test(after) || OLD_ADDRESS_OTHER_LANGUAGES.test(`${before}${phrase}${after}`)) &&
    NEW_ADDRESS.test(whole)
  )
    return 'an old address replaced';
  if (LANDLINE.test(`${phrase}${after}`) && MOBILE_INSTEAD.test(whole))
    return 'the landline refused for the mobile';
  if (
    (CONDITION_ASKED_ABOUT.test(before) || LATER_WISH_ASKED_ABOUT.test(before)) &&
    asksAQuestion(text, sentenceStart(text, index), index + length)
  )
    return 'a condition asked about';
  if (INVERTED_RECEIVING.test(before) && asksAQuestion(text, start, index + length))
    return 'a consequence asked about';
  if (ONLY_FORESEEN.test(after) && asksAQuestion(text, start, index + length))
    return 'only foreseen, asked how';
  if (askedAboutNotRequested(whole, index, length)) return 'a question about a possibility';
  const rest = text.slice(index + length, index + length + 160);
  const around = text.slice(index, index + length + 100);
  if (
    isAwayNotice(whole) &&
    (ANSWERS_ON_RETURN.test(withoutRefusalsAfterReturn(rest)) || WRITE_ELSEWHERE.test(around))
  )
    return 'an away notice pointing to the return or another address';
  if (isAwayNotice(whole) && aboutTheNoticeItself(text.slice(start, end)))
    return "about the away notice's own messages";
  if (isAwayNotice(whole) && mobileRefusedWhileAway(text.slice(start, end), whole))
    return 'the mobile refused while away';
  if (PAST_INTENT.test(before) && TURNED_FROM.test(text.slice(index + length)))
    return 'an intention given up';
  if (OTHER_RECIPIENTS.test(after)) return 'messages to other people';
  const planChange = PLAN_CHANGE.exec(text.slice(index));
  if (planChange && PLAN_TIER.test(text.slice(index + length, index + planChange[0].length + 30)))
    return 'a change of plan';
  if (
    (ONE_EVENT_LIST.test(`${phrase}${after}`) || ONE_EVENT_LIST_BEFORE.test(before)) &&
    !EVERY_LIST.test(text.slice(index + length))
  )
    return 'one event only';
  if (ONE_INVITE.test(after) && !EVERY_LIST.test(text.slice(index + length))) return 'one invitation only';
  if (AUTOMATED.test(`${phrase}${after.slice(0, 30)}`) && PERSON_ASKED.test(whole))
    return 'only the automated messages, a person asked for';
  if (HOURS_ONLY.test(after)) return 'some hours only';
  const removal = MORE_THAN_A_PAUSE.test(phrase);
  if (
    limitedToAWhile(FOR_A_WHILE.exec(after), before, after, removal) ||
    THIS_PERIOD_ENDS_PHRASE.test(phrase) ||
    THIS_PERIOD_FOLLOWS.test(after)
  )
    return 'for a while only';
  if (!MORE_THAN_A_PAUSE.test(`${phrase}${after}`) && writerComesBack(text, index, length))
    return 'the writer will come back';
  const refused = channelOf(phrase) ?? channelOf(after.slice(0, 24).split(/[,;]/)[0]);
  const endorsed = endorsedChannels(whole);
  if (refused && endorsed.size > 0 && !endorsed.has(refused)) return 'another channel preferred';
  if (refused === 'call' && WRITTEN_NEXT_STEP.test(whole)) return 'the papers asked for in writing';
  return null;
}

/**
 * How something works, or what anyone can do ("Come funziona la disiscrizione dei contatti?", "Kann man sich vom
 * Newsletter abmelden, aber …?", "Can one opt out per channel?", "Does it handle STOP and UNSUBSCRIBE?", "Do you
 * automatically remove …?"): the opt-out is the topic, nobody asks for it.
 */
const MECHANISM_ASKED =
  /\b(how (does|do|would|will|can) (it|this|that|the|your|an?|one|opting out|unsubscribing)\b|(does|do|will|would) (it|your (tool|platform|system|app|product|software|service|crm))\b(?! be (possible|ok|okay|alright|fine)\b)|(does|will|would|is) (replying|texting|sending|clicking|answering|unsubscribing|opting out)\b|do you (automatically|auto|also automatically)\b|(is|would|will) it (be )?(easy|simple|straightforward|quick) to\b|(can|could|may|do|does|will|would) one\b|(kann|konnen|darf|muss) man\b|wie (funktioniert|lauft|geht)\b|peut on\b|est ce qu on peut\b|comment (fonctionne|marche|se passe)\b|se puede\b|como (funciona|se hace)\b|(da para|e possivel|si puo|e possibile)\b|come (funziona|si fa)\b|kan men\b|is het mogelijk\b|hoe (werkt|gaat)\b)/;
/** The writer asking what they may do ("Can I …", "Do we …", "Puis-je …", "Kan ik …"), not asking the reader. */
const ABILITY_ASKED =
  /\b((can|could|may|might|do|does|did|will|would|should|shall) (i|we)\b(?! (please |just )?(be|get)\b)|(kann|konnen|darf|durfen|muss|mussen) (ich|wir)\b|(puis je|pouvons nous|est ce que je peux)\b|(puedo|podemos)\b|(posso|possiamo)\b|(kan ik|kunnen we|kunnen wij)\b)/;
/** What narrows an opt-out asked about to part of something ("… for some leads and keep it for others?", "…, aber …?"). */
const NARROWED =
  /\b(but|and|or|while|without|except|only|just|before|after|antes|despues|depois|avant|apres|nachdem|dopo|prima|voordat|nadat|for (some|certain|specific|particular|individual|a few|one)|per|aber|und|oder|nur|ohne|mais|et|ou|sans|seulement|pero|y|sin|solo|mas|sem|apenas|ma|senza|maar|en|zonder|alleen)\b/;
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
 * Whether the opt-out phrase at `index` sits in a question about a possibility or a mechanism rather than in a
 * request: the sentence is a question (see asksAQuestion) and asks how something works or what anyone can do, asks
 * what the reader does after the writer's condition, or asks what the writer may do while narrowing it ("Can I stop
 * the sequence for some leads and keep it for others?") or after a condition ("if we stop after the pilot, do we lose
 * our data?"). "Can I unsubscribe?", "How do I stop these emails?" and "Can you take me off?" stay requests.
 */
function askedAboutNotRequested(text: string, index: number, length: number): boolean {
  const end = index + length;
  const start = sentenceStart(text, index);
  if (!asksAQuestion(text, start, end)) return false;
  const upToPhrase = text.slice(start, end);
  const rest = text.slice(end, end + text.slice(end).search(/[?]|$/));
  if (MECHANISM_ASKED.test(upToPhrase)) return true;
  if (READER_ASKED_WHAT_FOLLOWS.test(upToPhrase)) return true;
  const asked = ABILITY_ASKED.exec(upToPhrase);
  if (!asked || ADDRESSEE.test(upToPhrase.slice(asked.index))) return false;
  return NARROWED.test(rest) || CONDITION.test(upToPhrase.slice(0, asked.index));
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
function asksAQuestion(text: string, start: number, from: number): boolean {
  const m = /[.!?\n]/.exec(text.slice(from));
  if (m)
    return (
      m[0] === '?' ||
      (m[0] === '\n' && !text.slice(from + m.index).trim() && UNMARKED_QUESTION.test(text.slice(start)))
    );
  return UNMARKED_QUESTION.test(text.slice(start));
}

/** Where the sentence holding `index` starts. */
function sentenceStart(text: string, index: number): number {
  let start = index;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1])) start--;
  return start;
}
