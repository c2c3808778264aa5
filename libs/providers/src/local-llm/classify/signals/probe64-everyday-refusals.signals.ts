import { s, type Signal } from './signal';

/**
 * Everyday refusals and look-alikes of an ordinary inbox day (probe 64), in the seven core languages:
 * - no budget, said with no later time ("Este año no tenemos presupuesto para esto", "We hebben dit jaar geen budget
 *   voor nieuwe software"): a refusal, where "kein Budget" or "dit jaar geen" alone read as a timing objection; with
 *   a time to come back ("kein Budget, melden Sie sich im Februar"), or "for now" beside it, it stays one;
 * - not relevant, no added value, for us ("Für uns leider nicht relevant", "Wij zien hier geen toegevoegde waarde
 *   in", "non è rilevante per noi");
 * - not now and not later either ("de momento no estamos buscando nada de esto ni lo haremos", "ni maintenant ni
 *   plus tard"): a refusal, not a timing objection;
 * - declining in so many words ("Thank you, but I'll decline") and not switching ("we won't be switching");
 * - not meeting the writer's needs ("non è in linea con le nostre esigenze", "não faz sentido para a nossa empresa",
 *   "non abbiamo bisogno di un software del genere"), not solving a problem they have, "not needed" said alone;
 * - "vertel meer" (nl), interest, as "vertel me meer" already was.
 * Look-alikes kept out:
 * - a scheduling tool named as a product, not a link asked for ("How is this different from Calendly?", "we just
 *   rolled out Calendly"): no meeting;
 * - rescheduling as what the product does for the writer's customers ("Can patients reschedule themselves via
 *   SMS?"): a question about it, not a meeting moved;
 * - a month the writer did something in ("We signed with a competitor in September"): past, not a later time;
 * - the writer's own other address ("Please use my work email … instead"): where to write, not someone else.
 * Patterns read the normalised text (lowercase, no accents, apostrophes as spaces).
 */

/** Month names in full (no "may", "mai", "mar": words of their own), the seven languages, normalised. */
const MONTH_NAMES =
  '(january|february|march|april|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|fevrier|mars|avril|juin|juillet|aout|septembre|octobre|novembre|decembre|januar|februar|marz|april|juni|juli|oktober|dezember|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus)';

/** A time to come back, anywhere in the message: with it, "no budget" is a timing objection. */
const LATER_ANYWHERE = `(?![\\s\\S]*\\b(q[1-4]|next|volgende?|nachste[nmrs]?|kommende[nmrs]?|proxim[oa]s?|prochaine?|prossim[oa]|${MONTH_NAMES}|spring|summer|autumn|fall|winter|fruhjahr|fruhling|sommer|herbst|voorjaar|zomer|najaar|primavera|verano|otono|printemps|ete|automne|verao|outono|estate|autunno|later|spater|mas adelante|plus tard|piu avanti|mais tarde|daarna|kwartaal|quartal|trimestre|quarter|semester|20[2-9]\\d|new year|neuen jahr|nieuwe jaar|ano que vem|ano nuevo|ano novo|l an prochain|anno prossimo|once|when|sobald|wenn|zodra|cuando|quand|quando)\\b)`;

/** A "now" beside it ("aktuell kein Budget", "no budget for now"): a timing objection, not a refusal. */
const NOW_BEFORE =
  '(?<!\\b(aktuell|derzeit|momentan|zurzeit|gerade|im moment|noch|currently|right now|at the moment|yet|momenteel|op dit moment|nu|nog|actuellement|pour l instant|pour le moment|en ce moment|encore|ahora|de momento|por ahora|por el momento|en este momento|actualmente|todavia|aun|al momento|per ora|per il momento|attualmente|ancora|no momento|agora|atualmente|por enquanto|ainda)\\b[^.!?\\n]{0,30})';
const NOW_AFTER =
  '(?![^.!?\\n]{0,30}\\b(for now|right now|at the moment|yet|im moment|aktuell|derzeit|momentan|op dit moment|momenteel|pour l instant|pour le moment|por ahora|de momento|por el momento|per ora|al momento|por enquanto|no momento)\\b)';

