import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('plain-worded opt-outs in es/fr/de/it/pt/nl, siblings of probe 76', () => {
  it.each([
    ['No es algo que quiera en mi bandeja de entrada.', 'es'],
    ["Ce n'est pas quelque chose que je veux recevoir.", 'fr'],
    ['Das möchte ich nicht in meinem Postfach haben.', 'de'],
    ['Non è qualcosa che voglio ricevere.', 'it'],
    ['Não é algo que eu queira receber.', 'pt'],
    ['Dit is niet iets wat ik wil ontvangen.', 'nl'],
    ['Ya he tenido suficiente de sus mensajes.', 'es, had enough'],
    ['Ich habe genug von Ihren Nachrichten.', 'de, had enough'],
    ['Mi avete stancato con questi messaggi.', 'it, had enough'],
    ['Ik heb genoeg van jullie berichten.', 'nl, had enough'],
    ['Este correo es solo para clientes, no para publicidad.', 'es, the address for clients'],
    ['Cette adresse est réservée aux clients, pas à la prospection.', 'fr, the address for clients'],
    ['Questo indirizzo è solo per i clienti, non per la pubblicità.', 'it, the address for clients'],
    ['Este endereço é só para clientes, não para publicidade.', 'pt, the address for clients'],
    ['Dit adres is alleen voor klanten, niet voor reclame.', 'nl, the address for clients'],
    ['Prefiero que me dejen tranquilo.', 'es, left alone'],
    ["Je préfère qu'on me laisse tranquille.", 'fr, left alone'],
    ['Preferisco essere lasciato in pace.', 'it, left alone'],
    ['Ik word liever met rust gelaten.', 'nl, left alone'],
    ["Je n'ai plus envie de recevoir ce genre de messages.", 'fr, no more wish'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['No es algo que quiera recibir ahora mismo, quizás en marzo.', 'es, for now'],
    ['Laat me met rust tot januari, dan praten we verder.', 'nl, until January'],
    ["Ce n'est pas quelque chose que je veux acheter.", 'fr, a refusal'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
