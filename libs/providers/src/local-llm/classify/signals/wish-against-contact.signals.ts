import { s, type Signal } from './signal';

/**
 * The writer's wish that the sender stop contacting them (session 59's own probe): "I don't want you to contact me
 * anymore", "we do not want your company calling us", in the seven languages and Hindi ("je ne veux pas que vous me
 * contactiez", "ich will nicht, dass Sie mich anrufen", "non voglio che mi chiamiate", "não quero que vocês me
 * contatem", "ik wil niet dat jullie me nog bellen", "main nahi chahta ki aap mujhe call karein"). A time limit
 * after it ("… before 10", "… avant lundi") leaves it a pause; another channel named ("I don't want you to call me,
 * email me instead") is a preference (opt-out-scope).
 * Not interested in receiving them, or not needing them, in the other languages (as "Not interested in receiving
 * this" and "I don't need your messages" already are): "No me interesa recibir esto", "Non mi interessa ricevere
 * queste cose", "Não tenho interesse em receber isso", "Je ne suis pas preneur de ces messages", "Je n'ai pas besoin de
 * vos messages", "Ich brauche Ihre Nachrichten nicht", "Das will ich nicht bekommen", "Ik heb geen behoefte aan deze
 * berichten"; "no interest in this offer" stays a plain refusal.
 * The same said of the messages or the contact itself: "These messages are unwelcome.", "Your texts are not
 * welcome here.", "I decline further contact.", "Don't waste your time texting me.", "Pretend you never got my
 * number." (as "Forget you ever had this number." is).
 * Patterns read the normalised text (lowercase, no accents, "don't" → "do not").
 */
const MESSAGES_ML =
  '(messages|mensajes|mensagens|messaggi|nachrichten|berichten|berichtjes|mails|e ?mails|emails|correos|sms|sms jes|appels|llamadas|ligacoes|chiamate|anrufe|telefoontjes|relances|newsletter|newsletters)';

