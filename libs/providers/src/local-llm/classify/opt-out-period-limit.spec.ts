import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe('contact held for today, this week or month is a pause; "or ever again" beside the period is an opt-out', () => {
  it.each([
    'stop texting me this week, I have 3 deadlines',
    'Stop calling me this week please',
    'hold off on the calls this month',
    'pause the texts this month',
    'no calls this week please',
    "don't call me this week, try next week",
    'Arrêtez les SMS cette semaine',
    "don't call me today, I'm at a funeral",
    "don't text me tonight",
    "don't call me this afternoon, in meetings",
    "Ne m'appelez pas ce soir s'il vous plaît",
    'No me llames hoy, estoy de viaje',
    'Bitte rufen Sie mich heute nicht an, ich bin im Termin',
    'Bel me vandaag niet, ik zit in een meeting',
    'Non chiamatemi oggi, sono in riunione',
    'Não me liguem hoje, estou viajando',
  ])('not now: %s', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    'stop calling me, never again, not this week not ever',
    "don't call me this week or ever again",
    "Don't call me this week, or ever.",
    'stop texting me this week and never again',
    "don't call me tomorrow or ever again",
    'no me llames hoy ni nunca',
    'Non chiamatemi più, né oggi né mai',
    "Ne m'appelez plus, ni aujourd'hui ni demain",
    "Arrêtez de m'embêter",
    'Hören Sie auf, mich zu nerven',
    "don't contact me from today on",
    'do not call me starting tomorrow',
  ])('an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['stop texting me for now, I never check my phone at work', 'not_now'],
    ["no I can't do this week, next week works", 'meeting_request'],
    ["Stop texting me, that's the third one this week", 'unsubscribe'],
    ['do not text me until Monday', 'not_now'],
    ["tomorrow I'm at 3pm free", 'meeting_request'],
    ["Friday I'm at a conference, Monday at 10?", 'meeting_request'],
  ])('look-alikes keep their reading: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each(["don't call me in the afternoons", "please don't text me in the evenings"])(
    'some hours refused, no opt-out: %s',
    (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    },
  );
});
