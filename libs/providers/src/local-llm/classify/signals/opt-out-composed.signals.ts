import { s, type Signal } from './signal';

/**
 * Opt-outs read by their parts rather than by one wording each: within one clause (no . ! ? ; , : between), a
 * cessation ("no longer", "nicht mehr", "ne … plus") with a contact verb and the writer as object ("me", "mich",
 * "my number"), or a removal verb with the writer's details ("erase my data", "löschen Sie meine Telefonnummer").
 * Word order is free inside the clause. A clause is skipped when it holds a negation of the removal ("do not
 * delete my number"), a time limit ("don't call me before 10"), a question about why, a courtesy such as "don't
 * hesitate to call me", or a past tense about what they did ("you never wrote to me again"). Guards run first
 * and blank third parties, "don't stop", "stop by" and pauses, so those still win.
 */

interface Lexicon {
  lang: string;
  /** Stopping or never again; the cessation must be in the clause with a contact verb and the writer. */
  cessation: string;
  contact: string;
  /** The writer as object of a contact verb. */
  self: string;
  removal: string;
  /** The writer's own details as object of a removal verb. */
  details: string;
  /** Turns the removal around ("ne me retirez pas"). */
  negation: string;
  /** A removal turned around right at the verb ("no borren mis datos", "verwijder mijn gegevens niet"). */
  negatedRemoval: string;
  /** Makes the clause something else: a time limit, a why, a courtesy, a report of the past. */
  other: string;
}

const WHY = 'why|warum|wieso|weshalb|pourquoi|por ?que|porque|perche|waarom|how come';
const COURTESY = 'hesit\\w*|zoger\\w*|dud\\w*|esit\\w*|aarzel\\w*|scheu\\w*|worry|forget|mind|afraid';

