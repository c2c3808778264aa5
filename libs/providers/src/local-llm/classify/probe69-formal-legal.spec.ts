import { classifyReplyText, labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const RECEIVED = '2026-12-02T09:00:00Z';
const classify = (text: string) => labelReplyText({ text, received_at: RECEIVED }, null);
const classifyWithDate = (text: string) =>
  classifyReplyText({ text, received_at: RECEIVED, timezone: 'Europe/Paris' }, null);

describe('formal and legal replies outside English, opt-outs and not (probe 69)', () => {
  it.each([
    [
      'Sehr geehrte Damen und Herren,\n\nwir erheben hiermit Widerspruch gegen die Nutzung unserer Firmenadresse für Werbezwecke.\n\nMit freundlichen Grüßen\nGeschäftsleitung',
      'de: objection to advertising use',
    ],
    [
      'Nous nous opposons à toute utilisation de nos coordonnées à des fins de prospection.',
      'fr: objection to prospecting',
    ],
    [
      'Por la presente manifestamos nuestra oposición: no utilicen este correo con fines publicitarios.',
      'es: objection to advertising, in the noun',
    ],
    [
      'Ik ben het er niet mee eens en stem er niet mee in dat u mij benadert voor reclame.',
      'nl: consent refused for advertising contact',
    ],
    [
      'Non autorizzo l’uso del mio numero per finalità promozionali.',
      'it: consent refused for promotional use',
    ],
    [
      'Wir fordern Sie auf, die Übersendung von Werbe-E-Mails künftig zu unterlassen.',
      'de: cease and desist',
    ],
    ['Solicito que cesen todas las comunicaciones a este domicilio.', 'es: demands that the sendings cease'],
    ['Cessate immediatamente, grazie.', 'it: cease at once'],
    [
      'Faço uso do meu direito ao apagamento dos dados, com efeito imediato.',
      'pt: right to erasure exercised',
    ],
    ['Hiermit berufe ich mich auf mein Recht auf Löschung.', 'de: right to erasure invoked'],
    [
      'Bij een volgende mail stap ik naar de Autoriteit Persoonsgegevens.',
      'nl: complaint to the authority threatened',
    ],
    ['Se continuarem, vou apresentar reclamação à CNPD.', 'pt: complaint to the authority threatened'],
    ['Rogamos se abstengan de contactarnos en adelante.', 'es: abstain from contacting'],
    ['Je vous prie de vous abstenir de m’envoyer tout envoi commercial.', 'fr: abstain from sending'],
    ['Non desidero avere alcuna corrispondenza con la vostra società.', 'it: no wish for correspondence'],
    [
      'Questa casella è dell’ufficio anagrafe e non è destinata a ricevere offerte commerciali.',
      'it: address not meant for commercial offers',
    ],
    [
      'Wij zouden het op prijs stellen als u ons in de toekomst niet meer mailt.',
      'nl: would rather not be mailed again',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    [
      'Il sig. Ferraro è andato in pensione a ottobre, cancellatelo pure dalla vostra mailing list.',
      'it: a retired colleague to remove',
    ],
    [
      'La Sra. Beltrán ya no trabaja con nosotros; bórrenla de su base de datos, por favor.',
      'es: a colleague who left to remove',
    ],
    ['Mevrouw Kuipers is per 1 november uit dienst getreden.', 'nl: left the firm, formally'],
    ['O Eng. Serrão deixou de trabalhar connosco no verão.', 'pt: stopped working with us'],
    ['M. Lefort n’exerce plus au sein de notre étude.', 'fr: no longer practises here'],
  ])('is a wrong person, not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it.each([
    ['Ik geef hierbij toestemming om mij uw nieuwsbrief te sturen.', 'nl: consent given'],
    ['Do il mio consenso, mandatemi pure il listino.', 'it: consent given'],
    ['Presto o meu consentimento para receber as vossas campanhas.', 'pt: consent given'],
  ])('is interest, not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    [
      'Conformément à l’article 15 du RGPD, merci de m’indiquer l’origine de mes coordonnées.',
      'fr: access request',
    ],
    ['Welke persoonsgegevens hebben jullie over mij? Graag een overzicht.', 'nl: access request'],
  ])('is a question, not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    ['No autorizo el pago hasta hablar con su director comercial.', 'es: "comercial" names a person'],
    ['Non vorrei interrompere le comunicazioni, ma ne riparliamo a gennaio.', 'it: not wishing to cease'],
    [
      'Ich werde Ihre Anfrage an unseren Datenschutzbeauftragten weiterleiten.',
      'de: their own DPO, no threat',
    ],
    [
      'Não autorizo a cobrança; contactem-me por telefone, por favor.',
      'pt: refuses a charge, asks for a call',
    ],
    ['Por error me di de baja el otro día, sigan escribiéndome.', 'es: unsubscribed by mistake'],
    ['Ich habe mich leider versehentlich abgemeldet.', 'de: unsubscribed by mistake'],
    [
      'Me opongo a la cesión de mis datos a terceros, pero sigan enviándome ofertas comerciales.',
      'es: an objection narrowed, marketing still wanted',
    ],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('an update of their own address is neutral, not a hand-over', () => {
    expect(
      classify('Por favor, actualicen mi correo a luis.mora@moraabogados.es a partir de hoy.').label,
    ).toBe('neutral');
  });

  it('a GDPR footer granting the right to complain is no threat', () => {
    const reply = classify(
      'Gracias, nos interesa la propuesta. Envíen un presupuesto.\n\nUsted tiene derecho a presentar una reclamación ante la AEPD.',
    );
    expect(reply.label).toBe('interested');
  });

  it.each([
    [
      'Le secrétariat est fermé jusqu’au vendredi 18 décembre inclus. Réouverture le lundi 21 décembre 2026.',
      '2026-12-21',
    ],
    ['Gli uffici resteranno chiusi dal 21 al 23 dicembre compresi.', '2026-12-24'],
    ['Het loket is gesloten. Heropening op maandag 7 december.', '2026-12-07'],
  ])('a closed office is away, with its reopening: %s', async (text, date) => {
    const reply = await classifyWithDate(text);
    expect(reply.label).toBe('out_of_office');
    expect(reply.return_date).toBe(date);
  });

  it('plans a video call (nl)', () => {
    expect(classify('Zullen we donderdag een videocall inplannen?').label).toBe('meeting_request');
  });
});
