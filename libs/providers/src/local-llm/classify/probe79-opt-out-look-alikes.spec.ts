import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('opt-out words that are not the writer asking to stop (probe 79)', () => {
  it.each([
    [
      'Does the unsubscribe link in your emails work without the recipient logging in? Our current provider makes people sign in to opt out and we get complaints every week.',
      'question',
    ],
    ['Our old tool forces customers to log in before they can unsubscribe. Is yours different?', 'question'],
    ['Does your widget let members opt out by text, or only by email?', 'question'],
    ['How long do you keep opt-out records after we close our account? Our DPO is asking.', 'question'],
    ['Can we export the unsubscribe logs for the last quarter?', 'question'],
    [
      "Does your platform honour opt-outs we collected with our old provider? We have about 2,000 numbers on a do-not-contact list we'd need to bring over.",
      'question',
    ],
    ['We have a few hundred contacts on an internal do not contact list, can you import it?', 'question'],
    [
      'Non toglietemi dalla lista, ho risposto STOP per sbaglio. Anzi, mi mandate il listino aggiornato?',
      'interested',
    ],
    ['Heb per ongeluk STOP gestuurd, stuur me de offerte toch maar.', 'interested'],
    [
      "Réponse automatique : je suis absente jusqu'au 11 décembre. Pour toute demande de désinscription, merci d'écrire à rgpd@maisonverte.fr.",
      'out_of_office',
    ],
    [
      'Respuesta automática: fuera de la oficina hasta el 14 de diciembre. Para darse de baja, escribir a privacidad@alba.es.',
      'out_of_office',
    ],
    [
      'Il mio collega ha chiesto di essere tolto dalla lista, io invece no: continuate pure a scrivermi, le vostre offerte mi interessano.',
      'interested',
    ],
    ['Ich habe nie um Abmeldung gebeten. Warum bekomme ich nichts mehr?', 'question'],
    ['Ik heb nooit om een afmelding gevraagd, waarom krijg ik de nieuwsbrief niet meer?', 'question'],
    ['Wrong person, try Jen Park jen@acme.com\n\nJen can unsubscribe herself if she wants', 'wrong_person'],
    [
      'Automatische Antwort: Ich bin bis 15.12. im Urlaub. Wer sich vom Newsletter abmelden möchte, nutzt bitte den Link unten.',
      'out_of_office',
    ],
    [
      'Risposta automatica: sono fuori ufficio fino al 14 dicembre. Per cancellarsi dalla newsletter usare il link in fondo.',
      'out_of_office',
    ],
    [
      "Out of office till Monday. PS: I'll unsubscribe from half my newsletters when I'm back lol",
      'out_of_office',
    ],
    ["Please don't text this number, use WhatsApp", 'neutral'],
    ['I never asked to be taken off, why did you stop?', 'question'],
    ['¿Por qué dejaron de escribirme? No pedí la baja.', 'question'],
    ['Waarom zijn jullie gestopt met mailen?', 'question'],
    ['Grazie, ci penso.\n\nPer non ricevere più comunicazioni scrivi CANCELLAMI', 'neutral'],
    ['Thanks, will look.\n\nUnsubscribe? Reply STOP', 'neutral'],
    ['Does stopping a campaign remove people from the list?', 'question'],
    ['Can you remove contacts from the list in bulk?', 'question'],
    ['Was about to hit STOP but ok, you got me. Call me Thursday at 10.', 'meeting_request'],
    ['I was about to reply STOP. Then I saw the price. Send the contract.', 'interested'],
    ["Arrêtez l'import svp, mauvais fichier.", 'neutral'],
    ['Stop de import alsjeblieft, verkeerd bestand.', 'neutral'],
    ['STOP the sync, it is wiping our numbers', 'neutral'],
    ['Het gaat niet meer via mij, mail Joris (joris@bakkerij.nl). Afmelden hoeft niet.', 'wrong_person'],
    ['Abmelden ist nicht nötig, ich bin nur im Urlaub.', 'out_of_office'],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    [
      'Opt me out. Your old provider made me sign up twice.',
      'the writer asks, another sentence about people',
    ],
    ['Put me on your do not contact list.', 'the list asked for'],
    ['I want someone to remove me from this list', 'who is wanted to do it for the writer'],
    ['Can you let someone take me off the list?', 'who is let do it for the writer'],
    [
      'Please add my number to your do-not-contact list, I have 2 numbers on file.',
      'the list asked for, numbers named',
    ],
    ['STOP. I replied by mistake to your last one but I mean this.', 'a slip named, the keyword sent'],
    ['Ho già risposto STOP. Per sbaglio mi scrivete ancora.', 'sent before, the slip is theirs'],
    [
      'Désinscrivez-moi, et merci d’écrire à mon collègue à rgpd@maisonverte.fr pour le devis.',
      'fr, own request',
    ],
    ['Ich habe schon zweimal um Abmeldung gebeten!', 'de, asked before'],
    ['Ik heb al drie keer om afmelding gevraagd. Haal me eruit.', 'nl, asked before'],
    [
      "Unsubscribe me. And my wife too, she can't be bothered to do it herself.",
      'the writer asks, the wife too',
    ],
    [
      'Per favore cancellatemi dalla newsletter, usare il link non funziona.',
      'it, the link named after a request',
    ],
    ['Stop emailing me. Use WhatsApp if you must? no, nothing at all.', 'a channel only grudged'],
    ["Don't text me, and don't use my email either", 'both channels refused'],
    ['Why did you stop? I said STOP weeks ago and you still text. Stop.', 'asked why, then asked again'],
    ['Afmelden?', 'nl, the word alone, asked'],
    ['Unsubscribe? Yes. Now.', 'en, asked then confirmed'],
    ['Remove people from this list who never asked, starting with me.', 'others, the writer first'],
    ['Please remove him from your mailing list.', 'for a relative'],
    ["I'm about to hit STOP.", 'an intention, not given up'],
    ['Was about to hit STOP but you know what, STOP.', 'given up, then sent'],
    ['STOP. The import of my number was never allowed.', 'the keyword, then the import'],
    ['Stop the import of my number into your CRM and delete it.', 'the writer’s own number'],
    ['Afmelden graag, het is niet nodig dat jullie mailen.', 'nl, asked, then no need to write'],
    ['Abmelden! Ist nicht nötig, dass Sie antworten.', 'de, asked, then no need to answer'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
