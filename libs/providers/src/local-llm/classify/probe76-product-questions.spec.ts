import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('questions about the product that carry opt-out words, siblings of probe 76', () => {
  it.each([
    ["How do I stop getting notifications for leads that aren't mine?", 'notifications for some events'],
    ['How do I stop receiving copies of every email my team sends?', 'copies of every email'],
    ['¿Cómo puedo dejar de recibir las notificaciones de cada respuesta? Son demasiadas.', 'es'],
    ['Do you offer a way to stop messaging leads in certain countries?', 'leads without an article'],
    ['Can we stop texting customers who have not replied in 90 days?', 'customers without an article'],
    [
      'How do you handle people who say "take me off your list" instead of STOP?',
      'the keyword named after "instead of"',
    ],
    ['Why did our unsubscribe link stop working on the last campaign?', "the writer's own link"],
    ['My unsubscribe button on the new template is broken, can you look?', "the writer's own template"],
    ['agar customer STOP bhejta hai to kya hota hai?', 'hi: the keyword sent by a customer'],
    ['Si un cliente nos manda BAJA, ¿qué pasa con sus citas?', 'es: the keyword sent by a customer'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['How do I stop getting these notifications?', 'these: the sender’s messages'],
    ['How do I stop getting notifications from you?', 'from the sender'],
    ["Why doesn't my unsubscribe link work? Third email this week.", 'the link in our message, used'],
    ['Please stop messaging leads like me.', 'the writer among them, no question'],
    ['Stop texting me. STOP instead of these endless reminders.', 'the keyword sent'],
    ['main STOP bhejta hoon, band karo', 'hi: the writer sends it'],
  ])('is still an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
