import { s, type Signal } from './signal';

/**
 * Opt-outs and their look-alikes in de, es, fr, it, nl, pt (probe 65), where the older lists held the English form
 * or only some of the languages:
 * - contact to cease, in the wording of a legal demand ("jegliche weitere Kontaktaufnahme zu unterlassen", "iedere
 *   verdere commerciële benadering te staken", "cessarem qualquer comunicação comercial");
 * - not to get in touch again, in the Spanish subjunctive ("le agradecería que no se pusiera más en contacto
 *   conmigo");
 * - German contact verbs with a typo or in dialect ("nicht mehr kontaktiern", "schreibt's mir nix mehr");
 * - "remove it from your files", the pronoun standing for the number or address just named (fr, "Retirez-le de
 *   votre base");
 * - Brazilian "me tira desse grupo/dessa lista".
 * Look-alikes kept out: the writer saying they will not unsubscribe ("Je ne vais pas me désabonner, rassurez-vous",
 * "Não vou me descadastrar"); how opting out works, asked about ("Come funziona la disiscrizione per i nostri
 * clienti?", "Abmelden kann man sich doch über den Link, oder?"); a German colleague's or boss's wish, whose verb
 * reads like the writer's own ("Mein Chef möchte nicht mehr angeschrieben werden. Für IT bin aber ich zuständig").
 * Two other look-alikes of the probe: the writer's old address taken off the cc ("tirem o meu endereço antigo
 * da cópia e usem este"), not a wrong person, and talking it over with their own team ("Vou falar com a
 * equipa"), not a referral.
 * Patterns read the normalised text (lowercase, no accents, apostrophes as spaces).
 */

/** Someone at the writer's side in German, after "mein"/"unser". */
const SIDE_PERSON_DE =
  '(mein|meine|unser|unsere) (kollege|kollegin|kollegen|chef|chefin|vorgesetzter|vorgesetzte|geschaftsfuhrer|geschaftsfuhrerin|direktor|direktorin|teamleiter|teamleiterin|abteilungsleiter|abteilungsleiterin|partner|partnerin|geschaftspartner|mann|frau|assistentin|assistent|sekretarin|empfang)';

/** The writer joining the wish ("ich auch nicht", "mich bitte auch"): then it is theirs too. */
const WRITER_JOINS =
  '(?![\\s\\S]*\\b((ich|wir) ([a-z]+ ){0,2}(auch|ebenfalls|genauso) (nicht|keine|nichts)|(mich|uns) ([a-z]+ ){0,3}(auch|ebenfalls|gleich mit)|(mich|uns) (bitte )?(auch|ebenfalls))\\b)';

export const PROBE65_EUROPEAN_GUARDS: Signal[] = [
  s(
    'neutral',
    0,
    "the writer's old address taken off the cc",
    /\b(meine alte|die alte|mon ancienne|l ancienne|mi (direccion|correo) antigu[oa]|la (direccion|cuenta) antigua|il mio vecchio|il vecchio|o meu (endereco|email|e mail) antigo|o (endereco|email) antigo|mijn oude|het oude)( [a-z]+){0,3} (aus dem|aus der|uit de|de la|de|del|dal|dalla|da) (cc|kopie|copie|copia)\b[^.!?\n]*/,
    'guard',
  ),
  s(
    'neutral',
    2,
    'will talk it over with their own team (pt)',
    /\b(vou|vamos|irei|iremos|preciso|tenho de|tenho que|deixa eu|deixe me) (falar|conversar|ver isso|ver) com (a|o) (equipa|equipe|time|chefe|chefia|direcao|diretoria|socio|socios|gerencia|pessoal)\b/,
    'guard',
  ),
  s(
    'neutral',
    0,
    'says they will not unsubscribe',
    /\bje ne (vais|compte|pense) pas (me )?(desabonner|desinscrire)\b|\bje ne (me )?(desabonnerai|desinscrirai) pas\b|\b(nao|nem) (vou|irei|pretendo|penso)( me)? (descadastrar|desinscrever|cancelar a (minha )?inscricao)( me)?\b|\bnao me vou (descadastrar|desinscrever)\b|\bich (werde|will) mich (doch |sicher |bestimmt |schon )?(nicht|keinesfalls) (abmelden|austragen)\b|\bno (me voy a|pienso|voy a) (dar|darme) de baja\b|\bnon (mi disiscrivo|mi disiscrivero|ho intenzione di disiscrivermi|mi cancello)\b|\bik (ga|zal) me (heus |echt |zeker )?niet (afmelden|uitschrijven)\b/,
    'guard',
  ),
  s(
    'question',
    2,
    'asks how opting out works',
    /\b(wie funktioniert|wie lauft|wie geht) (bei ihnen |bei euch |eigentlich |denn |genau )*(die |das )?(abmeldung|abmelden|austragen|opt ?out)\b[^.!?\n]*|\bcome funziona (esattamente |di preciso )?(la |il |l )?(disiscrizione|cancellazione|opt ?out)\b[^.!?\n]*|\bcomment (fonctionne|marche|se passe) (exactement |concretement )?(la |le |l )?(desinscription|desabonnement|opt ?out)\b[^.!?\n]*|\bcomo funciona (exactamente |exatamente )?(la |el |o |a )?(baja|desuscripcion|descadastro|desinscricao|cancelamento da inscricao|opt ?out)\b[^.!?\n]*|\bhoe werkt (het |de )?(afmelden|afmelding|uitschrijven|opt ?out)\b[^.!?\n]*/,
    'guard',
  ),
  s(
    'question',
    2,
    'checks that one can opt out through the link',
    /\b(abmelden|austragen) kann man sich\b[^.!?\n]*\b(oder|nicht wahr|gell|ne|richtig)\s*\?|\bon peut (se )?(desinscrire|desabonner)\b[^.!?\n]*\b(non|n est ce pas|c est ca|pas vrai)\s*\?/,
    'guard',
  ),
  s(
    'neutral',
    0,
    "a colleague's or boss's wish, worded like the writer's own (de)",
    new RegExp(
      `\\b${WRITER_JOINS}${SIDE_PERSON_DE}( (herr|frau|dr) [a-z]+| [a-z]+)? (mochte|will|wunscht|mochten|wollen|wunschen)( (bitte|gern|gerne|ab sofort|kunftig|jetzt|auch|von ihnen))* (nicht mehr|keine [a-z]+ mehr|nichts mehr)[^.!?\\n]*`,
    ),
    'guard',
  ),
];

