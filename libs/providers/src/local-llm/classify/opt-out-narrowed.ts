import { SERVED_PEOPLE } from './served-people';
import { WEEKDAYS } from './signals/signal';

/**
 * An opt-out narrowed to part of the messages (see opt-out-scope): those going to other people, one plan given up for
 * another, one event's list or one invitation, the automated ones while a person is asked for, or some hours only.
 * Normalised text.
 */

/** The messages stopped go to other people ("… reminders going to our patients"). */
export const OTHER_RECIPIENTS = new RegExp(
  `^[^.!?;\\n]{0,50}\\b(to|for|going to|sent to|reaching) (our|my|their|his|her|all (of )?our|the) (${SERVED_PEOPLE}|team|staff|employees|leads|parents|residents|buyers|prospects)\\b|^[^.!?;\\n]{0,50}\\b(a (nuestros|mis|sus)|a nos|aux|an (unsere|meine)|aos (nossos|meus)|ai (nostri|miei)|naar (onze|mijn)) ${SERVED_PEOPLE}\\b`,
);

/** Only some hours or days are meant ("… before 9am", "after 6pm", "on weekends", "antes de las 9"). */
export const HOURS_ONLY =
  /^[^.!?;,\n]{0,50}?\b((before|after|until|till|between) (\d|noon|midday|lunch|work|office|business|the weekend)|(outside|outwith) (of )?(business|office|working|work) hours|(on|at|during) (the )?(weekends?|nights?|sundays|saturdays)|in the (evenings?|mornings?)|antes de las \d|despues de las \d|antes das \d|depois das \d|avant \d|apres \d|vor \d|nach \d|prima delle \d|dopo le \d|voor \d|na \d)/;

/**
 * A plan or tier given up for another ("darme de baja del plan Pro y pasar al Básico", "cancelar a assinatura do plano
 * antigo e migrar para o novo", "berhenti berlangganan paket bulanan dan pindah ke paket tahunan", "cancel my monthly
 * subscription and switch to annual"): a change of plan, not a request to stop contact. Read from the phrase (which
 * may name the plan itself) to the end of its sentence: a plan named, then a move to another one.
 */
export const PLAN_CHANGE =
  /^[^.!?\n]{0,60}?\b(plan|plano|piano|paket|paketi|tarif|tarifa|tariffa|tarief|tier|licen[cs]e|licencia|licenca|licenza|abo|abonnement|abbonamento|assinatura|suscripcion|subscription|pakiet)\b[^.!?\n]{0,40}(\b(switch|switching|move|moving|upgrade|upgrading|downgrade|downgrading|change|changing|migrate|migrating) (over )?to|\b(pasar|pasarme|cambiar|cambiarme|migrar|mudar|passar|trocar|passare|cambiare) (a|al|para|pra|para o|para a|ad)|\b(passer|basculer) (a|au|sur|vers)|\bchanger pour|\b(auf|zu|in) [^.!?\n]{0,30}\b(wechseln|umsteigen|umstellen)|\b(wechseln|umsteigen) (auf|zu|in)|\b(overstappen|overgaan) (naar|op)|\b(przejsc|zmienic|przejde) na|\b[a-z]+(a|e|ya|ye) (gecmek|gecebilir|gecmek istiyorum|gecelim|gecmeyi)|\b(pindah|beralih|ganti) ke)\b|^[^.!?\n]{0,60}?(?<![а-я])(тариф[а-я]*|подписк[а-я]*)[^.!?\n]{0,40}(перейти|сменить|поменять)(?![а-я])/;

/** What the plan changes to, or from: a tier, a period or another plan ("al Básico", "para a anual", "ke paket tahunan"). */
export const PLAN_TIER =
  /\b(annual|yearly|monthly|anual|mensal|mensual|annuel|mensuel|jahres\w*|monats\w*|annuale|mensile|jaar\w*|maand\w*|roczn\w*|miesieczn\w*|yillik|aylik|tahunan|bulanan|basic|basico|base|pro|premium|starter|business|enterprise|team|free|gratuit\w*|gratis|plan|plana|plano|piano|pakiet|paket\w*|tarif\w*|formule|formula|abo\w*|novo|nuevo|nouveau|nouvelle|neue\w*|nuovo|nieuwe|new|cheaper|smaller|bigger|lower|higher)\b|(?<![а-я])(годов[а-я]*|месячн[а-я]*|расширенн[а-я]*|базов[а-я]*|нов[а-я]*|тариф[а-я]*)(?![а-я])/;

/** A single invitation left ("drop me off the Tuesday invite", "take me off tomorrow's calendar invite"): one meeting. */
export const ONE_INVITE = new RegExp(
  `^[^.!?;\\n]{0,20}?\\b(the|this|that|tomorrows|todays) (${WEEKDAYS}s? |next |upcoming |[0-9]{1,2} ?(am|pm) |[a-z]+s )?(calendar |meeting |zoom |teams |google meet )?(invite|invitation|meeting invite)\\b(?! (list|lists|emails?|mailings?)\\b)`,
);