const LEXICONS: Lexicon[] = [
  {
    lang: 'en',
    negatedRemoval: '(do not|dont|never|please do not) (?!forget)(REM)',
    cessation:
      '(stop|quit|cease|refrain from|no longer|never(?! mind)|do not|dont|please do not) ((ever|again|please|kindly|even|you) )?(contact|call|phon|ring|text|sms|messag|e ?mail|mail|writ|send|ping|reach)\\w*',
    contact: '(contact|call|phon|ring|text|sms|messag|e ?mail|mail|writ|send|ping|reach)\\w*',
    self: 'me|us|this (number|phone|line|mobile|address|email|inbox)|my (number|phone|mobile|cell|email|address|inbox)',
    removal: 'remove|delete|erase|wipe|purge|scrub|drop|lose|strike|clear|forget|get rid of',
    details:
      '(my|our|this) (phone number|mobile number|cell number|number|phone|mobile|cell|email address|e ?mail|email|address|details|contact details|contact info|contact information|personal data|data|info|information|name|records?)|(?<!\\bone of )((both|all) (of )?)?(my|our|these) ((two|both) )?(phone numbers|mobile numbers|numbers|email addresses|e ?mails|emails|addresses)',
    negation: 'not|never|dont|no need|without',
    other: `now|right now|at the moment|until|till|before|after|during|while|today|tomorrow|tonight|later|next|this week|for now|yet|weekends?|evenings?|afternoons?|nights?|mornings?|hours|${WHY}|${COURTESY}|did|have you|you have`,
  },
  {
    lang: 'de',
    negatedRemoval:
      '(nicht|keinesfalls|nie) (REM)|(REM) sie (bitte )?(DET) nicht|(REM) sie (bitte )?(nicht|keinesfalls)',
    cessation:
      'nicht mehr|nichts mehr|nichts weiter|nie wieder|nie mehr|nimmermehr|nicht weiter|nicht wieder|nicht langer|keinesfalls|horen sie \\w+ auf|hor \\w+ auf|horen sie auf|aufhoren|unterlass\\w*',
    contact:
      'kontakt\\w*|schreib\\w*|anschreib\\w*|anzuschreiben|ruf\\w*|anruf\\w*|anzurufen|mail\\w*|anzumailen|schick\\w*|zuschick\\w*|send\\w*|zusend\\w*|simsen|belastig\\w*|behellig\\w*',
    self: 'mich|mir|uns|diese (nummer|handynummer|telefonnummer|adresse|e ?mail ?adresse|mailadresse)|meine (nummer|telefonnummer|handynummer|mobilnummer|adresse|e ?mail ?adresse|emailadresse)',
    removal: 'losch\\w*|entfern\\w*|streich\\w*|tilg\\w*|vergessen sie',
    details:
      '(meine|meinen|unsere|diese) ((personenbezogenen|personlichen|gespeicherten|samtlichen|privaten|gesamten) ){0,2}(daten|nummer|telefonnummer|handynummer|mobilnummer|rufnummer|adresse|e ?mail ?adresse|emailadresse|mailadresse|e ?mail|kontaktdaten|angaben|namen|eintrag)|(?<!\\b(eine|einer) (der|meiner) )(meine|unsere|diese)? ?(beide|beiden) (nummern|telefonnummern|handynummern|adressen|e ?mail ?adressen|mailadressen)|die (nummer|adresse|e ?mail ?adresse|emailadresse|mailadresse)(?! (von|des|der|meines|meiner|ihres|ihrer|seines|seiner|unseres|unserer)\\b)(?! ?[a-z0-9._-]+@)',
    negation: 'nicht|kein\\w*|nie',
    other: `jetzt|gerade|momentan|bis|vor|wahrend|morgen|heute|nachste\\w*|spater|haben|hat|hatte|hatten|habe|${WHY}|${COURTESY}`,
  },
  {
    lang: 'fr',
    negatedRemoval: 'ne (me |nous )?(REM) (pas|jamais)|ne (REM) (pas|jamais)',
    cessation:
      'ne (\\w+ ){0,3}(plus|jamais)|n (\\w+ ){0,2}(plus|jamais)|plus jamais|arret\\w*|cess\\w*|stopp\\w*',
    contact:
      'contact\\w*|ecri\\w*|ecriv\\w*|appel\\w*|envoy\\w*|relanc\\w*|sollicit\\w*|textot\\w*|mail\\w*|harcel\\w*|derang\\w*',
    self: 'me|m|moi|nous|mon (numero|adresse|email|mail|portable)|ce (numero|portable)',
    removal: 'supprim\\w*|effac\\w*|retir\\w*|enlev\\w*|ray\\w*|oubli\\w*',
    details:
      '(mon|ma|mes|nos|notre|cette|ce) (numero|numero de telephone|telephone|portable|adresse|adresse mail|adresse e ?mail|email|e ?mail|mail|contact|nom|coordonnees|donnees|informations|infos)|(?<!\\b(un|une) de )(mes|nos|ces) (deux )?(numeros|telephones|adresses|adresses mail|mails|e ?mails)',
    negation: 'ne|pas|jamais|sans',
    other: `maintenant|en ce moment|jusqu\\w*|avant|apres|pendant|demain|aujourd hui|prochain\\w*|tard|plus tot|avez|avait|aviez|a plus|${WHY}|${COURTESY}`,
  },
  {
    lang: 'es',
    negatedRemoval: 'no (me |nos )?(REM)',
    cessation: 'no (\\w+ ){0,4}(mas|nunca)|nunca|jamas|ya no|dej\\w* de|par(en|e|ad|a) de|no vuelv\\w*',
    contact: 'escrib\\w*|contact\\w*|llam\\w*|envi\\w*|mand\\w*|molest\\w*|whatsap\\w*|text\\w*',
    self: 'me|nos|\\w+(rme|rnos|nme|dme)|mi (numero|correo|telefono|movil|celular|email)|este (numero|telefono|movil|celular)',
    removal: 'borr\\w*|elimin\\w*|quit\\w*|sac\\w*|saqu\\w*|retir\\w*|suprim\\w*|olvid\\w*',
    details:
      '(mi|mis|nuestro|nuestros|este|esta|ese|esa) (numero|telefono|movil|celular|correo|email|e ?mail|direccion|contacto|nombre|datos|informacion)|(?<!\\b(uno|una) de )(mis|nuestros|estos|los dos|ambos) (dos )?(numeros|telefonos|correos|emails|direcciones)',
    negation: 'no|nunca|sin',
    other: `ahora|hasta|antes|despues|durante|manana|hoy|proxim\\w*|luego|han|ha|hemos|habeis|de donde|\\w+(aron|ieron)|${WHY}|${COURTESY}`,
  },
  {
    lang: 'it',
    negatedRemoval: 'non (mi |ci )?(REM)',
    cessation: 'non (\\w+ ){0,4}(piu|mai)|mai piu|smett\\w*|basta|finitela|piantatela',
    contact: 'scriv\\w*|contatt\\w*|chiam\\w*|mand\\w*|invi\\w*|telefon\\w*|disturb\\w*|cerc\\w*',
    self: 'mi|ci|me|\\w+(temi|rmi|teci|rci)|(il mio|mio|questo) (numero|indirizzo|cellulare)',
    removal: 'cancell\\w*|elimin\\w*|rimuov\\w*|togli\\w*|dimentic\\w*',
    details:
      '(il mio|la mia|i miei|le mie|mio|mia|miei|questo|questa) (numero|telefono|cellulare|indirizzo|indirizzo email|email|e ?mail|mail|contatto|contatti|nominativo|dati|recapito|recapiti)|(?<!\\b(uno|una) (dei|delle|de) )(i miei|miei|entrambi i miei|tutti e due i miei|i) (due )?(numeri|indirizzi)',
    negation: 'non|mai|senza',
    other: `ora|adesso|fino|prima|dopo|durante|domani|oggi|prossim\\w*|avete|hai|hanno|ha|${WHY}|${COURTESY}`,
  },
  {
    lang: 'pt',
    negatedRemoval: 'nao (me |nos )?(REM)',
    cessation: 'nao (\\w+ ){0,4}(mais|nunca)|nunca mais|par(em|e|a) de|deix(em|e|a) de|chega',
    contact: 'escrev\\w*|contat\\w*|contact\\w*|lig\\w*|envi\\w*|mand\\w*|incomod\\w*|procur\\w*',
    self: 'me|nos|(o )?meu (numero|telefone|telemovel|celular|email)|(este|esse|neste|nesse) (numero|telefone|telemovel|celular)',
    removal: 'apag\\w*|elimin\\w*|exclu\\w*|remov\\w*|retir\\w*|tir(e|em|a)|delet\\w*|esquec\\w*',
    details:
      '(o meu|a minha|os meus|meu|minha|meus|este|esta|esse|essa) (numero|telefone|telemovel|celular|email|e ?mail|endereco|contato|contacto|nome|dados|cadastro)|(?<!\\b(um|uma) (dos|de) )(os meus|meus|os dois|ambos os) (dois )?(numeros|telefones|emails|e ?mails|enderecos)',
    negation: 'nao|nunca|sem',
    other: `agora|ate|antes|depois|durante|amanha|hoje|proxim\\w*|\\w+(aram|eram|iram)|tem|${WHY}|${COURTESY}`,
  },
  {
    lang: 'nl',
    negatedRemoval: '(niet|nooit) (REM)|(REM) (DET) (niet|nooit)',
    cessation:
      'niet meer|nooit meer|nooit|niet langer|stop (maar |nou |nu )?met|stop|hou (maar |nou |nu )?op|houd (maar |nou |nu )?op|ophouden|geen \\w+ meer',
    contact:
      'schrijf\\w*|schrijven|mail\\w*|bel|belt|bellen|contact\\w*|benader\\w*|stuur\\w*|sturen|appen|app(?= (me|mij|ons)\\b)|sms\\w*|bericht\\w*|lastig',
    self: 'me|mij|ons|dit (nummer|telefoonnummer)|mijn (nummer|telefoonnummer|adres|e ?mailadres|emailadres)',
    removal: 'verwijder\\w*|wis|wist|wissen|schrap\\w*|vergeet',
    details:
      '(mijn|ons|onze|dit|deze) (nummer|telefoonnummer|mobiele nummer|gegevens|adres|e ?mailadres|emailadres|mailadres|e ?mail|contactgegevens|naam)|(?<!\\been van )(mijn|onze|deze|beide|allebei mijn) (twee )?(nummers|telefoonnummers|adressen|e ?mailadressen|emailadressen|mailadressen)',
    negation: 'niet|geen|nooit|zonder',
    other: `nu|tot|voordat|voor \\d+|tijdens|morgen|vandaag|volgende|later|hebben|heeft|hebt|had|${WHY}|${COURTESY}`,
  },
];

