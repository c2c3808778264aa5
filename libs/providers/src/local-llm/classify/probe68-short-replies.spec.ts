import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) =>
  labelReplyText({ text, received_at: '2026-12-02T09:00:00Z', channel: 'sms' }, null);
/** With the trained model, as the product classifies. */
const classifyWithModel = (text: string) =>
  labelReplyText({ text, received_at: '2026-12-02T09:00:00Z', channel: 'sms' });

describe('short SMS and WhatsApp replies, opt-outs and not (probe 68)', () => {
  it.each([
    ['bitte nicht mehr, danke', 'de: no more, with a please'],
    ['nunca mais 😤', 'pt: never again, alone'],
    ['es reicht mit den sms', 'de: enough of the messages'],
    ['paren ya con los whatsapps', 'es: stop now with the messages'],
    ['ok ok, no escriban.', 'es: a plural order not to write, closing its clause'],
    ['basta!! non ce la faccio più', 'it: the keyword, then exasperation'],
    ['deixa de me perturbar', 'pt: stop bugging me'],
    ['piantala di scocciare', 'it: stop bugging me'],
    ['⛔ sin mas mensajes por favor', 'es: no messages, alone'],
    ['BASTA BASTA BASTA', 'it: the keyword repeated, in capitals'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['nooit', 'nl'],
    ['jamais !', 'fr'],
  ])('a bare never is a refusal, not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_interested');
    expect(classifyWithModel(text).label).toBe('not_interested');
  });

  it.each([
    ['STOP by our booth on Friday?', 'en: a visit'],
    ['wow STOP 🤩 where do I sign?', 'en: delight'],
    ['non mandatemi più mail, qui su whatsapp va bene, mandate il listino', 'it: email refused for here'],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
    expect(classifyWithModel(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['ahora estoy en una reunion, luego te llamo', 'es: busy now, later'],
    ['sto guidando, ti scrivo più tardi', 'it: busy now, later'],
    ['Anfang nächsten Monats passt mir besser', 'de: a later time suits better'],
  ])('is not now: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    ['plus tard, appelez-moi vers 17h', 'fr: a call at a clock time after "later"'],
    ['adesso no, richiamami alle 4', 'it: a call at a clock time after "not now"'],
    ['nao me liga antes das 9, depois pode sim', 'pt: no call before an hour, after it yes'],
    ['vr om 15u?', 'nl: a weekday and a time'],
    ["disdico l'incontro di domani, giovedì va meglio", 'it: a meeting cancelled for another day'],
  ])('is a meeting request: %s (%s)', (text) => {
    expect(classify(text).label).toBe('meeting_request');
  });

  it.each([
    ['ok, comment je paie ?', 'fr: how to pay'],
    ['waar betaal ik?', 'nl: where to pay'],
  ])('is interest: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it('a refusal in chat words and a short "not there any more" are read', () => {
    expect(classify('nah im good thx').label).toBe('not_interested');
    expect(classify('non lavoro più qui, scrivi a Giulia').label).toBe('wrong_person');
  });

  it.each([
    ['numero sbagliato, chiama Marta Bassi al 339 111 2222', 'Marta Bassi', '339 111 2222'],
    ['verkeerde persoon, belt u Jeroen Bakker 06 11122233', 'Jeroen Bakker', '06 11122233'],
  ])('names who to call instead: %s', (text, name, phone) => {
    const result = classify(text);
    expect(result.label).toBe('wrong_person');
    expect(result.referral).toEqual({ name, email: null, phone });
  });
});
