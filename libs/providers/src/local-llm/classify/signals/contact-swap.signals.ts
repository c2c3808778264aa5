import { s, type Signal } from './signal';

/**
 * "Tire o meu nome e ponha o do meu marido", "take my name off and put my wife's on instead", "quita mi nombre y
 * pon el de mi marido", "replace me with my colleague": the writer takes themselves off AND puts someone else in
 * their place. That changes who the contact is (wrong person, a hand-over), it does not stop contact; the guard
 * hides the "take me off" from the opt-out signals. Putting the writer back elsewhere ("take me off the Friday
 * invite and add me to Monday's"), moving to another address or plan of their own ("remove my number and add my
 * cell instead", "put us on Pro") and adding someone to a do-not-call list as well are not a swap. Patterns read the
 * normalised text (lowercase, no accents, hyphens and apostrophes as spaces) in the seven languages.
 */

/** The writer taking themselves (their name, number, details) off. */
const REMOVE_ME = [
  '(remove|take|drop|delete|erase|strike|cross|scratch|get) (me|my name|my number|my details|my contact|my info)\\b',
  '(tire|tira|tirem|tirar|retire|retirem|remova|removam|remover|apague|apaguem|exclua|excluam|risque|risquem)( (o|a))? (meu|minha) (nome|numero|contato|contacto|email|cadastro)\\b',
  '(me (tire|tira|tirem|retire|retirem|remova|removam|exclua|excluam|descadastre|descadastrem)|(tire|tira|tirem|retire|retirem|remova|removam|exclua|excluam|descadastre|descadastrem) me)\\b',
  '(quit|borr|elimin|sac|retir)[a-z]* (mi|el) (nombre|numero|contacto|correo|email)\\b',
  '(quitame|quiteme|quitenme|quitadme|borrame|borreme|borrenme|eliminame|elimineme|eliminenme|sacame|saqueme|saquenme|retirame|retireme|retirenme|me (quiten|quite|borren|borre|eliminen|elimine|saquen|saque|retiren|retire)|den(me)? de baja)\\b',
  '(retirez|enlevez|supprimez|effacez|otez|rayez|retire|enleve|supprime|efface|ote|raye) (moi|mon (nom|numero|contact|adresse|email))\\b',
  '(nehmen|streichen|loschen|entfernen|tragen) sie (mich|meinen namen|meine nummer|meine (e ?mail|adresse|daten))\\b',
  '((togli|toglie|tolga|rimuov|cancell|elimin|lev)[a-z]* (il|la) mi[oa] (nome|numero|contatto|email|indirizzo)|toglimi|toglietemi|tolgami|rimuovimi|rimuovetemi|mi rimuova|cancellatemi|cancellami|mi cancelli|eliminatemi|eliminami|mi elimini|levatemi|levami)\\b',
  '(haal|verwijder|schrap|schrijf) (mij|me|mijn (naam|nummer|gegevens|adres|e ?mail))\\b',
].join('|');

/** Off a meeting or an invitation and someone else on it: who attends changes, a meeting matter. */
const ONE_MEETING =
  '(?![^.!?;\\n]{0,40}\\b(invite|invites|invitation|meeting|call|calendar|session|slot|webinar|demo|event|booking|appointment|class|convite|reuniao|chamada|invitacion|reunion|llamada|einladung|termin|besprechung|invito|riunione|chiamata|uitnodiging|vergadering|afspraak)\\b)';

/** The writer asking to be replaced: "replace me with …", "troquem o meu nome pelo …", "vervang mijn naam door …". */
const REPLACE_ME =
  '(replace|swap|substitua|substituam|troque|troquem|reemplac[a-z]*|sustitu[a-z]*|remplac[a-z]*|ersetzen sie|tauschen sie|sostitui[a-z]*|vervang)( (me|my (name|number|details|contact)|o meu nome|meu nome|mi nombre|mon nom|meinen namen|il mio nome|mijn naam))\\b[^.!?;\\n]{0,20}\\b(with|for|by|pelo|pela|por|par|durch|gegen|con|col|door)\\b';