/** "in <month>" after a past verb of the writer's in the same clause (German and Dutch: the participle after it). */
const DID_IN_A_MONTH = new RegExp(
  `(?<=\\b(signed|started|bought|purchased|switched|implemented|renewed|launched|rolled out|went live|installed|onboarded|introduced|adopted|migrated|deployed|chose|selected|picked|committed|extended|upgraded|invested|moved)\\b[^.!?\\n;]{0,50})\\b(in|since|back in|last|this past|earlier in|early|late) ${MONTH_NAMES}\\b(?!\\s+20(2[7-9]|[3-9]\\d))` +
    `|(?<=\\b(firmamos|contratamos|empezamos|compramos|cambiamos|implementamos|renovamos|elegimos|lanzamos|assinamos|comecamos|mudamos|escolhemos)\\b[^.!?\\n;]{0,50})\\b(en|em|desde) ${MONTH_NAMES}\\b` +
    `|(?<=\\b(avons|ai) (signe|commence|achete|change|mis en place|renouvele|choisi|lance|deploye)\\b[^.!?\\n;]{0,50})\\b(en|depuis) ${MONTH_NAMES}\\b` +
    `|(?<=\\b(abbiamo|ho) (firmato|iniziato|comprato|cambiato|implementato|rinnovato|scelto|lanciato)\\b[^.!?\\n;]{0,50})\\b(a|in|da) ${MONTH_NAMES}\\b` +
    `|(?<=\\b(haben|habe|hatten)\\b[^.!?\\n;]{0,50})\\b(im|in|seit) ${MONTH_NAMES}\\b(?=[^.!?\\n;]{0,40}\\b(unterschrieben|unterzeichnet|gestartet|begonnen|gekauft|gewechselt|eingefuhrt|verlangert|abgeschlossen|umgestellt|entschieden)\\b)` +
    `|(?<=\\b(hebben|heb)\\b[^.!?\\n;]{0,50})\\b(in|sinds) ${MONTH_NAMES}\\b(?=[^.!?\\n;]{0,40}\\b(getekend|ondertekend|gestart|gekocht|overgestapt|ingevoerd|verlengd|gekozen|afgesloten)\\b)`,
);

export const PROBE64_EVERYDAY_GUARDS: Signal[] = [
  s(
    'not_interested',
    4,
    'not now and not later either',
    /\bni ahora ni (nunca|mas adelante|en el futuro)\b|\b(ahora|de momento|por ahora|en este momento|por el momento|actualmente) no\b[^.!?\n]{0,100}\bni (lo haremos|lo vamos a hacer|lo haremos en el futuro|en el futuro|mas adelante|tampoco en el futuro)\b|\bnot (right )?now,? (and )?(not|nor) (ever|later( either)?|in the future)\b|\bnot (right )?now or (ever|later|in the future)\b|\bni maintenant ni (jamais|plus tard|a l avenir|dans le futur)\b|\bweder (jetzt|heute) noch (spater|in zukunft|kunftig|irgendwann)\b|\bne ora ne (mai|in futuro|piu avanti)\b|\bnem agora nem (nunca|depois|no futuro|mais tarde)\b|\bniet nu en (ook )?niet (later|in de toekomst)\b|\bnu niet en (ook )?nooit\b/,
    'guard',
  ),
  s(
    'not_interested',
    3,
    'no budget, and no later time',
    new RegExp(
      `${NOW_BEFORE}\\b(((we|i) (have|ve got|got)|there is|there s|theres) (no|zero) budget|(wir haben|ich habe|es gibt|haben wir)( dieses jahr| in diesem jahr| dafur)? kein(en)? budget|(?<=(^|[.!?;,:\\n] ?|\\bleider ))kein(en)? budget|(we hebben|wij hebben|ik heb|er is)( dit jaar)? geen budget|dit jaar geen budget|(no tenemos|no hay|no contamos con|sin)( el| ningun)? (presupuesto|partida)|(nao temos|nao ha|nao tem|sem)( nenhum)? (orcamento|verba)|(non abbiamo|non c e|non ce|nessun|senza)( il| alcun)? budget|(nous n avons pas|on n a pas|je n ai pas|il n y a pas|pas) de budget)\\b${NOW_AFTER}${LATER_ANYWHERE}`,
    ),
    'guard',
  ),
  s(
    'question',
    0,
    'names a scheduling tool, not a link',
    /\b(from|than|like|vs|versus|over|instead of|compared (to|with)|compare (it |this |you )?(to|with)|alternative to|rolled out|rolling out|roll out|use|using|used|uses|switched (to|from)|switching (to|from)|moved (to|from)|moving (to|from)|replace|replaced|replacing|cancel|cancelled|canceled|cancelling|canceling|pay for|paying for|subscribe to|integrate with|integrates with|integration with|works with|sync with|syncs with|connect to|connects to|better than|cheaper than)( (the|a|our))? (calendly|savvycal|tidycal|youcanbook( me)?|zcal|cal com|acuity|doodle)\b(?! (com|link|page)\b)/,
    'guard',
  ),
  s(
    'question',
    0,
    'rescheduling as what the product does',
    /\b(can|could|do|will|would|are|may) (the |our |my |your )?(patients|clients|customers|users|guests|members|students|parents|callers|attendees|visitors|people|staff|employees|reps|agents|technicians|drivers|residents|tenants|bookers) (be able to |still |also |easily |then )*(reschedule|rebook)\b|\b(patients|clients|customers|users|guests|members|students|parents|callers|attendees|visitors|people|staff|employees|reps|agents|technicians|drivers|residents|tenants|bookers) (can|could|to|will|would|should|be able to|are able to|have to|need to|must|may)?( still| also| easily| just| then| themselves)* (reschedule|rebook|cancel and rebook)\b|\breschedul\w* (themselves|their (own )?(appointments?|bookings?|visits?|slots?|sessions?|calls?|meetings?))\b|\b(self|auto|automatic|automatically|online|easy|easily) ?(reschedul\w*|rebook\w*)\b|\breschedul\w* (automatically|via (sms|text|email|whatsapp|the app|a link)|by (sms|text|email|whatsapp))\b/,
    'guard',
  ),
  s('neutral', 0, 'a month the writer did something in', DID_IN_A_MONTH, 'guard'),
  s(
    'neutral',
    1,
    'the writer s own other address',
    /\b(please )?(use|try|write to|email|e mail|mail|contact|reach) (me )?(at |on |via )?my (work|other|personal|private|new|business|main|office|company|professional|usual|primary|direct) (email|e mail|mail|address|email address|e mail address|inbox|number|mobile|phone)( address)?:?( [a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]+)?|\b(nutzen|verwenden|schreiben) sie (bitte )?(an )?meine (geschaftliche|private|neue|andere|berufliche|dienstliche) (e ?mail|adresse|mail ?adresse|e ?mail ?adresse|nummer)\b|\b(usa|use|utilice|escribe|escriba|escribeme|escribame)( a| al)? (mi )?(correo|email|e mail|direccion) (del trabajo|personal|nuev[oa]|de trabajo|corporativ[oa]|profesional)\b|\b(utilisez|ecrivez moi|ecrivez|utilise|ecris moi) (sur |a )?(plutot )?mon (adresse|mail|email|e mail) (pro|professionnelle?|perso|personnelle?|nouvelle?)\b|\b(usa|usate|usi|scrivetemi|scrivimi|mi scriva) (al |sul |a )?(mio )?(indirizzo|email|e mail|mail) (di lavoro|personale|nuov[oa]|aziendale)\b|\b(use|usa|usem|escreva|escrevam|mande|mandem)( me| para)? (o |no |para o )?(meu )?(e mail|email|endereco) (do trabalho|pessoal|novo|corporativo|profissional)\b|\b(gebruik|mail|stuur)( naar| het naar)? (mijn|m n) (werk|zakelijke|prive|nieuwe|andere) ?(mail|e ?mail|adres|mailadres|e ?mailadres|nummer)\b/,
    'guard',
  ),
];

