import { s, type Signal } from './signal';

/**
 * Where an opt-out meets the other negative labels and a question (probe25), as the set's first files draw it: a
 * first-person question about how to stop getting the messages is a request ("is there any way to stop receiving
 * your texts?", "wie komme ich aus Ihrem Verteiler raus?", "come faccio a non ricevere più i vostri messaggi?",
 * "como paro de receber esses emails?"), unlike a question about other people's opt-out or a partial one; a wrong
 * number followed by "delete it" or "no more writing" is an opt-out, not only a wrong number ("Falsche Nummer,
 * löschen Sie die bitte", "mauvais numéro, prière de ne plus envoyer de SMS"); a whole team removed with the writer
 * in it ("take the whole team off your list, me included") is the writer's opt-out too. Look-alikes stay out: "is
 * there a way to stop the reminders on Sundays?", "how do my customers stop getting these?", "falsche Nummer, hier
 * wohnt keine Frau Schulz", "remove everyone except me from the list" (others removed, the writer stays).
 */

/** What gets sent, in the words of a how-to question (English). */
const THESE =
  '(these|this|them|those|your (e ?mails|emails|texts|messages|calls|newsletters?|mailings?)|the (e ?mails|emails|texts|messages|calls|newsletters?|mailings?)|(e ?mails|emails|texts|messages|calls) from you)';

/** Taken off a meeting, a thread or a chat rather than a mailing ("remove all of us from the invite"). */
const NOT_A_MEETING =
  '(?! ((the|this|that|your|our|my) )?([a-z]+ )?(invite|invitation|meeting|call|calendar|thread|chat|group|demo|webinar|cc|email chain|chain)\\b)';

const REMOVE = '(remove|take|delete|drop|strike|scrub|unsubscribe)';
/** A whole team or company, named so that the writer is in it. */
const EVERYONE =
  '(everyone|everybody|all of us|us all|all our (staff|team|people|addresses|emails|contacts)|the whole (team|company|office|practice|clinic|firm))';
const ME_TOO = '(including me|me included|myself included|and me|including myself|me too|me as well)';
const A_LIST = '(your|the|this|these|any|all|every)';

/** A wrong number or address, in six languages (normalised). */
const WRONG_NUMBER =
  '(falsche (nummer|handynummer|telefonnummer|adresse|e ?mail ?adresse|e ?mail|person)|numero (equivocado|incorrecto|sbagliato|errato|errado)|(mauvais|faux) numero|(verkeerd|verkeerde|fout|foute) (nummer|adres|e ?mailadres|persoon))';
/** "Delete it" with the number as a pronoun, right after the wrong number ("bórrelo", "cancellatelo", "verwijder het"). */
const DELETE_IT =
  '((loschen|entfernen|streichen|sperren) sie (bitte )?(sie|die|diese|die nummer|diese nummer|die adresse|diese adresse)|(borr|elimin|quit)(e|en|ad|a)(lo|la)|(cancella|elimina|togli|rimuovi)(te)?(lo|la)|(cancellate|eliminate|togliete|rimuovete) (il|questo) numero|verwijder (het|dit nummer|het nummer|dit adres|mij|me)|haal (het|dit nummer|mij|me) (eruit|weg|uit (de|jullie|uw) (lijst|bestand|systeem))|(apague|apaguem|remova|removam|tire|tirem|exclua|excluam)( ele| ela| (o|este|esse) (numero|contato|contacto)|( no| o)(?=\\s*([.!,;]|$|por favor|obrigad)))|(supprimez|effacez|retirez|supprime|efface) (ce numero|le numero|cette adresse|(le|la)(?=\\s*([.!,;]|$|svp|s il vous plait|merci|de (votre|vos|ce|cette|la) (liste|fichier|fichiers|base|systeme)))))';

// prettier-ignore
export const BOUNDARY_OPT_OUT_GUARDS: Signal[] = [
  s('neutral', 0, 'removes the others, not the writer', new RegExp(String.raw`\b${REMOVE} (everyone|everybody|all|all of them|all the others|the others|the rest( of them| of the team)?) (else )?(except|but|other than|apart from|besides|save for|save) (me|myself|us|ourselves)( (from|off|out of|on) (the|this|that|your|our) ([a-z]+ )?(list|lists|thread|invite|chain|mailing|mailing list|group|distribution|cc|loop))?\b`), 'guard'),
];

