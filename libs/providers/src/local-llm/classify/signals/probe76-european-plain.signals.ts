import { s, type Signal } from './signal';

/**
 * The plain-worded opt-outs of probe 76 in es/fr/de/it/pt/nl (siblings of the English ones): "no es algo que quiera en
 * mi bandeja de entrada", "ce n'est pas quelque chose que je veux recevoir", "das möchte ich nicht in meinem Postfach
 * haben"; "ya he tenido suficiente de sus mensajes", "ich habe genug von Ihren Nachrichten", "mi avete stancato con
 * questi messaggi", "ik heb genoeg van jullie berichten"; "este correo es solo para clientes, no para publicidad";
 * "prefiero que me dejen tranquilo", "preferisco essere lasciato in pace", "ik word liever met rust gelaten"; "je n'ai
 * plus envie de recevoir ce genre de messages". Normalised text (lowercase, no accents, apostrophes as spaces).
 */
const MESSAGES_OTHER =
  '(mensajes|correos|emails|e mails|mails|llamadas|messages|courriels|sms|appels|nachrichten|anrufen|anrufe|messaggi|chiamate|mensagens|chamadas|berichten|telefoontjes|sms jes|whatsapps?)';

/** "… ahora mismo", "… pour l'instant", "… momentan": for now only, a pause. */
const NOT_FOR_NOW =
  '(?![^.!?\\n]{0,30}\\b(ahora|por ahora|de momento|en este momento|maintenant|pour l instant|pour le moment|en ce moment|jetzt|momentan|derzeit|zurzeit|ora|adesso|al momento|per ora|per adesso|agora|por agora|por enquanto|nu|op dit moment|momenteel|voorlopig)\\b)';

export const PROBE76_EUROPEAN_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'not something I want to receive (es/fr/de/it/pt/nl)',
    new RegExp(
      '(?:' +
        [
          '\\bno es algo que (quiera|quiero|deseo|desee) (recibir|en mi (bandeja( de entrada)?|correo|movil|telefono|whatsapp))\\b',
          '\\bce n est pas quelque chose que (je veux|je souhaite|j ai envie de) (recevoir|voir arriver|dans ma boite)\\b',
          '\\b(das|so etwas|sowas|solche [a-z]+|diese [a-z]+) (mochte|will) ich nicht in meinem (postfach|posteingang|e ?mail ?postfach|handy|telefon)\\b',
          '\\bnon e qualcosa che (voglio|desidero|vorrei) (ricevere|nella mia (casella|posta|email))\\b',
          '\\bnao e algo que (eu )?(queira|quero|desejo) (receber|na minha caixa( de entrada)?)\\b',
          '\\b(dit|dat) is niet iets (wat|dat) ik (wil|wens te) (ontvangen|krijgen|in mijn (inbox|mailbox) wil)\\b',
        ].join('|') +
        ')' +
        NOT_FOR_NOW,
    ),
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'had enough of the messages (es/fr/de/it/nl)',
    new RegExp(
      [
        `\\b(ya )?(he tenido|tengo) (suficiente|bastante)s? (de|con) (sus|tus|vuestros|estos|los) ${MESSAGES_OTHER}\\b`,
        `\\bj en ai (assez|marre|ras le bol) de (vos|tes|ces) ${MESSAGES_OTHER}\\b`,
        `\\b(ich habe|ich hab|wir haben) genug von (ihren|deinen|euren|diesen) ${MESSAGES_OTHER}\\b`,
        `\\bmi (avete|hai) (stancato|stufato) con (questi|i vostri|tutti questi|i tuoi) ${MESSAGES_OTHER}\\b|\\bne ho abbastanza dei (vostri|tuoi) ${MESSAGES_OTHER}\\b`,
        `\\b(ik heb|ik ben) genoeg van (jullie|uw|je|deze) ${MESSAGES_OTHER}\\b|\\bik ben (jullie|uw|je|deze) ${MESSAGES_OTHER} zat\\b`,
      ].join('|'),
    ),
  ),
  s(
    'unsubscribe',
    4,
    'the address is for clients, not for advertising (es/fr/de/it/pt/nl)',
    /\b(este|esta|mi|cette|mon|ce|questo|il mio|o meu|este|dit|mijn|diese|meine) ([a-z]+ )?(correo|direccion|email|e mail|numero|telefono|adresse|mail|indirizzo|endereco|adres|nummer|mailadres|e mailadres|handynummer) (es|est|e|is|ist) (solo|solamente|reservee?|uniquement|seulement|so|somente|apenas|alleen|nur|exclusivamente)( reservee?)? (para|pour|per|voor|fur|aux|a|au)( [a-z]+){1,3},? (no|pas|non|nao|niet|nicht|y no|et non|e non|e nao|en niet|und nicht) (para|pour|a|per|voor|fur)( la| le| les| el| a| de)? (publicidad|publicite|pub|pubblicita|publicidade|reclame|werbung|prospection|demarchage|marketing|promociones|promozioni|promocoes|ventas|vendite|vendas|verkoop|verkauf|acquisitie|akquise|comerciales|commerciaux)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'would rather be left alone (es/fr/it/nl)',
    /\bprefiero que me (dejen|dejeis|dejes) (tranquil[oa]|en paz)\b|\bje prefere (qu on me laisse|que vous me laissiez) (tranquille|en paix)\b|\bpreferisco (essere lasciat[oa]|che mi lasciate|che mi lasciaste) in pace\b|\bik word liever met rust gelaten\b|\blaat (me|mij|ons) (liever )?met rust\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    "n'a plus envie de recevoir ces messages (fr)",
    new RegExp(
      `\\b(je n ai|nous n avons) plus (envie|besoin) de (recevoir|lire|avoir) (ce genre de |ce type de |vos |ces |tes |de )${MESSAGES_OTHER}\\b`,
    ),
  ),
];
