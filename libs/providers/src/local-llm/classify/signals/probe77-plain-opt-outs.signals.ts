import { s, type Signal } from './signal';

/**
 * Plain-worded opt-outs of probe 77 in the other languages, without the usual keywords. Normalised text (lowercase,
 * no accents, apostrophes and hyphens as spaces).
 */
const MESSAGE =
  '(nachricht|mail|e mail|email|sms|message|mail|courriel|mensaje|correo|messaggio|mensagem|bericht|berichtje|text|email)';
const FROM_YOU =
  '(von ihnen|von euch|von dir|de vous|de votre part|de ta part|de ustedes|de usted|de vosotros|de ti|da voi|da te|da lei|de voces|de voce|de vcs|van jullie|van u|van je|from you|from your (company|team|firm))';

export const PROBE77_PLAIN_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'the last message wanted from the sender (de/fr/es/it/pt/nl/en)',
    new RegExp(
      [
        `\\b(das|dies|diese) (war|ist) (die|meine) letzte ${MESSAGE},? die ich ${FROM_YOU} (bekommen|erhalten|lesen|haben) (mochte|will|wollte)\\b`,
        `\\b(c est|c etait|ce sera) (le|mon) dernier ${MESSAGE} que je (veux|souhaite|voulais|tiens a) (recevoir|lire|avoir) ${FROM_YOU}\\b`,
        `\\b(este|ese) (es|fue|ha sido|sera) el ultimo ${MESSAGE} que (quiero|deseo|pienso) (recibir|leer) ${FROM_YOU}\\b`,
        `\\b(questo|quest|questa) (e|era|sara) (l ultimo|l ultima) ${MESSAGE} che (voglio|desidero) (ricevere|leggere) ${FROM_YOU}\\b`,
        `\\b(essa|esta|esse|este) (e|foi|sera) (a|o) ultim[oa] ${MESSAGE} que (eu )?(quero|desejo) (receber|ler) ${FROM_YOU}\\b`,
        `\\b(dit|dat) (is|was|wordt) (het|mijn) laatste ${MESSAGE} (dat|wat) ik ${FROM_YOU} (wil|wens te) (ontvangen|krijgen|lezen)\\b`,
        `\\b(this|that) (is|was|will be) the last ${MESSAGE} i (want|wish|intend) to (get|receive|read) ${FROM_YOU}\\b`,
      ].join('|'),
    ),
  ),
  s(
    'unsubscribe',
    4,
    'enough of the e-mails (pt)',
    /\bchega (de|dess[ae]s?|destes?|destas?|com (ess[ae]s?|est[ae]s?|as|os)) (e ?mails?|emails?|mensagens?|mensagenzinhas|sms|ligacoes|spam|propagandas?|whatsapps?|zaps?|newsletters?)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'no point writing to me again (fr)',
    /\b(ce n est )?(pas la peine|inutile|plus la peine) de (me (recontacter|relancer|reecrire|reappeler|solliciter)|m ecrire (a nouveau|encore|de nouveau|plus)|m envoyer (d autres|encore des|plus de) (messages|mails|e mails|sms|courriels))\b/,
  ),
  s(
    'unsubscribe',
    4,
    'is there a way to take me off (pt)',
    /\btem (como|jeito|algum jeito|alguma forma) (de )?(me (tirar|remover|excluir|descadastrar)|tirar meu (numero|nome|email|e mail|contato)|parar de me (mandar|enviar))\b/,
  ),
  s(
    'unsubscribe',
    4,
    'how do I get off this list (hi, Latin script)',
    /\b(mujhe|mujhko|mera (number|naam|email|no))( [a-z]+){0,2} (list|group|mailing list|contact list) se kaise (hatu|hataun|hatau|hatna|hatwaun|hatwau|hate|nikalu|niklu|niklun|nikalna|nikle)\b/,
  ),
];
