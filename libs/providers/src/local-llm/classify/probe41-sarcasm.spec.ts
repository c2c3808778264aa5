import { withModelSureOf } from './model-sure-of.fixture';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('sarcasm, irony and emotional tone (probe 41)', () => {
  it.each([
    ['stop freaking emailing me, seriously', 'an oath inside stop emailing me'],
    ['Can you stop with the bloody texts', 'an oath inside stop the texts'],
    ['ugh. please just stop.', 'a closing please just stop'],
    ['Another one?! 😤 just stop', 'just stop after an emoji'],
    ["Merci de bien vouloir m'oublier.", 'fr: forget me'],
    ['Olvídenme, por favor.', 'es: forget me'],
    ['Dimenticatevi di me, grazie.', 'it: forget me'],
    ['Vergessen Sie mich bitte einfach.', 'de: forget me'],
    ['Vergeet mij maar.', 'nl: forget me'],
    ['Just forget I exist, thanks', 'en: forget I exist'],
    ['Do you guys ever give up?', 'a bare rhetorical do you ever give up'],
    ["Vous n'arrêtez donc jamais ?", 'fr: do you never stop'],
    ['Hört ihr eigentlich nie auf?!', 'de: do you never stop'],
    ['Houden jullie dan nooit op?', 'nl: do you never stop'],
    ['¿Nunca paran?', 'es: do you never stop'],
    ['Non la smettete mai?', 'it: do you never stop'],
    ['Vocês nunca param?!', 'pt: do you never stop'],
    ['Please tell your server to stop emailing me', 'their kit told to stop contacting them'],
    ['Please stop, being spammed daily is exhausting', 'a pause that no compliment follows'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['lmfao no 😂', 'a laugh, then no'],
    ['god no.', 'an oath, then no'],
    ['verdammt, nein!', 'de: an oath, then no'],
    ['putain non', 'fr: an oath, then no'],
    ['joder, no', 'es: an oath, then no'],
    ['cazzo no', 'it: an oath, then no'],
    ['porra, não', 'pt: an oath, then no'],
    ['godverdomme nee', 'nl: an oath, then no'],
    ['Yeah, when pigs fly 🐷', 'en: an idiom for never'],
    ['Oui oui, la semaine des quatre jeudis.', 'fr: an idiom for never'],
    ['Ja, am Sankt-Nimmerleinstag.', 'de: an idiom for never'],
    ['Ja hoor, met sint-juttemis.', 'nl: an idiom for never'],
    ['Claro, cuando los cerdos vuelen.', 'es: an idiom for never'],
    ['Certo, quando gli asini volano.', 'it: an idiom for never'],
    ['Sim, no dia de São Nunca.', 'pt: an idiom for never'],
    ['As I already told you twice: no.', 'en: a refusal said before'],
    ['Per my previous reply: still no.', 'en: a refusal said before'],
    ["Comme je vous l'ai déjà dit : non merci.", 'fr: a refusal said before'],
    ['Wie schon zweimal gesagt: nein danke.', 'de: a refusal said before'],
    ['Como ya le dije la semana pasada: no me interesa.', 'es: a refusal said before'],
    ['Come già detto: no grazie.', 'it: a refusal said before'],
    ['Zoals ik al zei: geen interesse.', 'nl: a refusal said before'],
    ['Como já falei antes: não.', 'pt: a refusal said before'],
    ['how many times do I have to say it?? NO', 'en: how many times, no'],
    ['Combien de fois faut-il le répéter ? Non.', 'fr: how many times, no'],
    ['thank you for nothing', 'en: thanks for nothing'],
    ['Merci pour rien.', 'fr: thanks for nothing'],
    ['Paso, gracias.', 'es: I pass'],
    ['Eu passo.', 'pt: I pass'],
  ])('is a refusal, no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_interested');
  });

  it.each([
    ['stop… reading my mind 😂 send me the pricing', 'interested'],
    ['Seriously?? This is great. We want in.', 'interested'],
    ['I wish the snow would just stop ❄️ anyway yes, send me the info', 'interested'],
    ['Do you ever come out to Bristol? We are based there.', 'question'],
    ['Do you ever stop by Lisbon? Our team is there.', 'question'],
    ['Does the sync ever stop when the connection drops?', 'question'],
    ['How many times a day can it send a reminder?', 'question'],
    ['As I said, no problem: Tuesday at 10 works.', 'meeting_request'],
    ['Passo aí amanhã às 15h para conversarmos.', 'meeting_request'],
  ])('reads the intent under the tone: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    'Ne m’oubliez pas pour la démo de janvier !',
    'Vergeet me niet uit te nodigen voor de demo',
    "Don't forget me when the beta opens!",
    "Please don't just stop the trial, extend it",
    'lol no worries',
    'haha no problem, talk soon',
    'I wish the rain would just stop',
  ])('is no opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
    expect(labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }).label).not.toBe('unsubscribe');
  });

  it.each(['lmao fair', 'fair enough, thanks', 'haha fair point'])(
    'stays neutral when the model is sure of a refusal: %s',
    (text) => {
      expect(withModelSureOf(text, 'not_interested')).toBe('neutral');
    },
  );
});
