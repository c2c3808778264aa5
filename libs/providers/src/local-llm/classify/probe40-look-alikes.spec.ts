import type { ReplyLabel } from '../../llm/llm-tasks';
import { labelReplyText } from './reply-classifier';
import { extractReferral } from './referral';

const at = '2026-12-05T09:00:00Z';
/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: at }, null);
/** With the trained model too, for replies whose label a rule must hold against it. */
const withModel = (text: string) => labelReplyText({ text, received_at: at });

describe('words of stopping that mean something else, and opt-outs without them, nl fr de es it pt (probe 40)', () => {
  it.each([
    [
      'Graag mijn abonnement op jullie nieuwsbrief annuleren, dank je.',
      'nl: cancels the newsletter subscription',
    ],
    ['Annulez mon abonnement à votre newsletter, merci.', 'fr: cancels the newsletter subscription'],
    ['Cancelad mi suscripción a los SMS, por favor.', 'es: cancels the SMS subscription'],
    ['Annullate la mia iscrizione alla newsletter.', 'it: cancels the newsletter subscription'],
    ['Cancelem a minha subscrição da newsletter.', 'pt: cancels the newsletter subscription'],
    ['Stornieren Sie bitte meine Anmeldung für Ihre Werbemails.', 'de: cancels the sign-up to the ads'],
    ['Noch eine SMS und ich blockiere die Nummer.', 'de: one more and the number is blocked'],
    ['Nog één appje en ik blokkeer jullie.', 'nl: one more and they are blocked'],
    ['Encore un SMS et je vous bloque.', 'fr: one more and they are blocked'],
    ['Si me vuelven a escribir los bloqueo.', 'es: if they write again'],
    ['Se mi scrivete ancora vi blocco.', 'it: if they write again'],
    ['Se mandarem mais alguma mensagem, bloqueio o número.', 'pt: if one more comes'],
    ['Je veux sortir de votre fichier.', 'fr: off their file'],
    ['Quiero salir de vuestra lista.', 'es: off their list'],
    ['Ik wil uit jullie bestand.', 'nl: out of their file'],
    ['Non usate più il mio numero.', 'it: no more use of the number'],
    ['Não voltem a usar o meu número.', 'pt: no more use of the number'],
    ['Gebruik mijn e-mailadres niet meer.', 'nl: no more use of the address'],
    ['Verwenden Sie meine Adresse nicht mehr.', 'de: no more use of the address'],
    ['Merci de ne plus utiliser mon numéro.', 'fr: no more use of the number'],
    ['Numero sbagliato. Non scrivete più.', 'it: a wrong number, then do not write'],
    ['Falsch verbunden. Schreibt hier nicht mehr hin!', 'de: a wrong number, then do not write here'],
    ['Stuur hier niets meer naartoe.', 'nl: send nothing here any more'],
    ['Je ne veux plus le moindre contact avec votre société.', 'fr: no contact at all'],
    ['Nooit meer bellen of mailen graag.', 'nl: never call or mail again'],
    ['Non voglio più nessun contatto con voi.', 'it: no contact at all'],
    ['No quiero que nadie de su empresa vuelva a escribirme.', 'es: nobody of theirs writes again'],
    ['Não quero voltar a ser contatado por vocês.', 'pt: not to be contacted again'],
    ['Ich möchte nicht angerufen werden.', 'de: not to be called'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each<[string, ReplyLabel, string]>([
    [
      'Si j’annule mon inscription à la newsletter, je garde mon accès client ?',
      'question',
      'fr: if, a question',
    ],
    [
      'Wenn ich meine Anmeldung für den Newsletter storniere, bekomme ich dann noch Rechnungen?',
      'question',
      'de: if',
    ],
    ['Je bloque mardi 14h pour vous, ça marche ?', 'meeting_request', 'fr: a slot blocked'],
    [
      'Ik blokkeer donderdag 9:30 in mijn agenda, stuur maar een uitnodiging.',
      'meeting_request',
      'nl: a slot',
    ],
    ['Vou bloquear a quinta à tarde para a demonstração.', 'meeting_request', 'pt: a slot'],
    [
      'Quando possiamo partire? Abbiamo disdetto il vecchio fornitore.',
      'interested',
      'it: how soon to start',
    ],
    ['Wie schnell können wir loslegen?', 'interested', 'de: how soon to start'],
    ['Ne vous arrêtez pas, c’est exactement ce qu’il nous faut.', 'interested', 'fr: do not stop'],
    ['Wir haben das Projekt gestoppt, momentan kein Bedarf mehr.', 'not_interested', 'de: no need any more'],
    ['Derzeit kein Bedarf, melden Sie sich im Frühjahr.', 'not_now', 'de: no need for now, later'],
    ['Nimm mich bitte aus dem CC, Herr Krause ist zuständig.', 'wrong_person', 'de: the writer off the cc'],
  ])('reads the look-alike: %s → %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each<[string, ReplyLabel, string]>([
    [
      'Haal Joost maar uit de cc, hij doet dit project niet meer. Ik reageer morgen.',
      'neutral',
      'nl: a colleague off the cc',
    ],
    [
      'Nehmen Sie Herrn Vogel aus dem CC, er ist nicht mehr im Team. Ich antworte Ihnen Montag.',
      'neutral',
      'de: a colleague off the cc',
    ],
    [
      'Quitad a Rocío de la copia, ya no lleva compras. Os contesto yo.',
      'neutral',
      'es: a colleague off the cc',
    ],
    [
      'Hoe schrijf ik een collega uit die hier weg is? Hij werkt hier niet meer.',
      'question',
      'nl: unsubscribing someone else',
    ],
    [
      'Comment puis-je la désinscrire ? Elle a quitté l’entreprise en juin.',
      'question',
      'fr: unsubscribing someone else',
    ],
    [
      '¿Cómo doy de baja a un empleado que ya no trabaja con nosotros?',
      'question',
      'es: unsubscribing someone else',
    ],
    ['Come faccio a disiscrivere un collega che è andato via?', 'question', 'it: unsubscribing someone else'],
    ['Bea, dit is meer iets voor jou, kun je kijken?', 'wrong_person', 'nl: the forward is the colleague’s'],
    ['Tiago, isto é contigo, consegues ver isto?', 'wrong_person', 'pt: the forward is the colleague’s'],
    ['Sara, questa è roba tua, ci dai un’occhiata?', 'wrong_person', 'it: the forward is the colleague’s'],
    ['Luis, esto es más tuyo que mío, ¿lo miras?', 'wrong_person', 'es: the forward is the colleague’s'],
  ])('with the trained model too, no opt-out: %s → %s (%s)', (text, label) => {
    expect(withModel(text).label).toBe(label);
  });

  it.each([
    ["N'utilisez plus cette adresse, écrivez-moi à paul.girard@orange.fr", 'fr: a new address'],
    ['Gebruik mijn oude nummer niet meer, dit is mijn nieuwe: 06 12345678', 'nl: a new number'],
    ['Non scrivete più a Marco, scrivete a me.', 'it: someone else not written to'],
    ['No quiero que me vuelvas a escribir antes de marzo.', 'es: not before March'],
    [
      'Annulez mon inscription au webinaire de jeudi, je ne serai pas dispo.',
      'fr: a webinar, not the messages',
    ],
    ['Como faço para cancelar a assinatura do plano antigo e migrar para o novo?', 'pt: a plan, asked about'],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(withModel(text).label).not.toBe('unsubscribe');
  });

  it('reads the referral of "scrivete a" (it)', () => {
    expect(
      extractReferral('Non seguo più gli acquisti. Scrivete a Paola Russo, p.russo@ferrotec.it.'),
    ).toMatchObject({
      name: 'Paola Russo',
      email: 'p.russo@ferrotec.it',
    });
  });
});
