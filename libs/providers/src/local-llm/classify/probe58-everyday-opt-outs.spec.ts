import { classifyReplyText, labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('everyday opt-outs in de/fr/it/nl/es/pt (probe 58)', () => {
  it.each([
    ['Melden Sie mich bitte umgehend von Ihrem Newsletter ab.', 'de: separable verb around the list'],
    ['Tragt mich bitte aus eurem Verteiler aus, danke.', 'de: informal, separable verb'],
    ['Nehmen Sie mich bitte sofort aus Ihrer Kartei raus.', 'de: take me out of the file'],
    ['Lass mich doch endlich in Ruhe mit dem Zeug.', 'de: leave me alone, with fillers'],
    ['Merci de cesser toute sollicitation commerciale à mon égard.', 'fr: cease all solicitation'],
    ['Veuillez mettre fin à vos envois, je ne suis pas intéressé.', 'fr: put an end to the mailings'],
    ['Vous pouvez me retirer de votre fichier svp ?', 'fr: asked as a question'],
    ['Desidero non essere più contattato da voi.', 'it: wish not to be contacted'],
    ['Preferirei non ricevere ulteriori comunicazioni, grazie.', 'it: would rather not receive any more'],
    ['Kunt u mij uit uw bestand verwijderen?', 'nl: asked as a question, formal'],
    ['Kunnen jullie me van de mailinglijst halen aub?', 'nl: asked as a question, plural'],
    ['Kunt u alsjeblieft stoppen?', 'nl: can you stop'],
    ['Qué hago para que no me manden más correos?', 'es: how to make them stop'],
    ['¿De dónde sacaron mi correo? Elimínenlo, por favor.', 'es: where from, then delete it'],
    ['Hoe komen jullie aan mijn e-mailadres? Verwijder het meteen.', 'nl: where from, then delete it'],
    ['Quem deu o meu número a vocês? Apaguem isso.', 'pt: where from, then delete it'],
    ['Qui vous a donné mon adresse ? Supprimez-la.', 'fr: where from, then delete it'],
    ['Woher hast du meine Nummer? Lösch sie bitte.', 'de: where from, then delete it, informal'],
    ['Wer hat Ihnen meine Adresse gegeben? Ich habe nie zugestimmt.', 'de: where from, never agreed'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Woher haben Sie meine Adresse? Von der Messe in Köln?', 'question', 'de: where from, only asked'],
    ['Qui vous a donné mon contact ? C’est Julien ?', 'question', 'fr: where from, only asked'],
    [
      'Woher haben Sie meine Adresse? Ich bin umgezogen, bitte die alte Adresse löschen und an die neue schreiben.',
      'question',
      'de: where from, then an old address to replace',
    ],
    [
      'Se un utente scrive STOP, lo togliete da tutte le liste?',
      'question',
      'it: the keyword their users send',
    ],
    [
      'Si un contacto escribe BAJA, ¿lo eliminan de todas las listas?',
      'question',
      'es: the keyword a contact sends',
    ],
    [
      'Se o cliente envia SAIR, ele sai de todas as campanhas?',
      'question',
      'pt: the keyword a customer sends',
    ],
    ['¿Qué hago para que no me lleguen las facturas en papel?', 'question', 'es: invoices, not messages'],
    ['Nehmen Sie mich bitte in Ihren Verteiler auf.', 'interested', 'de: asks to be added to the list'],
    [
      'Tragen Sie mich bitte in die Liste für den Newsletter ein.',
      'interested',
      'de: asks to be put on the list',
    ],
    ['Ehrlich gesagt passt das einfach nicht zu uns.', 'not_interested', 'de: a poor fit'],
    ['Passt momentan leider gar nicht zu unserem Geschäft.', 'not_interested', 'de: a poor fit, not a time'],
    ['Passt aktuell nicht, bitte im Februar nochmal melden.', 'not_now', 'de: a time named'],
    [
      'Lassen Sie mich das in Ruhe überlegen, können wir Donnerstag telefonieren?',
      'meeting_request',
      'de: to think it over calmly',
    ],
  ])('is not an opt-out: %s → %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    [
      'Ich bin bis 11.12. im Urlaub.\n\nHinweis: Sie können der Verarbeitung Ihrer Daten jederzeit widersprechen.',
      '2026-12-11',
    ],
    [
      'Sono fuori sede, rientro il 10 dicembre.\n\nPer cancellarsi dalla newsletter mensile clicchi sul link in fondo.',
      '2026-12-10',
    ],
    [
      'Estoy de viaje, vuelvo el 9 de diciembre.\n\nPuede ejercer sus derechos de acceso, supresión y oposición en lopd@empresa.es',
      '2026-12-09',
    ],
    [
      'Ik ben met verlof en vanaf dinsdag 8 december weer op kantoor.\n\nU heeft het recht van bezwaar tegen de verwerking van uw gegevens.',
      '2026-12-08',
    ],
    [
      'Bin auf Dienstreise, ab 14.12. wieder da.\n\nDatenschutz: Widerspruch jederzeit an datenschutz@kanzlei-berg.de.',
      '2026-12-14',
    ],
  ])('reads an away reply with a privacy footer as away: %s', async (text, returnDate) => {
    const result = await classifyReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);
    expect(result.label).toBe('out_of_office');
    expect(result.return_date).toBe(returnDate);
  });
});