// prettier-ignore
export const BOUNDARY_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'asks if there is a way to stop getting these', new RegExp(`\\b((is there|there is|any|what is the|whats the)( a| any| an| an easy| some)? (way|option|means|button|link|setting)( for me)?( i can| to)|is it possible( for me)? to|can i( just)?) (stop (getting|receiving) ${THESE}|get (off|out of) (this|your|the) (list|mailing list|mailing))\\b`), 'temporal'),
  s('unsubscribe', 4, 'asks how to get off the list (de)', /\bwie (komme|kriege|bekomme|kann) ich (mich )?(von|aus) (dieser|der|ihrer|eurer|dem|ihrem|eurem|diesem) (e ?mail ?)?(liste|verteiler|mailingliste|newsletter|datenbank|kartei) (runter|raus|heraus|herunter|austragen|abmelden|loschen)\b|\bwie (kann|konnte) ich (mich )?(abmelden|austragen)\b|\bwie (melde|trage) ich mich (ab|aus)\b|\bwie (kann|konnte) ich (diese|ihre|eure|die) ([a-z]+ )?(e ?mails|mails|nachrichten|sms|anrufe|newsletter) (abbestellen|stoppen|loswerden)\b/),
  s('unsubscribe', 4, 'chiede come non ricevere piu (it)', /\bcome (faccio|posso|si fa|devo fare|fare) (a |per )?(non (ricevere|avere) piu|non essere piu (contattat|disturbat)\w*|disiscrivermi|cancellarmi|togliermi|farmi (cancellare|togliere|rimuovere)|uscire da (questa|questa mailing|vostra|la vostra|questa lista|sta lista))\b/),
  s('unsubscribe', 4, 'pergunta como parar de receber (pt)', /\bcomo (eu )?(paro|parar) de receber\b|\bcomo (eu )?(faco|posso|faz|fazer|consigo)( (pra|para))?( (eu|me))? (parar de receber|nao receber mais|deixar de receber|sair (da|desta|dessa|de sua|da sua|da vossa) lista|me descadastrar|me remover|ser removid\w*)\b(?![^.!?\n]{0,30}\b(meus|nossos) (clientes|contatos|contactos|usuarios|utilizadores)\b)/),
  s('unsubscribe', 4, 'wrong number, delete it (de/es/it/nl/pt/fr)', new RegExp(String.raw`\b${WRONG_NUMBER}\b[^\n]{0,60}\b${DELETE_IT}\b`)),
  s('unsubscribe', 4, 'vraagt hoe van de lijst af te komen (nl)', /\bhoe (kom|raak|kan) ik (me |mij )?(van|uit) (deze|jullie|uw|die|de|dit) (lijst|mailinglijst|verzendlijst|nieuwsbrief|database|bestand|systeem)( (af|uit|afkomen|uitkomen|afmelden|uitschrijven))?\b/),
  s('unsubscribe', 4, 'merci de ne plus ecrire (fr)', /\b(merci de|priere de|veuillez|je vous prie de|je vous demande de|svp) ne plus (ecrire|envoyer|appeler|contacter|relancer|texter|spammer|ecrire a ce numero|envoyer de (messages|sms|mails|e mails|courriels)|rien envoyer)( (ici|a ce numero|sur ce numero|a cette adresse|a cette adresse mail))?\s*([.!,;]|$)/, 'temporal'),
  s('unsubscribe', 4, 'removes everyone, the writer included', new RegExp(String.raw`\b${REMOVE} ${EVERYONE}\b([^.!?\n]{0,60}\b${ME_TOO}\b[^.!?\n]{0,30}\b(from|off|out of)\b${NOT_A_MEETING}|[^.!?\n]{0,40}\b(from|off|out of) ${A_LIST}\b${NOT_A_MEETING}[^.!?\n]{0,30}\b${ME_TOO}\b)|\b${REMOVE} (all of us|us all|everyone here|everybody here|the lot of us)\b[^.!?\n]{0,40}\b(from|off|out of) ${A_LIST}\b${NOT_A_MEETING}`)),
];