const CLAUSE = '[^.!?;,:\\n]';

/** A clause holding every one of `parts` and none of `without`, in any order. */
function clause(parts: string[], without: string[]): RegExp {
  const need = parts.map((p) => `(?=${CLAUSE}*?\\b(${p})\\b)`).join('');
  const not = without.map((p) => `(?!${CLAUSE}*?\\b(${p})\\b)`).join('');
  return new RegExp(`(?<=^|[.!?;,:\\n])${need}${not}${CLAUSE}+`);
}

const negatedRemoval = (l: Lexicon) => l.negatedRemoval.replace(/REM/g, l.removal).replace(/DET/g, l.details);

/** Guards: a removal the writer turns down, and asking why the messages stopped. */
export const COMPOSED_OPT_OUT_GUARDS: Signal[] = [
  ...LEXICONS.map((l) =>
    s(
      'neutral',
      0,
      `keeps their details (${l.lang})`,
      new RegExp(`\\b(${negatedRemoval(l)})\\b[^.!?\\n]*`),
      'guard',
    ),
  ),
  s(
    'question',
    1,
    'asks why contact stopped (multilingual)',
    new RegExp(
      `(^|[.!?]\\s*)[¿¡]?(${WHY})\\b[^.!?\\n]{0,40}\\b(nicht mehr|no longer|not anymore|any more|anymore|ne (\\w+ ){1,2}plus|n (\\w+ ){1,2}plus|ya no|no (\\w+ ){1,2}mas|non (\\w+ ){1,2}piu|nao (\\w+ ){1,2}mais|niet meer)\\b[^.!?\\n]*\\?`,
    ),
    'guard',
  ),
  s(
    'question',
    1,
    'asks why the messages stopped',
    /\bwhy (did|do|have|has|would) (you|u|they|your [a-z]+) (stop|stopped|quit|cease|ceased)\w* [a-z]+ing\b/,
    'guard',
  ),
];