export const PROBE64_EVERYDAY_SIGNALS: Signal[] = [
  s(
    'not_interested',
    4,
    'not relevant, no added value (de/nl/es/fr/it/pt)',
    /\bfur (uns|mich)( (leider|so|wirklich|absolut|einfach|eher|ehrlich gesagt))* (nicht|kaum|wenig) (relevant|interessant|passend|geeignet|sinnvoll|von interesse)\b|\b(ist|sind) (fur uns |fur mich )?(leider )?(nicht|kaum) (relevant|von interesse)( fur (uns|mich))?\b|\b(sehen|sehe) (darin|da|hier|dafur|dabei) (leider )?keinen (mehrwert|nutzen)\b|\bkeinen? mehrwert\b|\b(niet|weinig) (relevant|interessant) voor (ons|mij|onze)\b|\bvoor (ons|mij) (niet|weinig) (relevant|interessant)\b|\b(zien|zie) (hier|daar|er|daarin|hierin) (geen|weinig) (toegevoegde )?waarde in\b|\bgeen (toegevoegde waarde|meerwaarde)\b|\bno (es|resulta|nos resulta) (relevante|interesante|util) para (nosotros|nuestra|nuestro|mi)\b|\bno (le )?(vemos|veo) (valor|utilidad|la utilidad)\b|\bno (nos )?aporta (valor|nada)\b|\bpas (pertinent|interessant|utile) pour (nous|moi|notre)\b|\bne (voyons|vois) pas (l interet|d interet|la valeur|l utilite)\b|\b(aucune|pas de) valeur ajoutee\b|\bnon (e|sono|risulta) (rilevante|interessante|utile|di (nostro |nessun )?interesse) per (noi|me|la nostra|il nostro)\b|\bnon (vediamo|vedo) (il |alcun |nessun )?(valore|vantaggio|utilita)\b|\bnessun valore aggiunto\b|\bnao (e|sao) (relevante|interessante|util) para (nos|mim|a gente|nossa|nosso)\b|\bnao (vemos|vejo) (valor|utilidade)\b|\bnao (agrega|acrescenta) (valor|nada)\b/,
  ),
  s(
    'not_interested',
    4,
    'declines in so many words',
    /\b(i|we) (will|must|have to|would have to|am going to|are going to|ll|shall|need to|re going to|m going to) (respectfully |politely |kindly |have to |going to )?decline\b(?! (them|all|any|invites?|invitations?|meetings?|calls?|requests?)\b|( (the|your|our|this|that|any|all))? (meeting|call|invite|invitation|slot|time)s?\b)/,
  ),
  s(
    'not_interested',
    3,
    'will not be switching',
    /\b(we|i) (will not|wont|are not|am not|have no plans to|do not plan to|are not planning to|have no intention of) (be )?(switching|changing|moving|switch|change|move)( (providers?|vendors?|suppliers?|tools?|systems?|platforms?|over|away))?( again| back| anytime soon| any time soon)?\s*([.!,;]|$)/,
  ),
  s(
    'not_interested',
    4,
    'does not meet our needs (es/fr/de/pt/it/nl)',
    /\bne (correspond|repond) pas (a|aux) (nos|mes) (besoins|attentes)\b|\bno (se ajusta|encaja|responde|corresponde) (a|con) (nuestras|nuestros|mis) (necesidades|requisitos)\b|\b(entspricht|passt) (das |dies |es )?(leider )?(das |dies )?nicht (zu )?(unseren|unserem|meinen) (anforderungen|bedarf|bedurfnissen)\b|\bsluit (helaas )?niet aan (bij|op) (onze|mijn) (behoeften|wensen)\b|\bnon (e|sono) in linea con (le |i )?(nostre|nostri|mie) (esigenze|bisogni|necessita|obiettivi)\b|\bnon (abbiamo|ho) bisogno (di|del|della|dei|delle|dello)\b(?![^.!?\n]{0,40}\b(demo|call|chiamat\w*|telefonat\w*|incontr\w*|riunion\w*|ricontatt\w*|richiam\w*|ulterior\w*|altr[eio] (info\w*|dettagli|material\w*|tempo)|ma|pero|basta|solo|mandat\w*|inviat\w*)\b)|\bnao (atende|corresponde) (as|a|aos) (nossas|nossa|nossos) (necessidades|necessidade|requisitos)\b|\bnao faz sentido (para|pra) (a |o )?(nossa|nosso)\b/,
  ),
  s(
    'not_interested',
    3,
    'does not solve a problem they have',
    /\b(does not|doesnt|will not|wont|would not|wouldnt) (solve|address|fix) (a|any) (problem|issue|pain|need)s? (we|i) (actually |really )?(have|face)\b|(^|[.!?]\s*)(not |un)(needed|necessary|required)\s*([.!]|$)/,
  ),
  s(
    'not_interested',
    3,
    'will not buy, in so many words (en/de/fr/es/it/nl/pt/pl)',
    new RegExp(
      `(\\b(we|i) (will |ll |would |d )?never (buy|purchase|sign up for|pay for) (this|it|that|your|from you|anything)\\b|\\b(wir|ich) (kaufen|kaufe|bestellen|bestelle|buchen|buche)( das| es| so etwas| sowas| bei ihnen| bei euch)? (nicht|nie|niemals|nichts)\\b(?! mehr (bei|von|uber|im|in)\\b)|\\b(wir|ich) (werden|werde) (das |es )?(nicht|nie|niemals) (kaufen|bestellen|buchen)\\b|\\b(on|nous|je) n (achete|achetons|acheterai|acheterons|achetera) (pas|rien|jamais)\\b|\\b(on|nous|je) (ne )?(va|vais|allons) pas (acheter|souscrire)\\b|\\bno (vamos a|voy a) (comprar|contratar)(lo|la)?\\b|\\bno (compramos|compraremos|contrataremos)\\b|\\bnon (lo |la )?(compriamo|compro|compreremo|acquistiamo|acquisteremo)\\b|\\b(we|wij|ik) (kopen|koop)( het| dit| dat)? (niet|nooit|niks|niets)\\b|\\bnao (vamos|vou) (comprar|contratar)\\b|\\bnao (compramos|compraremos|contrataremos)\\b|\\bnie (kupimy|kupie|kupujemy|zamowimy|zamowie)\\b(?![^.!?\\n]{0,30}\\b(teraz|na razie|jeszcze|w przyszlym|pozniej|za (miesiac|rok|kwartal|pol roku)))\\b)${NOW_AFTER}${LATER_ANYWHERE}`,
    ),
    'temporal',
  ),
  s('interested', 3, 'tell more (nl)', /\bvertel (gerust |maar |eens )?meer\b/),
];
