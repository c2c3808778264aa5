import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('both numbers or addresses removed, or a stop on every channel, is an opt-out (probe 81)', () => {
  it.each([
    ['Retirez mes deux numéros de votre fichier, le fixe et le portable. Merci.', 'fr, both numbers'],
    ['Bitte streichen Sie beide Adressen aus Ihrem Verteiler: diese hier und info@brenner-kfz.de.', 'de'],
    ['Please delete both my numbers from your system.', 'en'],
    ['Borren mis dos números de su lista, gracias.', 'es'],
    ['Apaguem os meus dois números da vossa lista.', 'pt'],
    ['Verwijder mijn beide nummers uit jullie bestand.', 'nl'],
    ['Erst Anrufe, dann Mails, jetzt SMS. Bitte auf allen Kanälen aufhören.', 'de, every channel'],
    ['Eerst mail, dan bellen, nu sms. Stop ermee, via alle kanalen.', 'nl, every channel'],
    ['Vous m’appelez, vous m’écrivez. Stop, sur tous les canaux.', 'fr, every channel'],
    ['Basta su tutti i canali.', 'it, every channel'],
    ['stop on all channels pls', 'en, every channel'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Remove one of my two numbers, the landline. Keep the mobile.', 'neutral'],
    ['Retirez un de mes deux numéros, le fixe.', 'neutral'],
    ['Does STOP work on all channels?', 'question'],
    ['If a customer replies stop, does it stop on all channels?', 'question'],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