export const WISH_AGAINST_CONTACT_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'not interested in receiving them, or not needing them (multilingual)',
    new RegExp(
      [
        `\\bno (me|nos) interesa (recibir|seguir recibiendo)( (esto|estos|eso|esos|estas|esas|sus|tus|vuestros|vuestras|mas|nada|ningun|ninguna|sus)\\b| ${MESSAGES_ML}\\b|\\s*([.!,;]|$))`,
        `\\bno (tengo|tenemos) (ningun )?interes en (recibir|seguir recibiendo)( (esto|estos|eso|esos|estas|esas|sus|tus|vuestros|vuestras|mas|nada)\\b| ${MESSAGES_ML}\\b|\\s*([.!,;]|$))`,
        `\\bnon (mi|ci) interessa (piu )?(ricevere|continuare a ricevere)( (queste|questi|questo|i vostri|le vostre|piu|nulla|niente|altro)\\b| ${MESSAGES_ML}\\b|\\s*([.!,;]|$))`,
        `\\bnao (tenho|temos) (nenhum )?interesse em (receber|continuar recebendo|continuar a receber)( (isso|isto|estas|estes|essas|esses|suas|seus|mais|nada)\\b| ${MESSAGES_ML}\\b|\\s*([.!,;]|$))`,
        `\\bnao (me|nos) interessa receber( (isso|isto|estas|estes|essas|esses|suas|seus|mais|nada)\\b| ${MESSAGES_ML}\\b|\\s*([.!,;]|$))`,
        '\\b(pas|aucunement|nullement) interesse(e|s|es)? (par|a) (recevoir|l envoi de)\\b',
        `\\b(je ne suis|nous ne sommes) pas preneurs? (de|des) (ces|vos|tes) ${MESSAGES_ML}\\b`,
        `\\b(je n ai|nous n avons) (pas|aucunement|nullement) besoin de (vos|ces|tes) ${MESSAGES_ML}\\b`,
        `\\b(ich|wir) (brauche|brauchen) (ihre|eure|deine|diese|solche) ${MESSAGES_ML}( (nicht|wirklich nicht|nicht mehr))?\\b`,
        '\\b(das|so etwas|sowas|diese (mails|nachrichten|e ?mails)) (will|mochte|wollen|mochten) (ich|wir) nicht (mehr )?(bekommen|erhalten|haben)\\b',
        `\\bno (necesito|necesitamos) (sus|tus|estos|esos|vuestros) ${MESSAGES_ML}\\b`,
        `\\bnon (ho|abbiamo) bisogno (dei vostri|dei tuoi|di questi|delle vostre|delle tue|di queste) ${MESSAGES_ML}\\b`,
        `\\bnao (preciso|precisamos) (das suas|dos seus|destas|destes|dessas|desses|das tuas|dos teus|de) ${MESSAGES_ML}\\b`,
        `\\b(ik heb|wij hebben|we hebben) (geen behoefte aan|niets aan|geen interesse in) (jullie|uw|je|deze|dit soort|die) ${MESSAGES_ML}\\b`,
        '\\b(ik heb|wij hebben|we hebben) geen (behoefte|interesse) (aan|in) het ontvangen van\\b',
      ].join('|'),
    ),
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'the messages are unwelcome',
    /\b(these|your|the|such|this|any( more)?|further) ([a-z]+ )?(messages|texts|emails|e mails|calls|mails|approaches|solicitations|pitches|outreach|newsletters|mailers|whatsapps|voicemails|dms)( from (you|your [a-z]+))? (are|is|were|remain) (really |very |totally |completely |most |entirely )?(unwelcome|unwanted|not welcome|not wanted|not appreciated|a nuisance|harassment|intrusive)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'declines further contact',
    /\b(i|we) (decline|refuse|reject) (any |all )?(further|future|more|any) (contact|communication|communications|messages|emails|calls|texts|correspondence|outreach)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'no point contacting the writer',
    /\b(do not|dont) (waste|bother wasting) (your|ur) (time|breath|energy|effort) (texting|emailing|e mailing|calling|messaging|ringing|writing to|contacting|chasing|following up with) (me|us)\b|\b(pretend|act like|act as if|imagine) (you|u) (never|did not ever) (got|had|saw|found) (my|this|our) (number|email|e mail|address|details|contact)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'does not want the sender to contact them',
    /\b(i|we)( (really|just|honestly|simply|truly))? (do not|dont|no longer) (want|wish) (you|u|ya|your ([a-z]+ )?(company|team|firm|people|reps|agents|staff|business|organisation|organization|guys))( (guys|people|all))? (to )?((contact|call|ring|phone|email|e mail|text|message|bother|pester|approach|spam|chase|write to|reach out to|follow up with)|(contacting|calling|ringing|phoning|emailing|e mailing|texting|messaging|bothering|pestering|approaching|spamming|chasing|writing to|reaching out to|following up with)) (me|us)\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'does not want the sender to contact them (multilingual)',
    new RegExp(
      [
        '\\b(je|nous) ne (veux|voulons|souhaite|souhaitons|desire|desirons) (pas|plus) (que )?(vous|tu|qu on|on) (me|m|nous) (contactiez|contactes|contacte|appeliez|appelles|appelle|rappeliez|ecriviez|ecrives|ecrive|relanciez|relances|relance|sollicitiez|sollicite|harceliez|derangiez)\\b',
        '\\b(ich|wir) (will|mochte|mochten|wollen|wunsche|wunschen) (nicht|nicht mehr|keinesfalls),? dass (sie|ihr|du|man) (mich|uns) ([a-z]+ ){0,3}(kontaktieren|kontaktiert|kontaktierst|anrufen|anruft|anrufst|anschreiben|anschreibt|anmailen|belastigen|belastigt|schreiben|schreibt|schreibst|mailen|mailt)\\b',
        '\\bnon (voglio|vogliamo|desidero|desideriamo) (piu )?che (mi|ci) (contattiate|contatti|chiamiate|chiami|scriviate|scriva|scrivi|telefoniate|disturbiate|cerchiate)\\b',
        '\\bnao (quero|queremos|desejo|desejamos) (mais )?que (voces |vcs |vc |voce |o senhor |a senhora )?(me|nos) (liguem|ligue|contatem|contate|contactem|contacte|escrevam|escreva|mandem|mande|procurem|procure|incomodem|incomode)\\b',
        '\\b(ik|wij|we) (wil|willen|wens|wensen) niet (meer )?dat (jullie|u|je|jij|men) (me|mij|ons) (nog )?(meer )?(belt|bellen|mailt|mailen|benadert|benaderen|contacteert|contacteren|appt|appen|lastigvalt|lastigvallen)\\b',
        '\\b(main|mai|hum) (nahi|nahin|nhi) (chahta|chahti|chahte)( (hu|hoon|hun|hain|hai))? (ki )?(aap|ap|tum|aapki company|aap log) (mujhe|muje|hume|humein|hamein) (call|message|msg|email|sms|contact|phone)',
        '(मैं|हम) नहीं (चाहता|चाहती|चाहते)( (हूँ|हूं|हैं))? (कि )?(आप|तुम) (मुझे|हमें) (कॉल|मैसेज|संपर्क|ईमेल|फोन|फ़ोन)',
      ].join('|'),
      'u',
    ),
    'temporal',
  ),
];
