/**
 * An opt-out phrase in somebody else's words or doing (see opt-out-scope): a third party reporting what the writer
 * should do ("my boss told me to unsubscribe"), people reporting or doing it ("customers report that replying STOP
 * …", "when they hit unsubscribe"), or those who did it ("a report of who opted out"). Normalised text.
 */

/** A third party reporting what the writer should do, right before the phrase. */
export const REPORTED =
  /\b((my|our|the) ([a-z]+ )?(boss|manager|ceo|cto|cfo|director|supervisor|team|colleague|colleagues|assistant|wife|husband|partner|it|legal|compliance|company|policy|lawyer|department)|he|she|they|someone|somebody|everyone|people) (has |have |had |just )?(told|tells|asked|asks|wants|wanted|said|says|advised|advises|suggested|suggests|requires|required|instructed|recommended)( (me|us))?( to| that (i|we)( should)?)?( (just|please))?\s*$/;
export const REPORTED_OTHER_LANGUAGES =
  /\b(mi|nuestro|nuestra) (jefe|jefa|director|directora|equipo|esposa|marido|empresa|abogado) (me|nos) (pidio|dijo|pide|dice|aconsejo|recomendo) que( (me|nos))?\s*$|\b(meu|minha|nosso|nossa) (chefe|gerente|diretor|diretora|equipe|esposa|marido|empresa|advogado) (me |nos )?(pediu|mandou|disse|falou|recomendou) (para|que)( (eu|nos))?( (me|nos))?\s*$|\b(mon|ma|notre) (patron|patronne|chef|manager|directeur|directrice|equipe|femme|mari|entreprise|societe|avocat) (m|nous) a (demande|dit|conseille|recommande) de( (me|nous|m))?\s*$|\b(mein|meine|unser|unsere) (chef|chefin|vorgesetzter|vorgesetzte|team|frau|mann|firma|anwalt) (hat|will|wollte|sagte|meinte|bat)\b[^.!?\n]{0,40}$|\b(il mio|la mia|il nostro|la nostra) (capo|responsabile|direttore|direttrice|team|moglie|marito|azienda|avvocato) (mi|ci) ha (detto|chiesto|consigliato) di\s*$|\b(mijn|onze) (baas|manager|chef|directeur|team|vrouw|man|bedrijf|advocaat) (zei|vroeg|wil|wilde|heeft gezegd|heeft gevraagd)\b[^.!?\n]{0,30}$/;

/**
 * Someone else's words or doing, right before the phrase: a report ("Customer reports that replying STOP did not end
 * the reminders"), the people it is about ("remove people who report your emails as spam") or the people doing it
 * ("when they hit unsubscribe …", "how do people usually get off your list").
 */
export const OTHERS_REPORT_OR_ACTION =
  /\b(customers?|clients?|users?|callers?|patients?|leads?|contacts?|subscribers?|recipients?|members?|people|someone|somebody|anyone|those) ((reports?|reported|says|said|complains?|complained|claims?|claimed|wrote|writes|mentioned|mentions)( that)?\b[^.!?\n]{0,60}|(who|that) ([a-z]+ ){0,3})$|\b(customers?|clients?|users?|patients?|leads?|contacts?|subscribers?|recipients?|people|they|he|she)( (usually|normally|typically|generally|actually|then|just))?( (click|clicks|hit|hits|press|presses|tap|taps|reply|replies|text|texts|type|types|send|sends|say|says)( on)?)?\s*$/;
/** Those who did it ("a report of who opted out"), with the phrase in the past (not "the one person who never wants …"). */
export const WHO_DID_IT = /\b(who|whoever|those who|anyone who)( (has|have|had|already|ever|recently))*\s*$/;
export const DONE = /^(opted|unsubscribed|removed|asked|stopped|cancell?ed|replied|texted|clicked|hit)\b/;
/**
 * The people it is about as the subject right before the phrase ("damit abgemeldete Kontakte nicht mehr angeschrieben
 * werden", "dass Kunden nicht mehr …"): a list of them, not the writer.
 */
export const OTHER_PEOPLE_BEFORE =
  /\b(kontakte|kunden|kundinnen|patienten|nutzer|empfanger|abonnenten|mitglieder|klanten|contacten|gebruikers|abonnees|ontvangers|clientes|contactos|contatos|pacientes|usuarios|destinatarios|suscriptores|assinantes|clienti|contatti|pazienti|utenti|iscritti|destinatari)( (abgemeldeten|abgemeldete|afgemelde|desinscritos|descadastrados|disiscritti))?\s*$/;
