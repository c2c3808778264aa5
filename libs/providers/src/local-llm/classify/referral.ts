import type { Referral } from '../../llm/llm-tasks';
import { withoutWritersSignature } from './writer-signature';

/**
 * Who to contact instead, when a wrong-person reply names them: the first e-mail address, phone number and the
 * name after a hand-over phrase ("talk to Jane Doe", "wenden Sie sich an Frau Weber", "contacte a Luis Gómez"),
 * after a role ("my successor, Beth Collins"), as an @mention, or written next to the e-mail
 * ("Jane Doe (jane@acme.com)", "Hugo Petit : hugo@lumea.fr"; a hand-over verb opening the sentence, "Try Raj Patel
 * at …", is no part of it). Courtesy titles stay with the name ("Mr. Patel"); academic ones are dropped, and so is
 * the German dative "Herrn" ("wenden Sie sich an Herrn Keller": the name is Keller). With none of these, the name
 * the e-mail address spells ("Grace Obi in our London office, grace.obi@…").
 */

const anyCase = (w: string) => `[${w[0].toUpperCase()}${w[0].toLowerCase()}]${w.slice(1)}`;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(?:\+|\b00|\()?\d[\d\s()./-]{6,18}\d/g;
const UPPER = '[A-ZÀ-ÖØ-Þ\\u0100-\\u024e\\u1e00-\\u1efe]';
const LOWER = "[a-zßà-öø-ÿ\\u0100-\\u024f\\u1e00-\\u1eff'’-]";
/**
 * A capitalised word; German ß and Latin Extended letters too (Polish ł, Turkish ı and ş, Romanian ș, Vietnamese ấ);
 * with an elided prefix ("O'Neill", "D'Amico") or a second capital ("McDonald", "DeShawn").
 */
const NAME_WORD = `(?:${UPPER}['’])?${UPPER}${LOWER}+(?:${UPPER}${LOWER}+)?`;
const NAME = `(${NAME_WORD}(?:\\s+(?:van der|van den|van|von|de la|de|da|del|di|dos|du|le|la)?\\s*${NAME_WORD}){0,2})`;
// prettier-ignore
const COURTESY = [
  'Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Dra', 'Prof', 'Frau', 'Herr', 'Mme', 'Mlle', 'Madame', 'Monsieur', 'Sr', 'Sra', 'Srta',
  'Dña', 'Doña', 'Dª', 'Don', 'Dhr', 'Mevr', 'Mevrouw', 'Meneer', 'Sig', 'Sig\\.ra', 'Sig\\.na', 'Pak', 'Bu', 'Ibu', 'Bapak',
];
/** A courtesy title, kept with the name ("Mr. Patel", "sig.ra Bruni"): either case, "M." and "D." only with their dot. */
const TITLE = `((?:(?:${COURTESY.map((w) => anyCase(w)).join('|')})\\.?|M\\.|D\\.|anh|chị)\\s+)?`;
/**
 * Academic titles, an article and the German dative "Herrn" before a name are dropped ("wenden Sie sich an Herrn
 * Dipl.-Ing. Keller", "parlare con il dott. Rinaldi"); "Dr." stays a courtesy title unless one comes first ("Frau Dr.").
 */
const DROPPED_TITLE =
  '(?:(?:el|la|il|lo|le|o|a|den|die|der)\\s+)?(?:Herrn\\s+)?(?:(?:[Ee]ng|[Ii]ng|[Aa]rq|[Dd]ott|[Dd]ott\\.ssa|[Aa]vv|[Ll]ic|[Mm]ag|Dipl\\.-Ing|Dipl\\.-Kfm)\\.?ª?\\s+)?';
const ACADEMIC = '(?:(?:Dr|Prof|Dipl\\.-Ing|Dipl\\.-Kfm)\\.?\\s+)?';

// prettier-ignore
const HANDOVER = [
  'contact', 'reach out to', 'talk to', 'talk with', 'speak to', 'speak with', 'e-?mail', 'write to', 'get in touch with',
  'ask for', 'ask', 'try', 'reach', 'ping', 'cc(?:\'?ing|\'d)?', 'looping in', 'loop in', 'forward(?:ed|ing)? (?:this|it|your (?:email|message|note) )?to',
  'f[Ww][Dd]?(?:\'?ing|\'d)? (?:this |it )?to', 'adding',
  'handled by', 'replaced by', 'want', 'need', 'intended for', 'meant for',
  'wenden Sie sich (?:bitte )?an', 'kontaktieren Sie', 'an',
  'contacte a', 'contacta a', 'contactar a', 'hable con', 'habla con', 'escriba a', 'escribe a',
  'contactez', 'adressez-vous à', 'écrivez à',
  'entre em contato com', 'entrar em contato com', 'fal[ae]r? com (?:o|a)', 'procure', 'contacte a',
  'contatti', 'contattare', 'rivolgersi a', 'si rivolga a', 'scriva a', 'scrivete a', 'inoltro a', 'giro a',
  'neem contact op met', 'mail (?:even |gerust |maar )?naar', 'bel met', 'spreek met', 'contact opnemen met', 'stuur dit door naar',
  'voyez (?:plutôt )?avec', 'provi con', 'prova con', 'probeer', 'fala com', 'fale com', 'hable con', 'habla con',
  'reenvío a', 'reenvio a', 'te lo reenvío a', 'inoltro a', 'passed (?:this |it )?(?:on |along )?to', 'loop (?:him|her|them) in',
  'te paso con', 'le paso con', 'te pongo en contacto con', 'le pongo en contacto con', 'je vous mets en (?:contact|relation) avec', 'voyez avec',
  'fragen Sie(?: bitte)?(?: bei)?', 'wenden Sie sich (?:bitte )?an', 'vou passar para', 'passo para', 'le giro il contatto di',
  'ti giro il contatto di', 'giro il contatto di', 'copying in', 'copying', 'handed (?:this |it )?(?:over )?to',
  'osoba kontaktowa', 'hubungi', 'silakan hubungi', 'liên hệ(?: với)?', 'vorbiți cu', 'vorbiti cu', 'prata med',
  'chiedete a', 'chieda a', 'chiedi a', 'scrivete a', 'scrivi a', 'parlate con', 'parli con', 'parla con',
  'bel (?:even |gerust |maar )?naar', 'vraag (?:even |gerust |maar )?naar',
  'senti', 'sentite', 'chiama', 'chiamate', 'bel', 'belt u',
  'get hold of', 'better luck with', 'more luck with', 'al (?:suo|mio) posto c[’\'] ?è', 'l[oa] (?:lleva|ve|gestiona|decide)', 'es cosa de',
  'relève de', 'releve de', 'moet (?:u|je) bij', 'daar gaat', 'hier gaat', 'hierover gaat', 'daarover gaat', 'encaminh(?:o|ei) (?:isto |isso )?para',
  'je transf[eè]re (?:votre (?:mail|message) )?à', 'j[’\']ai transmis (?:le dossier |votre (?:mail|message) |ça )?à',
  'doorgestuurd naar', 'doorgezet naar', 'se dirija a', 'dir[ií]jase a', 'rivolgersi a(?:l|lla|ll[’\'])?', 'parlare con',
  'voir avec', 'é com (?:o|a)', 'e com (?:o|a)', 'der hei(?:ß|ss)t', 'die hei(?:ß|ss)t', 'er hei(?:ß|ss)t', 'sie hei(?:ß|ss)t',
  'appelez', 'appeler', 'téléphonez à', 'llame a', 'llama a', 'llámale a', 'llamar a', 'ligue para (?:o|a)', 'liga para (?:o|a)',
  'ring til',
];
/** Hand-over words too common to point at someone by themselves ("I want Monday", "Termin an …"). */
const WEAK_HANDOVER = new Set(['want', 'need', 'an', 'ask']);
// prettier-ignore
const ROLES = [
  'colleague', 'successor', 'replacement', 'owner', 'manager', 'lead', 'head', 'director', 'boss', 'founder', 'CTO', 'CEO',
  'CFO', 'COO', 'VP', 'partner', 'assistant', 'Kollegin', 'Kollegen', 'Kollege', 'Nachfolgerin', 'Nachfolger', 'Chefin',
  'Chef', 'Leiterin', 'Leiter', 'compañera', 'compañero', 'colega', 'responsable', 'collègue', 'successeur', 'collega',
  'responsabile', 'sucesor', 'sucessor', 'successore', 'opvolger', 'directeur', 'directora', 'brother', 'sister', 'son',
  'daughter', 'wife', 'husband', 'dad', 'mum', 'mom', 'father', 'mother', 'cousin', 'flatmate', 'roommate', 'housemate',
  'remplaçante?', 'remplacante?', 'sostitut[oa]', 'sustitut[oa]', 'substitut[oa]', 'vervanger', 'vervangster', 'guy', 'MD',
  'Ansprechpartnerin', 'Ansprechpartner', 'contactpersoon', 'referente', 'interlocut(?:eur|rice)', 'contacto', 'contato',
  's[oó]ci[oa]', 'associée?', 'gerente', 'titolare', 'eigenaar', 'niece', 'nephew', 'Geschäftsführerin', 'Geschäftsführer',
  'gaffer', 'g[ée]rante?', 'patron(?:ne)?', 'jefe', 'jefa', 'capo', 'baas',
];
/** The writer's own assistant is copied in for the diary, not handed the subject ("cc'ing my assistant Megan"). */
const ASSISTANTS = new Set(['assistant']);

/** "instead", "rather", "directly" between a hand-over and the name ("contactez plutôt Marc Dubois"). */
const RATHER =
  '(?:(?:instead|rather|directly|plutôt|plutot|directement|lieber|direkt|liever|direct|mejor|directamente|piuttosto|direttamente|melhor)\\s+)?';

const HANDOVER_NAME = new RegExp(
  `(?<!\\p{L})(?:${HANDOVER.map(anyCase).join('|')})\\s*:?\\s+${RATHER}${DROPPED_TITLE}${TITLE}${ACADEMIC}${NAME}`,
  'u',
);
const ROLE_NAME = new RegExp(roleName(ROLES), 'u');
const ROLE_NAME_HANDED_OVER = new RegExp(roleName(ROLES.filter((r) => !ASSISTANTS.has(r))), 'u');
function roleName(roles: string[]): string {
  return `\\b(?:${roles.map(anyCase).join('|')})\\s*[,:]?\\s+(?:(?:is|was|will be|ist|es|est|é|è|is nu|is now|now is)\\s+)?${DROPPED_TITLE}${TITLE}${ACADEMIC}${NAME}`;
}
/** "da musst du den Kai fragen", "bei Frau Ertl anrufen": the name before the verb that asks or calls. */
const NAME_THEN_ASK = new RegExp(
  `\\b(?:den|die|bei)\\s+${TITLE}${ACADEMIC}${NAME}\\s+(?:fragen|anrufen|ansprechen|melden)\\b`,
  'u',
);
const MENTION = new RegExp(`@()${NAME}`, 'u');
const NAME_BEFORE_CONTACT = new RegExp(
  `(?<![\\p{L}-])${TITLE}${NAME}\\s*(?:[(<\\[:,]\\s*[A-Za-z0-9._%+-]+@|,?\\s+(?:at|via|on|unter|à|a|em|al|op)\\s+[A-Za-z0-9._%+-]+@)`,
  'u',
);
const NAME_ROLE = new RegExp(
  `${TITLE}${NAME}\\s+(?:(?:now\\s+)?(?:handles|owns|runs|leads|manages|looks after|takes care of|deals with|heads up|took over|picked up|has taken over|makes (?:those|these|the|all the|such) decisions)\\b|(?<=[’']s\\s{1,3})(?:area|department|call|remit|domain|thing|responsibility|decision|job)\\b|(?:(?:in|from|at|aus (?:dem|der)|de|du|del|della|van|uit)\\s+)?(?:[A-Za-zÀ-ÿ]+\\s+)?(?:would|will|might|may) know (?:more|better)\\b|(?:aus (?:dem|der)|from|in|de la|du|del|della|van de)\\s+[A-Za-zÀ-ÿ]+\\s+(?:wäre|would be|serait|sería|sarebbe|zou)\\b|(?:now\\s+)?(?:is|would be|handles|owns|runs|leads|manages|ist|wäre|est|serait|es|sería|é|seria|è|sarebbe|is de|gaat)\\s+(?:now\\s+|jetzt\\s+|ahora\\s+|maintenant\\s+)?(?:the right|the best|our|in charge|responsible|your|the person|the one|who you|zuständig|der richtige|die richtige|la bonne|le bon|responsable|la persona|el responsable|a pessoa|o responsável|il responsabile|la persona giusta|verantwoordelijk|de juiste|hierover|this|that|purchasing|procurement|marketing|sales|it\\b))`,
  'u',
);

/** "c'est Hugo qui gère", "es Marta quien lo lleva", "è Franco che decide", "it's Tom who handles it". */
const IT_IS_NAME_WHO = new RegExp(
  `(?:\\b[Cc][’']est|\\b[Ee]s|\\b[Èè]|\\b[Éé]|\\b[Ii]t[’']s|\\b[Ii]t is)\\s+(?:(?:la|le|el|il|o|a)\\s+)?${TITLE}${ACADEMIC}${NAME}\\s+(?:qui|quien|quién|che|quem|que|who)\\b`,
  'u',
);

/** "The new contact for vendor tools is Aisha Khan": the person named as the contact now. */
const NEW_CONTACT_NAME = new RegExp(
  `\\b(?:[Nn]ew|[Rr]ight|[Cc]orrect|[Cc]urrent)\\s+(?:contact|person|point of contact)(?:\\s+for\\s+[a-z ]{1,40}?)?\\s+(?:is|will be)\\s+${DROPPED_TITLE}${TITLE}${ACADEMIC}${NAME}`,
  'u',
);

/** "Jim's new number is 415-555-0137": the person whose new contact the reply gives. */
const NAME_NEW_CONTACT = new RegExp(
  `${TITLE}${NAME}[’']s\\s+new\\s+(?:(?:mobile|cell|work|direct|personal|email|e-mail)\\s+)?(?:number|mobile|cell|phone|email|e-mail|address)\\b`,
  'u',
);

/**
 * "Dave changed his number", "Jorge cambió de número", "Stefan hat eine neue Nummer", "Marco ha cambiato numero":
 * the person whose new number the reply gives.
 */
const NAME_CHANGED_NUMBER = new RegExp(
  `${TITLE}${NAME}\\s+(?:has\\s+|hat\\s+|ha\\s+|a\\s+|heeft\\s+)?(?:changed\\s+(?:his|her|their)|switched\\s+(?:his|her|their)|got\\s+a\\s+new|has\\s+a\\s+new|cambió\\s+(?:de|su)|cambio\\s+de|trocou\\s+de|mudou\\s+de|changé\\s+de|cambiato|eine\\s+neue|een\\s+nieuw)\\s+(?:number|numéro|número|numero|Nummer|nummer|phone|mobile|cell)\\b`,
  'u',
);

/** "I'm not Nadia", "this isn't Dave": the person the message was meant for, named only when a new contact is given. */
const NOT_THAT_PERSON = new RegExp(
  `\\b(?:I[’']?m not|I am not|this isn[’']?t|this is not|não sou o|não sou a|no soy|je ne suis pas|ich bin nicht|non sono|ik ben niet)\\s+()${NAME}`,
  'u',
);

/** Capitalised words that are not names. */
const NOT_NAMES = new Set(
  (
    "I Im I’m I'm I’d I'd I’ll I'll I’ve I've Please Our The Him Her Them Me Us You Sales Marketing Procurement Purchasing Finance Support Team Hi Hello " +
    'Thanks Thank Head Director Manager Department It IT HR Ops Operations Legal Who This That My Your Their ' +
    'Dear Best Regards Sie Ihre Ihr Unser Unsere Der Die Das Bitte Kollegen Abteilung Nuestro Nuestra ' +
    'El La Los Las Notre Nos Le Les Nosso Nossa Il Lo Onze De Het Mijn Monday Tuesday Wednesday Thursday Friday ' +
    'Email E-mail Mail CEO CTO CFO COO VP Instead Anyway Also Now Someone Somebody Anyone Whoever Good Luck ' +
    'She He They We It Who Which Nobody Everyone O A Os As Try Contact Ask Ping Reach Call Write Text Contactez Herrn ' +
    'Escriba Escriban Escribe Escreva Escrevam Scrivete Scriva Scrivi Schreiben Schreibt Stuur Mailen Contacte Contacta Contatta Contattate'
  ).split(' '),
);

const STRONG_HANDOVER_NAME = new RegExp(
  `(?<!\\p{L})(?:${HANDOVER.filter((h) => !WEAK_HANDOVER.has(h))
    .map(anyCase)
    .join('|')})\\s*:?\\s+${RATHER}${DROPPED_TITLE}${TITLE}${ACADEMIC}${NAME}`,
  'u',
);

/**
 * A hand-over followed by words typed in lower case and then an e-mail address ("try mike at mike@…"): read as a name
 * only where the address spells them, never the address itself ("try ops@…").
 */
const HANDOVER_LOWER_CASE = new RegExp(
  `(?<!\\p{L})(?:${HANDOVER.filter((h) => !WEAK_HANDOVER.has(h))
    .map(anyCase)
    .join(
      '|',
    )})\\s*:?\\s+${RATHER}([a-z]+(?:\\s+[a-z]+){0,2}?)(?:\\s+(?:at|via|on)\\s+|\\s*[,:(<-]\\s*|\\s+)[A-Za-z0-9._%+-]+@`,
  'gu',
);

/**
 * The person a reply hands over to ("Try Shaz in ops", "Voyez plutôt avec Julien Moreau", "Priya Nair now owns
 * vendor evaluations", "my colleague Natalie Brooks"), or null: a capitalised name after a hand-over phrase or a
 * role, or before a role. Read on the text as written (names keep their capitals).
 */
export function handedOverTo(text: string): string | null {
  return nameBy([STRONG_HANDOVER_NAME, ROLE_NAME_HANDED_OVER, NAME_ROLE], text);
}

/** The person to contact instead, read above the writer's own signature (whose phone and address are theirs). */
export function extractReferral(reply: string): Referral | null {
  const text = withoutWritersSignature(reply, findName);
  const email = text.match(EMAIL)?.[0] ?? null;
  const phone = findPhone(text);
  const name =
    findName(text) ??
    (email ? nameSpelledBy(text, email) : null) ??
    (email || phone ? nameBy([NOT_THAT_PERSON], text) : null) ??
    (email ? lowerCaseNameOf(text, email) : null);
  if (!email && !phone && !name) return null;
  return { name, email, phone };
}

/** The first e-mail address and phone number of a text (a line of a signature, a postscript). */
export function referralContacts(text: string): { email: string | null; phone: string | null } {
  return { email: text.match(EMAIL)?.[0] ?? null, phone: findPhone(text) };
}

function findName(text: string): string | null {
  return nameBy(
    [
      NAME_BEFORE_CONTACT,
      ROLE_NAME,
      HANDOVER_NAME,
      MENTION,
      NAME_ROLE,
      NAME_NEW_CONTACT,
      NAME_CHANGED_NUMBER,
      NEW_CONTACT_NAME,
      NAME_THEN_ASK,
      IT_IS_NAME_WHO,
    ],
    text,
  );
}

/** An ending after an apostrophe that is no part of the name: English "'s", Turkish case endings ("Yıldız'a"). */
const CASE_ENDING =
  /[’'](s|a|e|ya|ye|na|ne|ı|i|u|ü|yı|yi|yu|yü|ın|in|un|ün|nın|nin|nun|nün|da|de|ta|te|dan|den|tan|ten|la|le|yla|yle)$/;

function nameBy(patterns: RegExp[], text: string): string | null {
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const title = m[1] ?? '';
    const words = m[2].split(/\s+/).filter((w) => !NOT_NAMES.has(w.replace(CASE_ENDING, '')));
    while (words.length && /^(van|von|de|da|del|di|dos|du|le|la|der|den)$/.test(words[words.length - 1]))
      words.pop();
    if (words.length && /^\p{Lu}/u.test(words[0]))
      return `${title}${words.join(' ').replace(CASE_ENDING, '')}`.trim();
  }
  return null;
}

/**
 * A name typed in lower case after a hand-over, its words (three letters or more, no team such as "procurement") all
 * spelled in the e-mail's local part.
 */
function lowerCaseNameOf(text: string, email: string): string | null {
  const local = email.split('@')[0].toLowerCase();
  for (const m of text.matchAll(HANDOVER_LOWER_CASE)) {
    const words: string[] = [];
    for (const word of m[1].split(/\s+/)) {
      const capitalised = word[0].toUpperCase() + word.slice(1);
      if (word.length < 3 || !local.includes(word) || NOT_NAMES.has(capitalised)) break;
      words.push(word);
    }
    if (words.length) return words.join(' ');
  }
  return null;
}

const TITLED_NAME = new RegExp(`${TITLE}${ACADEMIC}${NAME}`, 'gu');
/** Lower case without accents, to compare names and addresses. */
export const foldAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');

/**
 * A capitalised name whose word (three letters or more) the e-mail address spells ("Grace Obi in our London office,
 * grace.obi@…", "Frau Kowalczyk übernommen, erreichbar unter kowalczyk@…"): the address is that person's.
 */
function nameSpelledBy(text: string, email: string): string | null {
  const local = foldAccents(email.split('@')[0]);
  for (const m of text.matchAll(TITLED_NAME)) {
    const words = m[2].split(/\s+/).filter((w) => !NOT_NAMES.has(w.replace(CASE_ENDING, '')));
    if (words.some((w) => w.length >= 3 && local.includes(foldAccents(w.replace(CASE_ENDING, '')))))
      return `${m[1] ?? ''}${words.join(' ').replace(CASE_ENDING, '')}`.trim();
  }
  return null;
}

function findPhone(text: string): string | null {
  const withoutEmails = text.replace(new RegExp(EMAIL.source, 'g'), ' ');
  for (const m of withoutEmails.matchAll(PHONE)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) continue;
    const bare = raw.replace(/^\(/, '');
    if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(bare) || /^(19|20)\d{2}[./-]/.test(bare)) continue;
    return raw;
  }
  return null;
}
