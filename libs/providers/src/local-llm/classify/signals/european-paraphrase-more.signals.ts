import { MONTHS, s, type Signal } from './signal';

/**
 * Replies of the six European languages reworded as another native speaker would (probe27). Opt-outs: "ich möchte
 * keinerlei Kontakt mehr mit Ihrem Unternehmen", "ik wil geen nieuwsbrieven of aanbiedingen meer ontvangen" (two
 * things refused at once), "no sigan enviándome nada" / "ne continuez pas à m'envoyer" (keeping on, negated). Look-alikes: asking to keep getting the messages ("no me den de baja, me encantan",
 * "nicht abbestellen, ich find das super", "sigan enviándome", "continuem mandando", "blijf die updates sturen") is
 * interest ("continuate pure a scrivermi": probe 79); a broken link to unsubscribe ("il link per cancellarsi non funziona") is a question; a budget or a call
 * put off to a later quarter or month ("só teremos orçamento no segundo trimestre", "sentiamoci a febbraio") is a
 * timing objection, not a meeting.
 */

const BROKEN =
  '(broken|not work|does not work|404s?|error|errore|erreur|fehler|erro|fout|funziona|funciona|marche pas|fonctionne pas|geht nicht|funktioniert nicht|werkt niet|kaputt|rotto|quebrado|quebrada|roto|rota|kapot)';
/** Getting off a list, as the infinitive after "the link to ..." in the six languages. */
const LEAVING =
  '(cancellarsi|cancellarti|cancellarmi|togliersi|rimuoversi|disiscriversi|disiscriverti|darse de baja|darte de baja|darme de baja|baja|desuscribirse|desuscribirte|se desinscrire|vous desinscrire|se desabonner|vous desabonner|desinscription|desabonnement|se descadastrar|descadastrar|descadastro|sair da lista|uitschrijven|afmelden|abmelden|abbestellen|austragen)';
const QUARTER =
  '(primeiro|segundo|terceiro|quarto|primer|tercer|cuarto|premier|deuxieme|second|troisieme|quatrieme|ersten|zweiten|dritten|vierten|primo|secondo|terzo|eerste|tweede|derde|vierde) (trimestre|quartal|kwartaal|semestre|halbjahr)';
/** A negation right before: "no sigan enviándome", "ne continuez pas" is the opposite. */
const NOT_NEGATED = '(?<!\\b(no|nao|non|ne|niet|nicht|pas|nunca|jamais|mai) )';

// prettier-ignore
export const EUROPEAN_PARAPHRASE_MORE_GUARDS: Signal[] = [
  s('interested', 3, 'asks to keep getting the messages (es/pt/it/fr/nl/de)', new RegExp(`${NOT_NEGATED}\\b(sigan|siga|sigue|seguid|continuen|continue|continua|continuem|continuate|continuez|continuer) ((pure|tranquillamente|ancora|tranquilamente|donc|gerust|ruhig) )?(enviandome|mandandome|enviandonos|mandandonos|mandando|enviando|escribiendome|a mandar(me)?|a enviar(me)?|a (mandarmi|inviarmi|scrivermi|mandare|inviare)|a (m|nous) (envoyer|ecrire)|de (m|nous) (envoyer|ecrire))\\b|${NOT_NEGATED}\\b(blijf|blijft|blijven)\\b[^.!?\\n]{0,30}\\b(sturen|mailen|versturen|appen)\\b|(^|[.!?,;]\\s*)(bitte |aber )?(nicht|keinesfalls|auf keinen fall) (abbestellen|abmelden|austragen)\\b|\\bno (me|nos) (den|des|de|dar|deis) de baja\\b`), 'guard'),
  s('question', 2, 'the link to unsubscribe is broken (it/es/fr/pt/nl/de)', new RegExp(`\\b(link|enlace|lien|bouton|botao|pulsante|knop|knopf|link de|link del)\\b( [a-z]+){0,2} (per|para|pour|om|zum|de|di|da|to|van|do) (te |je )?${LEAVING}\\b[^.!?\\n]{0,60}\\b${BROKEN}`), 'guard'),
];

// prettier-ignore
export const EUROPEAN_PARAPHRASE_MORE_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'asks them not to keep sending (es/pt/it/fr)', /\b(no|nao|non) (sigan|siga|sigas|continuen|continue|continuem|continuate|continuare) (enviandome|mandandome|escribiendome|llamandome|enviandonos|mandandonos|me enviando|me mandando|mandando|enviando|ligando|a (mandar|enviar|ligar|escrever)(me)?|a (mandarmi|inviarmi|scrivermi|chiamarmi))\b|\bne (continuez|continue) (pas|plus) (a|de) (m|nous) (envoyer|ecrire|appeler|contacter|relancer)\b/),
  s('unsubscribe', 4, 'wants no more contact at all (de)', /\b(mochte|mochten|will|wollen|wunsche|wunschen)\b( [a-z]+){0,4} (keinerlei|keinen|keinen weiteren) (weiteren )?kontakt\b(?= mehr\b| mit (ihnen|euch|dir|ihrem|ihrer|eurem|eurer|ihrer firma)\b| zu (ihnen|euch|ihrem|ihrer)\b|\s*[.!,]|\s*$)/),
  s('unsubscribe', 4, 'no more of two things (nl)', /\b(wil|willen|hoef|hoeven|wens|wensen) (graag |echt |hier )?geen (e ?mails|emails|mails|berichten|nieuwsbrieven|aanbiedingen|reclame|sms jes|smsjes|sms|appjes|telefoontjes|mailings|acties|offertes)( (of|en|en ook|of andere) (e ?mails|emails|mails|berichten|nieuwsbrieven|aanbiedingen|reclame|sms jes|smsjes|sms|appjes|telefoontjes|mailings|acties|offertes|andere [a-z]+))+ meer\b/),
  s('not_now', 3, 'budget only in a later quarter (pt/es/fr/de/it/nl)', new RegExp(`\\b(orcamento|verba|presupuesto|budget|etat)\\b[^.!?\\n]{0,40}\\b(no|na|en el|au|im|nel|in het|in|a partir do|a partir del|ab dem|dal|vanaf het|ab|vor dem|avant le|antes del|antes do|prima del|voor het) ${QUARTER}\\b`)),
  s('not_now', 3, 'get in touch again at that time (pt)', /\b(voltem|volte|voltar) a (contactar|contatar|falar|procurar)( me| nos| comigo| connosco| conosco)? (nessa altura|nesse momento|nessa epoca|entao|depois|mais tarde|nessa data)\b/, 'negatable'),
  s('not_now', 3, 'talks again in a later month (it)', new RegExp(`\\b(sentiamoci|risentiamoci|ci sentiamo|ci risentiamo|riparliamone|ne riparliamo|parliamone) (a|in|verso|dopo|a inizio|a fine|a meta|ad|dopo le|per) (${MONTHS}|le feste|natale|l estate|pasqua|l anno nuovo|capodanno)\\b`)),
  s('not_now', 3, 'no time right now (it)', /\b(adesso|ora|in questo momento|al momento|per ora) non (ho|abbiamo) tempo\b/),
];
