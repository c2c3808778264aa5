/**
 * An opt-out phrase whose subject is someone at the writer's side (see opt-out-scope, probe 61): a colleague, a
 * partner, the reception who did it ("My business partner isn't interested and opted out, but I am", "A recepção
 * descadastrou o escritório todo por engano") or who is asked about as able to ("Kann mein Kollege das gemeinsame
 * Postfach abmelden, …?", "Ma collègue peut-elle désinscrire la boîte partagée ?", "Minha colega pode descadastrar
 * …?"). Not when the writer is in the clause too ("my colleague and I opted out"). Normalised text.
 */

/** Who stands at the writer's side, in the seven languages. */
const SIDE_PEOPLE =
  '((business )?(colleague|coworker|co worker|partner|boss|manager|assistant|pa|secretary|wife|husband|receptionist|reception|office manager|front desk)|kollege|kollegin|chef|chefin|assistentin|sekretariat|sekretarin|empfang|frau|mann|geschaftspartner|collegue|associe|associee|assistante|secretaire|standard|accueil|patron|patronne|femme|mari|companero|companera|colega|socio|socia|jefe|jefa|asistente|secretaria|recepcion|esposa|marido|collega|capo|segretaria|reception|moglie|marito|recepcao|chefe|vennoot|baas|secretaresse|receptie|vrouw|man|director|directora|diretor|diretora|directeur|directrice|direttore|direttrice|direktor|direktorin|responsabile|responsable|gerente|leidinggevende|vorgesetzter|vorgesetzte)';
const OWNER =
  '(my|our|the|mein|meine|meinem|unser|unsere|der|die|das|mon|ma|notre|le|la|l|mi|nuestro|nuestra|el|il mio|la mia|il nostro|la nostra|il|meu|minha|o meu|a minha|nosso|nossa|o|a|mijn|onze|de|het)';
/** The writer or their group: "I", "me", "we" of the seven languages. */
const WRITER = '\\b(i|me|we|us|ich|mich|wir|uns|je|moi|nous|yo|nosotros|eu|nos|io|noi|ik|mij|wij)\\b';

/** Who is asked about as able to, right before the phrase ("kann mein Kollege … ", "ma collègue peut-elle …"). */
const SIDE_PERSON_MAY = new RegExp(
  `(\\b(kann|konnte|darf) ${OWNER} ${SIDE_PEOPLE}\\b|\\b${OWNER} ${SIDE_PEOPLE} (can|could|may|peut elle|peut il|peut|pode|puede|puo|kan)\\b)(?![^,;:]*${WRITER})[^,;:]{0,40}$`,
);
/** Who did it, as the subject right before a phrase in the past ("my business partner … opted out"). */
const SIDE_PERSON_BEFORE = new RegExp(`\\b${OWNER} ${SIDE_PEOPLE}\\b(?![^,;:]*${WRITER})[^,;:]{0,40}$`);
const DONE_BY_THEM =
  /^(opted|unsubscribed|removed|abgemeldet|ausgetragen|desinscrit|desabonne|descadastrou|descadastrado|disiscritt\w*|cancellat\w*|afgemeld|uitgeschreven|dio de baja|dado de baja)/;

/** Whether someone at the writer's side did, or may do, the opt-out in `phrase` (clause text `before` it). */
export function doneBySomeoneAtTheWritersSide(before: string, phrase: string): boolean {
  return SIDE_PERSON_MAY.test(before) || (SIDE_PERSON_BEFORE.test(before) && DONE_BY_THEM.test(phrase));
}

/**
 * Someone other than the writer who left, in the seven languages ("Sandra left us in October", "Rosa ya no trabaja
 * aquí", "Martine a quitté le cabinet", "Frau Lehmann ist nicht mehr bei uns", "Elena non lavora più con noi", "a
 * Joana saiu da empresa", "Marieke werkt hier niet meer"): third-person forms only ("I left", "j'ai quitté", "ich bin
 * nicht mehr", "ya no trabajo" are the writer's own).
 */