/** One event, in the seven languages (singular: "webinars" or "events" are a kind of mailing, not one occasion). */
const ONE_EVENT =
  '(webinar|webinaire|demo|event|evento|evenement|veranstaltung|evenement|session|sessao|sesion|sessione|sessie|workshop|atelier|taller|seminar|seminario|seminaire|conference|konferenz|conferencia|convegno|meetup|dinner|breakfast|lunch|roundtable|palestra|charla|live|masterclass)';
/**
 * The list left (read from the opt-out phrase on) is one event's invitations ("… off the invite list for Thursday's webinar", "… da lista de convidados
 * do webinar de quinta", "… von der Einladungsliste für das Webinar am Donnerstag", "गुरुवार के वेबिनार की इनवाइट
 * लिस्ट से …"): the writer skips that occasion, not the contact. A list of one's own ("your webinar invite list")
 * or more lists named after it ("… and every other list") stay opt-outs.
 */
export const ONE_EVENT_LIST = new RegExp(
  `^[^.!?;\\n]{0,45}?\\b((the|this|that) (${WEEKDAYS}s? |[a-z]+s |next |upcoming )?([a-z]+ )?${ONE_EVENT} )?(invite|invitation|invitations|guest|attendee|attendees|registration|reminder) list (for|of) (the |this |that |next |tomorrows |${WEEKDAYS}s? |[a-z]+s )${ONE_EVENT}\\b|` +
    `^[^.!?;\\n]{0,45}?\\b(the|this|that) (${WEEKDAYS}s? |[a-z]+s |next |upcoming )?([a-z]+ )?${ONE_EVENT} (invite|invitation|guest|attendee|registration|reminder) list\\b|` +
    `^[^.!?;\\n]{0,35}?\\b(de la |en la |da |na |de |de la |sur la |von der |aus der |dalla |dall |van de |uit de )?(lista de (invitados|asistentes|inscritos|participantes|convidados|convites|inscritos)|invitacion|convite|liste des (invites|participants|inscrits)|invitation|(einladungsliste|gasteliste|teilnehmerliste|einladung)|lista (degli|dei) (invitati|partecipanti|iscritti)|invito|(uitnodigingslijst|gastenlijst|deelnemerslijst|uitnodiging)) (del |de la |de l |de |do |da |para o |para a |para el |para la |du |pour le |pour la |pour l |fur das |fur die |fur den |zum |zur |al |alla |della |per il |per la |voor het |voor de |van het |van de )${ONE_EVENT}\\b`,
);
/** The same, named before the phrase in Hindi (Devanagari): "[गुरुवार के] वेबिनार की इनवाइट [लिस्ट से मुझे हटा दीजिए]". */
export const ONE_EVENT_LIST_BEFORE =
  /(वेबिनार|इवेंट|सेशन|कार्यक्रम|वर्कशॉप|सेमिनार)( की| के| का)? (इनवाइट|निमंत्रण|इनविटेशन|गेस्ट|रिमाइंडर) $/;
/** More than the one event's list is asked for: "… and every other list", "… y de todas sus listas". */
export const EVERY_LIST =
  /\b(and|y|e|et|und|en|or|o|ou|oder|of)\b[^.!?\n]{0,30}\b(all|every|any|other|todas|todos|toutes|tous|alle|allen|tutte|tutti|qualquer|cualquier|andere|altre|outras|otras|autres)\b/;

/** Messages sent by a machine: "the automated follow-ups", "auto-emails", "the drip sequence", "correos automáticos". */
export const AUTOMATED =
  /\b(automated|automatic|automatically|auto|drip|bot|bots|robot|robots|canned|templated|automaticos|automaticas|automatiques|automatisch\w*|automatici|automatiche|geautomatiseerde|automatische)\b|(ऑटोमैटिक|ऑटोमेटेड|स्वचालित)/;
/**
 * A person asked for in the same reply: "have a real person email me", "just have your rep call me", "get a real
 * human to send me a proposal", "que me escriba una persona de verdad", "peçam para um vendedor me ligar",
 * "demandez à un vrai commercial de m'appeler", "lassen Sie mich von einem echten Ansprechpartner anrufen",
 * "किसी असली इंसान से ... भिजवाओ".
 */
export const PERSON_ASKED =
  /\b(real|actual|live|human) (person|human|people|rep|salesperson|sales rep|account manager|someone|being)\b|\b(have|get|ask|let) (a|an|your|some|one of your) ([a-z]+ ){0,2}(rep|person|human|salesperson|account manager|colleague|someone|sales rep|team member)s? (to )?(call|email|e ?mail|ring|phone|contact|text|write to|reach out to|send)\b|\b(persona (de verdad|real|humana)|un (asesor|vendedor|comercial|agente)|pessoa (de verdade|real)|um (vendedor|consultor|atendente)|(vrai|vraie) (commercial|personne|humain|conseiller)|un (commercial|humain|conseiller)|(echten|echter|einem echten|einen echten) (ansprechpartner|menschen|mensch|mitarbeiter|berater)|persona (vera|reale)|(echte|een echt) (persoon|mens|medewerker))\b|(असली इंसान|सेल्स वाले|किसी इंसान|सेल्स टीम)/;
