import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('opt-outs inside longer messages and their look-alikes (probe 80)', () => {
  it.each([
    [
      "Hi Marcus,\n\nI hope the launch went well. Anyway, I've had a think and we're really not the right fit, we do maybe 20 appointments a week. I'd rather you didn't keep me in your sequence. Best of luck with the rest of the year.\n\nDiane",
      'en, rather you did not keep me in the sequence',
    ],
    ["We'd prefer you didn't keep us on your mailing list any longer, thanks.", 'en, a sibling'],
    [
      'Vielen Dank für das ausführliche Angebot, da steckt sichtlich Arbeit drin. Wir machen es trotzdem nicht und ich möchte dazu keine Nachfassmails mehr bekommen.',
      'de, no more follow-up mails about it',
    ],
    ['Wir möchten ab sofort keine Newsletter mehr erhalten.', 'de, a sibling'],
    [
      'Ciao, scusa la franchezza ma ho il telefono che scoppia e sto eliminando tutto il superfluo. I vostri messaggi rientrano nel superfluo: non mandatemene più, grazie.',
      'it, do not send me any of them',
    ],
    ['Non me ne mandate più, per favore.', 'it, a sibling'],
    [
      'Isto chegou ao e-mail da faturação, que não é para publicidade. Por favor retirem faturacao@padariacosta.pt de todas as vossas listas.',
      'pt, an address taken off every list',
    ],
    [
      "Questa mail è arrivata all'indirizzo dell'amministrazione. Vi prego di togliere amministrazione@forno-riva.it da tutte le vostre liste.",
      'it, the same',
    ],
    ['Por favor, quitad facturacion@panaderiasoler.es de todas vuestras listas.', 'es, the same'],
    ['Merci de retirer compta@atelier-brun.fr de toutes vos listes.', 'fr, the same'],
    ['Bitte nehmen Sie rechnung@schreinerei-maier.de aus allen Ihren Listen.', 'de, the same'],
    ['Haal facturen@bakkerijsmit.nl alsjeblieft uit al jullie lijsten.', 'nl, the same'],
    [
      'I asked you to unsubscribe me in March and now I get even more emails.',
      'an earlier request, complained of',
    ],
    [
      'Je vous avais demandé de me désinscrire. Maintenant je veux savoir pourquoi vous continuez.',
      'fr, the same',
    ],
    ['Ich habe Sie gebeten, mir nichts mehr zu schicken.', 'de, the reader asked before'],
    ['Le ho chiesto di non mandarmi più niente.', 'it, the reader asked before'],
    [
      'Jim has left, please remove me and jim@acme.com from your list.',
      'the writer removed with a colleague',
    ],
    [
      'Please remove accounts@lindqvistgroup.com from all of your lists. Our old bookkeeper left in May.',
      'a shared inbox, someone left',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    [
      "Nous venons de résilier notre contrat avec notre prestataire SMS et de leur demander d'arrêter tout envoi, trop de pannes. Pouvez-vous nous envoyer une proposition pour trois cabinets ?",
      'interested',
    ],
    [
      'Wir haben letzte Woche unserem SMS-Anbieter gekündigt und ihn gebeten, uns nichts mehr zu schicken – zu viele Ausfälle. Bitte senden Sie uns ein Angebot für rund 8.000 Nachrichten im Monat.',
      'interested',
    ],
    [
      'La settimana scorsa abbiamo disdetto il contratto con il nostro fornitore SMS e gli abbiamo chiesto di non mandarci più niente, troppi disservizi. Ci mandate un preventivo per circa 12.000 messaggi al mese?',
      'interested',
    ],
    [
      'We hebben ons contract met de oude leverancier opgezegd en ze gevraagd niks meer te sturen. Kunnen jullie een offerte maken?',
      'interested',
    ],
    [
      "Hi Dana, funny story — I asked your team to unsubscribe me back in the spring because we were mid-merger. Things have settled and now I'd actually like to hear more. Could you send me the case studies you mentioned?",
      'interested',
    ],
    [
      "Bonjour Camille, je vous avais demandé de me désinscrire au printemps parce qu'on déménageait. C'est fait, et maintenant ça m'intéresse : pouvez-vous m'envoyer vos tarifs ?",
      'interested',
    ],
    [
      'Hoi Sanne, ik had in het voorjaar gevraagd om me uit te schrijven omdat we gingen verhuizen. Dat is achter de rug en nu heb ik wel interesse: kun je me de prijslijst sturen?',
      'interested',
    ],
    ['Mandatemene altri due, non mandatemene meno!', 'neutral'],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    "Quick admin note: Sandra Oyelaran left us in October, so please remove sandra.o@halewoodclinic.com from your list, the mailbox bounces to me now. No need to update anything else on my side, I'm still reading these.",
    'Hallo, nur zur Info: Frau Lehmann ist nicht mehr bei uns, Sie können s.lehmann@praxis-berg.de aus Ihrer Liste nehmen. Bei mir ändert sich nichts, ich bleibe Ihre Ansprechpartnerin.',
    'Hola, os escribo solo para avisar de que Rosa Méndez ya no trabaja aquí, podéis quitar rosa.mendez@clinicadelsol.es de vuestra lista. Yo sigo siendo vuestro contacto.',
    'Olá, só para avisar que a Joana Pires saiu da empresa, podem retirar joana.pires@clinicamar.pt da lista. Continuo a ser o vosso contacto.',
    'Hoi, even ter info: Marieke Smit werkt hier niet meer, jullie kunnen m.smit@tandartsoost.nl van de lijst halen. Ik blijf jullie contactpersoon.',
  ])("a departed colleague's address taken off is no opt-out: %s", (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    "Quick admin note: Sandra Oyelaran left us in October, so please remove sandra.o@halewoodclinic.com from your list, the mailbox bounces to me now. No need to update anything else on my side, I'm still reading these.",
    'Bonjour, juste pour info : Martine Roux a quitté le cabinet, vous pouvez retirer m.roux@cabinet-roux.fr de votre liste. Pour ma part rien ne change, je reste votre contact.',
  ])('who says they remain the contact is no wrong person, whatever the model guesses: %s', (text) => {
    expect(classify(text).label).toBe('neutral');
  });
});