const SOMEONE_ELSE_LEFT = new RegExp(
  [
    '\\b(?!(i|we|you)\\b)[a-z]+ (has |had |have )?(left|retired|quit|moved on)\\b(?! (it|this|that|a|an|the|my|our|your|me|alone|out|behind|unanswered|open)\\b)',
    '\\b(he|she|they) (is|are|has|have) (no longer|not) (with us|here|at|working|been with)\\b|\\bno longer works\\b',
    '\\bya no (trabaja|esta) (aqui|con nosotros|en)\\b|\\b(se ha ido|se fue|dejo la empresa|ha dejado la empresa|se ha jubilado|se jubilo)\\b',
    '\\b(a quitte|est partie?|a pris sa retraite|ne travaille plus|n est plus (chez nous|avec nous|dans l))\\b',
    '\\b(ist|sind) nicht mehr (bei uns|im (haus|unternehmen|team|betrieb)|hier|fur uns tatig)\\b|\\barbeitet nicht mehr\\b|\\bhat (uns|das unternehmen|die firma|die praxis|die kanzlei) verlassen\\b|\\bist (in rente|im ruhestand|ausgeschieden)\\b',
    '\\bnon lavora piu\\b|\\bha lasciato (l|la|il|lo) ?(azienda|studio|societa|ditta|ufficio|negozio|farmacia)\\b|\\be andat[oa] in pensione\\b|\\bnon e piu con noi\\b',
    '\\b(saiu da|ja nao trabalha|nao trabalha mais|deixou a empresa|se aposentou|reformou se)\\b',
    '\\bwerkt (hier |bij ons )?niet meer\\b|\\bis (vertrokken|met pensioen|uit dienst)\\b|\\bheeft (ons|het bedrijf|de praktijk) verlaten\\b',
  ].join('|'),
);
const ADDRESS = /([a-z0-9._%+-]+)@[a-z0-9-]+(\.[a-z0-9-]+)+/g;
const LAST_ADDRESS = /([a-z0-9._%+-]+)@[a-z0-9-]+(\.[a-z0-9-]+)+[^!?;:\n@]{0,30}$/;

/** Whether the local part of `address` names a person named elsewhere in `whole` ("sandra.o@…" and "Sandra Oyelaran"). */
function namedElsewhere(local: string, whole: string): boolean {
  const rest = whole.replace(ADDRESS, ' ');
  return local
    .split(/[._%+-]/)
    .filter((part) => /^[a-z]{3,}$/.test(part))
    .some((part) => new RegExp(`\\b${part}\\b`).test(rest));
}

/** The writer among what is removed ("remove me and tom@…", "haal mij en …"). */
const WRITER_REMOVED =
  /\b(me|us|mich|uns|moi|nous|nos|mi|ci|mij|ons|my|mein|meine|mon|ma|mes|mio|mia|mi|meu|minha|mijn)\b/;

/**
 * An address taken off the list when the message tells of someone else who left ("Sandra left us in October, so
 * please remove sandra.o@… from your list", "Frau Lehmann ist nicht mehr bei uns, Sie können s.lehmann@… aus Ihrer
 * Liste nehmen"): the departed colleague's address, named after them, not the writer's opt-out (probe 80). A
 * shared inbox ("remove accounts@… from all your lists") stands.
 */
export function departedColleaguesAddress(
  text: string,
  index: number,
  length: number,
  whole: string,
): boolean {
  const phrase = text.slice(index, index + length);
  const before = text.slice(Math.max(0, index - 60), index);
  const locals = [...phrase.matchAll(ADDRESS)].map((m) => m[1]);
  const last = LAST_ADDRESS.exec(before);
  if (last) locals.push(last[1]);
  if (
    !locals.some((local) => namedElsewhere(local, whole)) ||
    WRITER_REMOVED.test(phrase) ||
    WRITER_REMOVED.test(
      before
        .slice(-25)
        .split(/[,;:!?]/)
        .pop() ?? '',
    )
  )
    return false;
  return SOMEONE_ELSE_LEFT.test(whole);
}
