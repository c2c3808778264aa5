import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('opt-out forms and look-alikes (probe 5)', () => {
  it.each([
    'Your pricing is not for us. Unsubscribing now.',
    'Opt us out of everything please.',
    'Opt me out of this, thanks.',
    'on veut plus recevoir vos mails',
    'je veux plus être contacté par votre société',
    'Close out our contact record please, we are not buying.',
    '🛑',
    '⛔ ⛔',
    '🚫🙅‍♂️',
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it('a question about an app that sends them something is not an opt-out (Dutch "app me" read in English)', () => {
    expect(classify('How do I stop the app from sending me a reminder every hour?').label).toBe('question');
  });

  it.each(['👍', 'Stopped by your stand yesterday, great coffee.'])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('"we stopped by your office" tells of a visit, not a meeting request', () => {
    expect(classify('We stopped by your office on Friday but nobody was in.').label).not.toBe(
      'meeting_request',
    );
  });

  it.each([
    'I stopped by your booth yesterday but you were at lunch.',
    'We visited your office on Thursday, the receptionist said you were out.',
    'I dropped by your stand at the expo on Wednesday but it was empty.',
    'We stopped by your showroom Saturday morning but the doors were locked.',
  ])('a past visit told, with its day, is neutral: %s', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it.each([
    'Verwijder me niet hoor, ik lees ze graag.',
    'Entfernen Sie mich bitte nicht, ich lese das gern.',
    'Ne me retirez pas de la liste, je lis chaque numéro.',
  ])('asks to stay on the list (nl/de/fr), as "don’t remove me" does in English: %s', (text) => {
    expect(classify(text).label).toBe('interested');
  });
  it.each([
    'Gostaria de cancelar o recebimento destas mensagens.',
    'Quiero cancelar la recepción de sus correos.',
    'Merci d’annuler la réception de vos emails.',
    'Bitte stoppen Sie den Empfang dieser Newsletter.',
  ])('cancelling the receipt of the messages is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it('a footer telling its own readers how to stop receiving is not an opt-out', () => {
    expect(classify('Thanks, noted.\n\nTo cancel receiving our newsletters, click here.').label).not.toBe(
      'unsubscribe',
    );
  });
  it.each(["don't want these any more", 'I do not want your newsletters any longer.'])(
    'not wanting them any more is an opt-out: %s',
    (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    },
  );

  it('not wanting a product any more is not an opt-out', () => {
    expect(classify("We don't want them anymore, we moved to another CRM in spring.").label).not.toBe(
      'unsubscribe',
    );
  });
});
