/**
 * The people a business serves or writes to, plural, in the seven languages (customers, clients, patients, contacts,
 * subscribers, members, …): someone else's people when an opt-out names them (opt-out-said-by-others,
 * opt-out-aimed-elsewhere, opt-out-narrowed). Normalised text.
 */
export const SERVED_PEOPLE =
  '(customers|clients|patients|users|members|tenants|students|guests|subscribers|clientes|pacientes|usuarios|socios|miembros|contactos|destinatarios|suscriptores|inquilinos|alumnos|huespedes|utilisateurs|membres|adherents|abonnes|eleves|locataires|kontakte|kunden|kundinnen|patienten|nutzer|empfanger|abonnenten|mitglieder|gaste|mieter|klanten|contacten|gebruikers|leden|abonnees|ontvangers|gasten|huurders|clienti|contatti|pazienti|utenti|soci|iscritti|destinatari|ospiti|contatos|assinantes|alunos|hospedes)';