/** Putting someone in: the verb, in the seven languages, not followed by the writer themselves ("put me on …"). */
const PUT =
  '(put|add|use|list|include|swap in|sub in|contact|email|call|text|write to|ponha|ponham|poe|coloque|coloquem|coloca|bote|botem|adicione|adicionem|acrescente|acrescentem|inclua|incluam|use|usem|cadastre|cadastrem|pon|ponga|pongan|poned|agrega|agregue|agreguen|anade|anada|anadan|incluye|incluya|incluyan|usa|usen|apunta|apunte|apunten|mettez|mets|ajoutez|ajoute|inscrivez|utilisez|tragen sie|setzen sie|nehmen sie|fugen sie|schreiben sie|nutzen sie|mettete|metta|metti|inserite|inserisca|inserisci|aggiungete|aggiunga|aggiungi|usate|usi|zet|voeg|plaats|gebruik|noteer)\\b(?! (me|us|mich|uns|moi|nous|mi|ci|mij|ons|myself)\\b)';

/** Relatives and colleagues, in the seven languages. */
const PERSON =
  '(husband|wife|partner|son|daughter|mother|mum|mom|father|dad|brother|sister|colleague|coworker|co worker|assistant|boss|manager|replacement|successor|secretary|marido|esposa|mulher|esposo|filho|filha|pai|mae|irmao|irma|colega|socio|socia|secretaria|gerente|hijo|hija|padre|madre|hermano|hermana|companero|companera|jefe|jefa|mari|femme|epoux|epouse|fils|fille|pere|mere|frere|soeur|collegue|associe|associee|assistante|secretaire|mann|frau|ehemann|ehefrau|sohn|tochter|vater|mutter|bruder|schwester|kollege|kollegin|kollegen|partnerin|assistentin|sekretarin|chef|chefin|marito|moglie|figlio|figlia|fratello|sorella|collega|segretaria|assistente|capo|man|vrouw|zoon|dochter|vader|moeder|broer|zus|compagnon|assistent|secretaresse|baas)';
const POSSESSIVE =
  '(my|our|his|her|meu|minha|nosso|nossa|mi|nuestro|nuestra|mon|ma|notre|mein|meine|meinen|meinem|meines|unser|unsere|unseren|mio|mia|nostro|nostra|mijn|onze)';

/** Who goes in: a relative or colleague, "the one of …" (o do, el de, celui de, quello di, die van), or X instead. */
const SOMEONE_ELSE = [
  `${POSSESSIVE} ([a-z]+ )?${PERSON}s?\\b`,
  '\\b((o|a|os|as) (do|da|dos|das)|(el|la|los|las) de|(celui|celle|ceux) d|(quello|quella|quelli) d(i|el|ella|ello|ei)|(die|dat) van)\\b',
  'someone else|somebody else|(him|her) instead',
].join('|');
/** Right after the verb, one or two words then "instead" ("add jim instead"), that are not the writer's own. */
const NAMED_INSTEAD =
  '(?!(me|us|my|our|mine|it|this|that|them|the|email|e ?mail|text|texts|sms|whatsapp|phone|calls?|post|mail|linkedin|one)\\b)[a-z]+( [a-z]+)? instead\\b';

/** A do-not-contact list is where both go: "remove me and put my husband's number on your do not call list too". */
const NO_CONTACT_LIST =
  '(do not (call|contact|email|text)|dnc|suppression|block|blocked|blacklist|opt out|robinson|lista negra|liste rouge|sperrliste|bel me niet)';

// prettier-ignore
export const CONTACT_SWAP_GUARDS: Signal[] = [
  s('wrong_person', 4, 'takes themselves off for someone else', new RegExp(`\\b(${REMOVE_ME})${ONE_MEETING}[^.!?;\\n]{0,50}?(,|\\b(and|then|e|y|et|und|en|ed)\\b)\\s*(then |instead |please |por favor |s il vous plait |bitte |per favore |alsjeblieft )?${PUT} ([^.!?;\\n]{0,30}?\\b(${SOMEONE_ELSE})|${NAMED_INSTEAD})(?![^.!?;\\n]{0,40}\\b${NO_CONTACT_LIST}\\b)`), 'guard'),
  s('wrong_person', 4, 'asks to be replaced by someone else', new RegExp(`\\b${REPLACE_ME}[^.!?;\\n]{0,20}?\\b(${SOMEONE_ELSE})`), 'guard'),
];
