import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('taking oneself off and putting someone else on is a change of contact, not an opt-out', () => {
  it.each([
    ['Tire o meu nome e ponha o do meu marido', 'pt'],
    ['Por favor tirem o meu número e coloquem o da minha esposa, ela que cuida disso.', 'pt'],
    ['Quiten mi nombre y pongan el de mi esposo, él lleva las facturas.', 'es'],
    ['Retirez mon nom et mettez celui de ma femme, c’est elle qui gère.', 'fr'],
    ['Nehmen Sie meinen Namen raus und tragen Sie meine Frau ein.', 'de'],
    ['Togliete il mio nome e mettete quello di mia moglie.', 'it'],
    ['Haal mijn naam eraf en zet die van mijn vrouw erop.', 'nl'],
    ["Take my name off and put my wife's on instead, she does the books.", 'en'],
    ['Remove me and add my business partner instead.', 'en'],
    ['Please replace me with my colleague on your list.', 'en'],
  ])('%s (%s)', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it.each([
    'Tire o meu nome da lista, por favor.',
    'Tire o meu nome da lista e pare de me ligar.',
    'Remove me and my husband from your list.',
    "Remove me and put my husband's number on your do not call list too.",
    'Quita mi nombre de la lista, gracias.',
  ])('keeps a real opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Please take me off the Friday demo invite and add my colleague Ben instead.',
    'Take me off the Tuesday slot and put me on Wednesday at 3 instead.',
  ])('leaves a change of who attends a meeting alone: %s', (text) => {
    expect(classify(text).label).toBe('meeting_request');
  });
});