export const PROBE65_EUROPEAN_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'demands that contact cease, in legal wording (de/nl/pt)',
    /\b(jegliche|jede|jedwede|samtliche|alle|weitere|kunftige)( weitere| weiteren| kunftige)? (kontaktaufnahme|kontaktaufnahmen|kontaktierung|kontaktversuche|werbung|zusendungen|werbezusendungen|ansprache|e ?mails|anrufe|nachrichten)( [a-z]+){0,6} (zu )?unterlassen\b|\b(iedere|elke|alle|verdere)( verdere)?( commerciele| ongevraagde| directe)? (benadering|benaderingen|contact|contacten|communicatie|berichten|mailings|toezendingen|acquisitie)( [a-z]+){0,3} (te )?(staken|beeindigen|achterwege te laten|na te laten)\b|\b(cessem|cessarem|cessar|cesse|suspendam|suspenderem|terminem|terminarem) (com )?(qualquer|toda|todas as|toda a|todo o|todos os)( tipo de)? (comunicacao|comunicacoes|contacto|contactos|contato|contatos|mensagem|mensagens|envio|envios)\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'asks not to get in touch again (es)',
    /(?<!\bsi )\bno (se )?(ponga|pongan|pusiera|pusieran|pongas|pusieras|vuelva a poner|vuelvan a poner|vuelva a ponerse|vuelvan a ponerse)( usted| ustedes)? (mas |nunca mas |de nuevo |otra vez )?en contacto (conmigo|con nosotros)\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'a contact verb refused, misspelt or in dialect (de)',
    /\bnicht (mehr|wieder) (kontaktiern|kontaktiren|kontakieren|kontaktirn|kontatieren|kontacktieren|kontaktieen|anschreibn|anrufn)\b|\b(schreibts|schickts|sendets|schreibt|schickt|schreib|schick|schreiben sie|schicken sie)( (bitte|halt|doch|einfach))* (mir|ma|uns) (nix|nimmer|nimma)( [a-z]+)? mehr\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'remove it from your files, the number or address just named (fr)',
    /\b(retirez|supprimez|effacez|enlevez|rayez|otez) (le|la|les)( immediatement| svp| tout de suite| definitivement| s il vous plait)? (de|des) (votre|vos) (base|bases|base de donnees|fichier|fichiers|liste|listes|carnet d adresses|crm)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'take me off this list or group (pt-BR)',
    /\bme (tira|tire|tirem|remove|removam|exclui|exclua|excluam|descadastra|descadastrem) (dessa|desse|desta|deste|da|do|das|dos) (lista|listas|grupo|grupos|cadastro|mailing|base|envio|envios|disparo|disparos)\b/,
  ),
];
