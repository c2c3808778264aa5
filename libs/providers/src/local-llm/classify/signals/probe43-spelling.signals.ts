import { MONTHS, s, type Signal } from './signal';

/**
 * Opt-outs and their look-alikes typed the way people type (probe 43: nl, fr, de, es, it, pt, their regional
 * variants and chat spelling). Accents, case, dictated punctuation, chat shorthand ("x ahora", "qst", "jveux"),
 * swapped letters and French sound-alike spelling ("je veut") are folded by normaliseText; what is left are the words and
 * turns the standard patterns do not know:
 * - fr-CA "texter" (to text) and French chat without its "ne" ("je veux plus de vos mails", "ne plus me textez");
 * - de-CH and de-AT/Bavarian dialect ("hort uf mir z schribe", "schribed mir numme", "lassts mi in ruh", "ned
 *   jetzt");
 * - the Italian negative imperative to several people ("non scrivete piu", "nn mandate piu msg"); not to someone
 *   else ("non scrivete più a Marco", probe 40), but to this number or to the writer;
 * - Dutch "stuur hier niks meer heen" (send nothing here any more);
 * - a refusal limited to now with a month or a later time to come back ("no me interesa x ahora, escribanme en
 *   marzo"): not now, where the refusal alone stays not interested.
 * Look-alikes stay out: "je veux plus d infos" (more information), "non scrivete piu di una volta" (not more
 * than), "ned" outside a German "now", and a sentence that asks for something or moves to another channel ("je veux
 * plus de vos relances, envoyez juste le devis", "non chiamate piu il fisso, usate il cellulare"). Patterns read the normalised text (lowercase, no accents, "don't" → "do not").
 */

/** A contact verb of French chat, "texter" (fr-CA: to text) with the rest. */
const FR_TEXT = '(texter|textez|texte|textes|texto|textos)';

/** The writer's messages, as a French writer names them. */
const FR_CONTACT_NOUNS =
  '(messages|message|mails|emails|email|sms|textos|appels|pubs|publicites|relances|newsletters|courriels|notifications)';

/** Not where the same sentence asks for something or points to another channel ("…, envoyez juste le devis"). */
const FR_NOT_ELSEWHERE =
  '(?![^.!?\\n]{0,80}\\b(envoyez|envoie|envoyer|mandez|passez|appelez|utilisez|plutot|ecrivez (a|sur|par|plutot)|ecris (a|sur|par|plutot))\\b)';

/** A later time to come back at: a month, after a season or holiday, next year, more ahead. */
const LATER = `(en|a|in|a partir de|despues de|dopo|apres|em|depois de) (${MONTHS}|enero|(el |l |o )?(proximo|prochain|prossimo) (ano|annee|anno|mes|mois|mese)|navidad|reyes|noel|natale|pascua|pasqua)\\b|\\b(mas adelante|plus tard|piu avanti|mais para frente)\\b`;

export const PROBE43_SPELLING_GUARDS: Signal[] = [
  s(
    'not_now',
    5,
    'not interested for now, come back later (es/it/fr/pt)',
    new RegExp(
      `\\b(no (me|nos) interesa|non (mi|ci) interessa|pas interesse|pas interesses|nao (me|nos) interessa) (por|per|pour|para) (ahora|ahorita|el momento|ora|adesso|il momento|le moment|l instant|agora|o momento)\\b(?=[^?]{0,80}\\b(escrib|contact|llam|habl|busc|vuelv|recontact|risent|ricontatt|richiam|riscriv|scriv|chiam|sentiam|rappel|ecriv|revene|procur|chama|fala|volt)[a-z]* [^?]{0,30}?${LATER})`,
    ),
    'guard',
  ),
];

export const PROBE43_SPELLING_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'stop texting me (fr-CA texter)',
    new RegExp(
      `\\b(arretez|arrete|arreter|cessez|cesser|stoppez) (de |d )?(me |m |nous )?${FR_TEXT}\\b|\\bne (plus|pu|pus) (me |m |nous )?${FR_TEXT}\\b|\\bne (me |m |nous )?${FR_TEXT} (plus|pu|pus|jamais)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'no more of your messages, French chat without ne',
    new RegExp(
      `\\bje (ne )?(veux|veu) (plus|pu|pus) (de |d )?(vos|tes|ces|tous ces) ${FR_CONTACT_NOUNS}\\b${FR_NOT_ELSEWHERE}|\\b(oubliez|oublie|effacez|efface|supprimez|supprime) (mon|mes|notre) (num|numero|tel|telephone|mail|adresse|contact)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'stop writing to me (de-CH, de-AT dialect)',
    /\b(hor|hort|horet|horit|hord|lost) (jetzt |endlich |doch |bitte )?(uf|uuf|auf) (mir|mich|mi|eus|us|uns) (z |ze |zu )?(schribe|schriibe|schicke|mailen|mailed|aalute|alute|telefoniere|nerve|schreiben|schicken)\b|\b(schribed|schribet|schribt|schickt|schicked|mailed|luted|aaluted|schreibts|schickts|ruafts|rufts) (mir|mi|eus|us|ma|uns) (bitte |bitteschon )?(num|nume|numme|numm|nummi|nimma|nimmer|nimmermehr)\b|\b(lass|lasst|lassts|lassen s|lassen sie|losst|lossts) (mi|mich|uns|ins) (bitte |endlich |doch )?in (ruh|ruah|ruhe|friedn|frieden)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'the Italian negative imperative: do not write any more (it)',
    /\bnon (mi |ci )?(scrivete|mandate|inviate|contattate|chiamate|cercate|disturbate|telefonate|mandatemi|scrivetemi|contattatemi|cercatemi) (piu|mai piu)\b(?! (di|tardi|spesso|del|della|dello|degli|delle|che)\b)(?! (a|ad|al|alla|allo|agli|alle) (?!(me|noi|questo|questa|quest|mio|mia|miei|mie|nostro|nostra|numero|indirizzo|cellulare|telefono|nessuno)\b)[a-z]+)(?![^.!?\n]{0,80}\b(usate|usa|utilizzate|preferisco|meglio|piuttosto|invece|mandate|mandatemi|scrivetemi (su|a|per|al)|chiamatemi (su|al))\b)/,
  ),
  s(
    'unsubscribe',
    4,
    'send nothing here any more (nl)',
    /\bstuur (hier|naar hier|naar dit nummer|naar dit adres|mij|me|ons) (niks|niets|geen [a-z]+) meer\b/,
  ),
];

export const PROBE43_SPELLING_SIGNALS: Signal[] = [
  s(
    'not_now',
    3,
    'not now (de-AT, Bavarian, Swabian ned / nid)',
    /\b(ned|nid|nit) (jetzt|jetz|grad|gerade|momentan|im moment)\b|\bjetzt (grad |gerade )?(ned|nid|nit)\b/,
  ),
];
