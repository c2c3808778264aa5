import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('an earlier message taken back, chasing stopped beside a request, one line or channel for another', () => {
  it.each([
    ['Please ignore my email from this morning, I attached the wrong file. Correct one below.', 'en'],
    ['Olviden mi correo anterior, tenía un error en las fechas', 'es'],
    ['Dimenticate la mia mail di stamattina, c’era un errore nel preventivo', 'it'],
    ['Esqueçam o meu email de hoje cedo, mandei a planilha errada', 'pt'],
    ["Oubliez mon courriel précédent, il y avait une erreur dans l'adresse de livraison", 'fr'],
  ])('taking back their own message is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Arrêtez les relances svp, envoyez-moi plutôt vos tarifs', 'fr'],
    ['Niente più solleciti per favore, mandatemi solo il listino prezzi', 'it'],
  ])('stopping the chasers while asking for material is interest: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    ['Please stop ringing my desk phone, try my mobile instead', 'en'],
    ['No me llamen más al teléfono fijo, prueben al celular', 'es'],
    ['Bitte nicht mehr aufs Festnetz anrufen, versuchen Sie es auf dem Handy', 'de'],
    ['Stuur me niets meer per post, mailen is prima', 'nl'],
  ])('one line or channel refused for another is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Delete my email address from your system, I asked last week too', 'the address, not a message'],
    ['Borren mi correo de su lista, ya se lo pedí ayer', 'es: the address from their list'],
    ['Forget my number. Yesterday was the last time I pick up.', 'a number, not a message'],
    ['No me llamen más, ni al fijo ni al celular', 'es: neither line'],
    ['Non chiamatemi più, né sul fisso né sul cellulare', 'it: neither line'],
    ['Stop calling my landline and do not try my mobile either', 'en: neither line'],
    ['Stuur me niets meer, niet per post of per mail', 'nl: neither channel'],
    ['Plus de relances, merci', 'fr: chasing stopped, nothing asked for'],
  ])('stays an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
