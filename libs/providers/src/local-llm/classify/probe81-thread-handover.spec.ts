import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('taken off a thread, a chat or "this" and handed to someone is the wrong person, not an opt-out (probe 81)', () => {
  it.each([
    [
      'Please take me off this - I moved to finance in September. Hannah Cole runs ops now: hannah.cole@brightwellgroup.com\n\nThanks,\nPete',
      'en, off "this", who runs it now',
    ],
    [
      "I'm only the receptionist, please remove me from this chat. The practice manager is Lisa Grant, lisa@parksidedental.co.uk",
      'en, off the chat, the manager named',
    ],
    ['Take me off this, Dev Patel looks after suppliers now.', 'en, a sibling'],
    ['Drop me from the group chat please, talk to Sam Reid about the vans.', 'en, a sibling'],
    [
      "Retirez-moi de la boucle, ce n'est plus mon périmètre. Voyez avec Nathalie Girard : n.girard@transports-girard.fr",
      'fr, off the loop',
    ],
    ['Sortez-moi de cette conversation svp, contactez plutôt notre DAF, M. Roche.', 'fr, a sibling'],
    [
      'Toglietemi da questa conversazione, non me ne occupo più. Scrivete a Marco Gentile: m.gentile@gentileimpianti.it',
      'it, off the conversation',
    ],
    [
      'Me tirem desta conversa, não cuido mais disso. Falem com a Fernanda Lopes: fernanda.lopes@lopesdistribuidora.com.br',
      'pt, off the conversation',
    ],
    ['Sáquenme de este hilo, ya no llevo compras. Escriban a Sergio Blanco.', 'es, off the thread'],
    ['Bitte nehmen Sie mich aus diesem Verlauf, zuständig ist Herr Krause.', 'de, off the thread'],
    [
      'Haal me uit deze mailwisseling, ik doe inkoop niet meer. Mail Sven Jansen: s.jansen@jansentechniek.nl',
      'nl',
    ],
  ])('is the wrong person: %s (%s)', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it.each([
    ['Who passed you my email address? Take me off this.', 'en, the word email before "this"'],
    ["Take me off this, and don't email me again.", 'en, a refusal after'],
    ["Remove me from this chat, and don't contact me again.", 'en, a refusal after'],
    ['Take me off this list, I never signed up.', 'en, a list'],
    ['Haal me uit deze groep en mail me niet meer.', 'nl, a refusal after'],
    ['Retirez-moi de ce groupe et ne me contactez plus.', 'fr, a refusal after'],
    ['Bitte nehmen Sie mich aus dieser Gruppe und schreiben Sie mir nie wieder.', 'de, a refusal after'],
    ['Toglietemi dalla vostra lista, grazie.', 'it, a list'],
  ])('stays an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
