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