/** Not wanting to be contacted, in the passive ("non voglio essere più contattato", "niet meer benaderd worden"). */
const PASSIVE_REFUSAL = new RegExp(
  [
    '(?<!\\bif (you|u|they|we) )\\b(do not|dont|no longer) (want|wish) to be (contacted|called|texted|emailed|messaged|bothered)\\b',
    '\\b(have no|have not the slightest|have zero|without any) (wish|desire|intention|interest|need) (to be|in being) (contacted|called|texted|emailed|e ?mailed|messaged|bothered|approached|solicited|pitched)\\b',
    '\\b(have no|have not the slightest|have zero) (wish|desire|intention) to (receive|get) (any )?(further|more|future|additional)? ?(correspondence|communications?|messages|emails|e mails|texts|calls|mailings|marketing|contact)\\b',
    '\\b(will|mochte|mochten|wollen) (nicht mehr|nie wieder|keinesfalls) ([a-z]+ ){0,3}(kontaktiert|angeschrieben|angerufen|angemailt|belastigt) (werden)\\b',
    '\\b(refuse|refusons|ne veux plus|ne souhaite plus|ne voulons plus) (d )?etre (contacte|sollicite|appele|relance|derange)',
    '\\bno (quiero|queremos|deseo) (ser|que me sigan) (mas )?(contactad|llamad|molestad)\\w*',
    '\\bnon (voglio|vogliamo|desidero) (piu )?essere (piu )?(contattat|chiamat|disturbat)\\w*',
    '\\bnao (quero|queremos|desejo) (mais )?ser (mais )?(contactad|contatad|incomodad|ligad)\\w*',
    '\\b(wil|willen|wens|wensen) (niet meer|nooit meer|niet langer) ([a-z]+ ){0,3}(benaderd|gebeld|gemaild|gecontacteerd|lastig gevallen) (te )?(worden)\\b',
  ].join('|'),
);

export const COMPOSED_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'refuses to be contacted (passive, multilingual)', PASSIVE_REFUSAL),
  ...LEXICONS.flatMap((l) => [
    s(
      'unsubscribe',
      4,
      `cessation, contact and the writer (${l.lang})`,
      clause([l.cessation, l.contact, l.self], [l.other]),
    ),
    s(
      'unsubscribe',
      4,
      `removal of the writer's details (${l.lang})`,
      clause([l.removal, l.details], [l.negation, l.other]),
    ),
  ]),
];
