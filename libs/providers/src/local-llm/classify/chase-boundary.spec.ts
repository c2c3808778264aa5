import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe('not now, not interested or stop: chasing, promises to come back, refusals (probe35)', () => {
  it.each([
    'Inutile de me relancer, je vous recontacte après les vacances.',
    "Non c'è bisogno di ricontattarmi, vi faccio sapere io a gennaio.",
    'No me llamen, yo les aviso cuando tengamos el presupuesto aprobado.',
    'Não me liguem, eu entro em contato quando tivermos orçamento.',
    'Bitte keine Erinnerungen mehr, ich komme auf Sie zu, sobald das Budget steht.',
    'Niet meer mailen graag, ik laat het u weten zodra we zover zijn.',
    "Stop emailing me please, I'll be in touch once we've hired the new team lead.",
    "I'll get back to you after the board meeting. No need for more follow-ups.",
    'Geen opvolging graag tot maart, we zitten midden in een verhuizing.',
    'Ci sentiamo dopo le ferie, adesso non riesco.',
  ])('the writer will come back, a timing objection: %s', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    "Stop emailing me. I'll reach out if we ever need something like this.",
    'Non scrivetemi più, vi chiamo io se mai servirà.',
    'Ich melde mich, falls wir Bedarf haben. Bis dahin löschen Sie bitte meine Daten.',
    "Take me off your list, I'll reach out when we're ready.",
    'Dejen de insistir por favor.',
    'Parem de me cobrar, já disse que não.',
    'Hören Sie bitte auf nachzuhaken.',
    'Stop met nabellen aub.',
    'Basta solleciti, grazie.',
    'Niente più chiamate, grazie.',
    'Arrêtez de m’envoyer des SMS, c’est la troisième fois cette semaine !',
  ])('a request to stop stands: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Merci, mais la réponse reste non.',
    'Wir sind gut bedient, danke.',
    'Estamos bien así, gracias.',
    'Respect voor het doorzetten, maar het blijft nee.',
    'Abbiamo deciso di non procedere, grazie comunque.',
    'Terceiro e-mail essa semana, sério? Continua sendo não.',
  ])('a refusal without a request to stop: %s', (text) => {
    expect(classify(text).label).toBe('not_interested');
  });

  it.each([
    'Please don’t call my mobile, email is the best way to reach me.',
    'No me escriban por WhatsApp, escríbanme al correo: compras@ferreteriasanz.es',
    'Niente WhatsApp, solo email per favore.',
    'No insistan por ahora, lo vemos en marzo.',
  ])('another channel or a pause is no opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('an acknowledgement is no promise to come back later', () => {
    expect(classify('Thanks for your message, we’ll get back to you').label).toBe('neutral');
  });
});
