import { s, type Signal } from './signal';

/**
 * The writer taking back a message of their own ("Please forget my email from yesterday, the numbers were wrong",
 * "Olvide mi correo de ayer, le mando la versión buena", "Dimentichi la mia mail di ieri", "Esqueça o meu email de
 * ontem", "Oubliez mon mail d'hier, voici la bonne version"): "forget / delete my email" names the message, not the
 * address, when a time or a correction follows it; without this guard it read as the removal of the writer's
 * details (opt-out-composed). The address itself ("delete my email address", "forget my email from your list")
 * stays a removal.
 */
const TAKE_BACK =
  '(forget|ignore|disregard|delete|vergessen sie|vergiss|ignorieren sie|ignoriere|loschen sie|olvide|olvida|olviden|olvidad|ignore|ignora|ignoren|borre|borra|dimentichi|dimentica|dimenticate|ignori|ignorate|cancelli|cancella|esqueca|esquece|esquecam|ignora|ignorem|apague|apaga|oubliez|oublie|ignorez|effacez|supprimez|vergeet|negeer|verwijder)';
const COURTESY = '(please |bitte |por favor |per favore |svp |stp |aub |just |einfach |simplement )?';
const MINE =
  '(my|our|the|that|meine|meinen|unsere|die|diese|mi|mis|el|ese|la mia|il mio|le mie|quella|o meu|a minha|meu|minha|esse|essa|mon|ma|mes|ce|cet|mijn|onze|die|dat)';
const EARLIER =
  '((last|previous|earlier|first|dernier|vorige|letzte|vorherige|ultimo|ultima|anterior|precedente) )?';
const MESSAGE =
  '(e ?mails?|mails?|messages?|correos?|mensajes?|messaggi[oa]?|mensage(m|ns)|nachricht(en)?|bericht(en)?|texts?|courriels?|reply|antwort|respuesta|risposta|resposta|reponse|antwoord|mailtje)';
/** Not the address: "my email address", "my email from your list / database". */
const NOT_THE_ADDRESS =
  '(?! (address|adresse|adres|direccion|indirizzo|endereco)\\b)(?![^.!?\\n]{0,12}\\b(from|de|aus|da|van|dalla|dal|uit) (your|the|votre|vos|su|sus|vuestra|ihrer|ihrem|eurer|vostra|vostro|sua|seu|vossa|jullie|uw)\\b)';
/** What makes it one message: when it was sent, or what was wrong with it. */
const WHEN_OR_WHY =
  '(yesterday|previous|earlier|this morning|i (just )?sent|von gestern|vorhin|heute morgen|de ayer|anterior|de esta manana|que (le|les|te) (envie|mande)|di ieri|precedente|di stamattina|che (le|vi|ti) ho (mandato|inviato|scritto)|de ontem|de hoje|de manha|que (lhe|te|vos) (enviei|mandei)|d hier|precedent|de ce matin|que je (vous|t) ai envoye|van gisteren|vorige|van vanochtend|die ik (stuurde|heb gestuurd)|wrong|mistake|typo|falsch|fehler|equivocad\\w*|error|sbagliat\\w*|errore|errad\\w*|erro|trompe|erreur|verkeerd|fout|correct(ed)?|richtige|korrigiert\\w*|buena|correcta|corregid\\w*|giusta|corrett\\w*|certa|corrigid\\w*|bonne|corrige\\w*|juiste|gecorrigeerd\\w*|new version|neue version|nueva version|nuova versione|nova versao|nouvelle version|nieuwe versie)';

export const EARLIER_MESSAGE_GUARDS: Signal[] = [
  s(
    'neutral',
    1,
    'takes back an earlier message of theirs',
    new RegExp(
      `\\b${TAKE_BACK} ${COURTESY}${MINE} ${EARLIER}${MESSAGE}\\b${NOT_THE_ADDRESS}(?=[^.!?\\n]{0,40}\\b${WHEN_OR_WHY}\\b)[^.!?\\n]*`,
    ),
    'guard',
  ),
];
