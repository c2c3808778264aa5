import { labelReplyText } from './reply-classifier';
import { normaliseText } from './normalise-text';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('opt-outs in de/es/fr/it/nl/pt without the STOP keyword, and their look-alikes (probe 20)', () => {
  it.each([
    ['bitte loeschen sie meine daten', 'bitte loschen sie meine daten'],
    ['Hoeren Sie auf, ich moechte nichts mehr erhalten', 'horen sie auf, ich mochte nichts mehr erhalten'],
    ['kuenftig unverzueglich', 'kunftig unverzuglich'],
  ])('reads German umlauts written as ae/oe/ue as the umlauts: %s', (text, normalised) => {
    expect(normaliseText(text)).toBe(normalised);
  });

  it.each([
    ['Does the shoe fit?', 'does the shoe fit?'],
    ['Hoe goed is het?', 'hoe goed is het?'],
    ['Estaba fuera de la oficina', 'estaba fuera de la oficina'],
  ])('leaves oe/ue in other words alone: %s', (text, normalised) => {
    expect(normaliseText(text)).toBe(normalised);
  });

  it.each([
    // German: umlauts spelled out, a channel before the messages, personal data with adjectives, dialect
    'bitte loeschen sie meine kontaktdaten',
    'Ich moechte nichts mehr von Ihnen erhalten.',
    'Bitte keine WhatsApp-Nachrichten mehr.',
    'Keine Werbe-Mails mehr, danke.',
    'Löschen Sie bitte umgehend meine gespeicherten personenbezogenen Daten.',
    'Gem. Art. 17 DSGVO verlange ich die Löschung. Danke.',
    'Bitte kei Wärbig meh, merci.',
    // a relative on this number
    'Mi marido recibe sus mensajes en este número y no quiere recibir más.',
    'Mio padre riceve i vostri messaggi su questo numero e non li vuole più.',
    'Ma femme reçoit vos SMS sur ce numéro, elle ne veut plus en recevoir.',
    'Meu pai recebe as mensagens de vocês nesse número e não quer mais receber.',
    'Vi prego di non chiamare più questo numero.',
    'Merci de ne plus écrire à mon fils sur ce numéro.',
    // Dutch: a noun of nagging, the passive with "wensen" and "niet langer"
    'Hou op met dat gebel!',
    'Wij wensen niet langer door uw organisatie benaderd te worden.',
    // a removal as a noun with the writer's details
    'Solicito a remoção do meu endereço de e-mail da vossa lista.',
    'Pido la supresión de mi correo electrónico, gracias.',
    'Je demande la suppression de mon adresse e-mail de vos fichiers.',
    // "no more" in Portuguese
    'Sem mais mensagens, obrigado.',
    // GDPR objection cited by its article
    'Ai sensi dell’art. 21 GDPR mi oppongo. Grazie.',
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  // The last eight hold the new patterns to what they mean (a relative's other wishes or hours, a question about the law or compliance with it,
  // messages that stopped arriving).
  it.each([
    'Je peux me désabonner facilement si ça ne me convient pas ?',
    '¿Puedo darme de baja cuando quiera?',
    'Posso disiscrivermi in qualsiasi momento?',
    'Kann ich mich jederzeit wieder abmelden?',
    'Kan ik me later gewoon weer afmelden?',
    'Posso me descadastrar quando quiser?',
    'Mi esposa no quiere que cambiemos de proveedor.',
    'Mi madre no quiere que la llamen por la mañana, mejor por la tarde a este número.',
    'Mia moglie riceve già la newsletter, non vuole che la chiamiate prima delle 10.',
    'Mein Mann bekommt die Rechnungen, bitte an ihn schicken.',
    'Are you compliant with art. 17 GDPR?',
    'Before we sign we need to know how you handle art. 17 GDPR requests.',
    'Unser Datenschutzbeauftragter prüft noch, ob Sie Art. 21 DSGVO einhalten.',
    'Wir haben keine Werbe-Mails mehr bekommen, ist der Newsletter eingestellt?',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
