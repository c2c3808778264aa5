import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

const QUOTE =
  '\n\nOn Tue, Dec 1, 2026 at 9:14 AM Dana Whitfield <dana@reachline.io> wrote:\n> Would a short call make sense?\n> Reply STOP to opt out.';
const FOOTER =
  '\n\nKind regards,\nAna Ruiz\n\nThis email is confidential. If you received it in error, please delete it. To unsubscribe from our newsletter, click here.';

describe('email replies on the opt-out boundaries (probe31)', () => {
  it.each([
    ['Por favor, no hagan más seguimiento de esta propuesta.', 'no further follow-up (es)'],
    ['Graag geen follow-up meer over deze offerte.', 'no further follow-up (nl)'],
    ['Ne me relancez plus à ce sujet, merci.', 'no further follow-up (fr)'],
    ['Keine weiteren Nachfragen bitte.', 'no further follow-up (de)'],
    ['Scrivo per conto dell’ing. Sala: non vuole più ricevere le vostre email.', 'they want no more (it)'],
    ['Je suis son assistante : elle ne souhaite plus recevoir vos offres.', 'they want no more (fr)'],
    ['Sou a secretária dela. Ela pediu para não receber mais contatos.', 'they want no more (pt)'],
    ['Minha mãe faleceu. Peço que retirem o e-mail dela da lista.', 'a removal for someone who died (pt)'],
    ["It's our daughter's email address, she's 14. Remove her please.", 'a household address taken off'],
    ['I have sent your emails to our IT team to block you.', 'has IT block the sender'],
    [`Take me off your list.${QUOTE}`, 'an opt-out above quoted history'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Paren por el momento, lo retomamos en febrero.', 'not_now', 'stop for now (es)'],
    ['Parem por agora, voltamos a falar em março.', 'not_now', 'stop for now (pt)'],
    ['Sospendiamo per ora, ne riparliamo a marzo.', 'not_now', 'stop for now (it)'],
    ['Zet het maar even on hold tot het voorjaar.', 'not_now', 'stop for now (nl)'],
    ['Nach der Übernahme gern, vorher nicht.', 'not_now', 'after the merger (de)'],
    ['Dit jaar niet, volgend jaar misschien.', 'not_now', 'not this year (nl)'],
    [
      `We're covered on that front, thanks anyway.${FOOTER}`,
      'not_interested',
      'covered already, footer trap',
    ],
    [
      'Abbiamo ricevuto la sua email. Numero pratica 88123: le risponderemo al più presto.',
      'neutral',
      'a receipt under a number (it)',
    ],
    [
      'Votre demande a bien été enregistrée sous le numéro 40211. Réponse sous 48 h.',
      'neutral',
      'a receipt under a number (fr)',
    ],
    [
      "This is Omar's assistant, he'd like me to book a time for a call next Tuesday.",
      'meeting_request',
      'an assistant arranges a time',
    ],
  ])('%s is %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Graag geen verdere follow-up tot januari.', 'a pause with a limit'],
    ['Peço que removam o anexo e reenviem a proposta.', 'an attachment removed'],
    ['Keine weiteren Nachfragen bis Ende März, dann gern.', 'a pause with a limit (de)'],
    ['Keine weiteren Nachfragen nötig, wir unterschreiben morgen.', 'no more needed: they are signing'],
    ['Ela pediu para não receber mais ligações, só e-mail.', 'one channel kept'],
    ['Graag geen follow-up meer per telefoon, mail werkt beter.', 'another channel'],
    ['Elle ne souhaite plus recevoir les factures papier, merci de passer au PDF.', 'paper invoices'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
