import { REPLY_LABELS } from '../../llm/llm-tasks';
import { classifyReplyText } from './reply-classifier';
import { REPLY_EXAMPLES } from './reply-examples.fixture';
import { HARD_REPLY_EXAMPLES } from './reply-hard-examples.fixture';
import { MULTILINGUAL_REPLY_EXAMPLES } from './reply-multilingual.fixture';
import { OPT_OUT_COMPOSED_EXAMPLES } from './reply-opt-out-composed.fixture';
import { OPT_OUT_FAMILY_EXAMPLES } from './reply-opt-out-families.fixture';
import { OPT_OUT_PATTERN_EXAMPLES } from './reply-opt-out-patterns.fixture';
import { OPT_OUT_PLAIN_ENGLISH_EXAMPLES } from './reply-opt-out-plain-english.fixture';
import { OPT_OUT_EXAMPLES } from './reply-opt-out.fixture';
import { PARAPHRASE_OPT_OUT_LOOKALIKES, PARAPHRASE_REPLY_EXAMPLES } from './reply-paraphrase.fixture';
import { REALISTIC_REPLY_EXAMPLES } from './reply-realistic.fixture';
import { STYLED_REPLY_EXAMPLES } from './reply-styled.fixture';

const classify = (text: string, extra: { subject?: string; timezone?: string } = {}) =>
  classifyReplyText({ text, received_at: '2026-11-30T09:00:00Z', ...extra });

describe('classifyReplyText', () => {
  it.each([
    ...REPLY_EXAMPLES,
    ...HARD_REPLY_EXAMPLES,
    ...MULTILINGUAL_REPLY_EXAMPLES,
    ...STYLED_REPLY_EXAMPLES,
    ...PARAPHRASE_REPLY_EXAMPLES,
  ])('%s → %s', async (text, label) => {
    expect((await classify(text)).label).toBe(label);
  });

  it.each(REALISTIC_REPLY_EXAMPLES.map(([text, label, date]) => [text, label, date ?? null] as const))(
    '%s → %s',
    async (text, label, returnDate) => {
      const r = await classifyReplyText({
        text,
        received_at: '2026-11-30T09:00:00Z',
        timezone: 'Europe/Berlin',
      });
      expect(r.label).toBe(label);
      if (returnDate) expect(r.return_date).toBe(returnDate);
    },
  );

  it.each([
    ...OPT_OUT_EXAMPLES,
    ...OPT_OUT_PATTERN_EXAMPLES,
    ...OPT_OUT_COMPOSED_EXAMPLES,
    ...OPT_OUT_FAMILY_EXAMPLES,
    ...OPT_OUT_PLAIN_ENGLISH_EXAMPLES,
  ])('opt-out or look-alike: %s → %s', async (text, expected) => {
    const { label } = await classify(text);
    if (expected === 'not_unsub') expect(label).not.toBe('unsubscribe');
    else expect(label).toBe(expected);
  });

  it.each([
    'Take Sarah off the Zoom invite please, she is out sick.',
    "Could you uninvite Dan from the demo? He's on leave.",
    'Please remove Jess from the kickoff invite, she is on leave that week.',
    "Remove my colleague from the invite, he can't attend.",
  ])('someone taken off a meeting invite changes who attends (a meeting, not a list): %s', async (text) => {
    expect((await classify(text)).label).toBe('meeting_request');
  });

  it.each([
    'Please remove me from your webinar invites.',
    'remove me from your demo emails',
    'Take me off your event reminders.',
    'Remove me from the Monday call list please.',
    'Take us off the morning call texts.',
  ])('messages named after a meeting are a mailing, leaving them an opt-out: %s', async (text) => {
    expect((await classify(text)).label).toBe('unsubscribe');
  });

  it.each(PARAPHRASE_OPT_OUT_LOOKALIKES)('look-alike, not an opt-out: %s', async (text) => {
    expect((await classify(text)).label).not.toBe('unsubscribe');
  });

  it('answers a valid shape with a short reason naming the evidence', async () => {
    const r = await classify('Please remove me from your list.');
    expect(REPLY_LABELS).toContain(r.label);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.reason).toMatch(/^Unsubscribe: .*remove me/);
    expect(r.reason.length).toBeLessThan(160);
    expect(r.return_date).toBeNull();
    expect(r.referral).toBeNull();
  });

  it('judges the new text above quoted history, not the quote', async () => {
    const text =
      'Sounds good, send me the details.\n\nOn Mon, 30 Nov 2026 at 08:00, Sam <sam@vendor.io> wrote:\n> Reply STOP to unsubscribe.';
    const r = await classify(text);
    expect(r.label).toBe('interested');
    expect(r.reason).toContain('quoted part');
  });

  it('is neutral when nothing is written above the quote', async () => {
    expect((await classify('> Do you have 10 minutes this week?')).label).toBe('neutral');
  });

  it('reads an automatic reply from its subject when the body is empty', async () => {
    expect((await classify('', { subject: 'Automatic reply: Quick question' })).label).toBe('out_of_office');
  });

  it('gives the return date of an away reply and no referral', async () => {
    const r = await classify(
      'I am out of the office until 14 December. For urgent matters contact jane@acme.com.',
    );
    expect(r).toMatchObject({ label: 'out_of_office', return_date: '2026-12-14', referral: null });
  });

  it('gives the referral of a wrong-person reply', async () => {
    const r = await classify(
      "I'm not the right person — please talk to Jane Doe (jane.doe@acme.com, +44 20 7946 0958).",
    );
    expect(r.label).toBe('wrong_person');
    expect(r.referral).toEqual({ name: 'Jane Doe', email: 'jane.doe@acme.com', phone: '+44 20 7946 0958' });
  });

  it.each([
    ["Passing this to our CFO, we're very interested. Can you send a proposal?", 'interested'],
    ['Forwarding to my colleague Sam who handles this.', 'wrong_person'],
  ])('tells a keen internal hand-over from pointing elsewhere: %s', async (text, label) => {
    expect((await classify(text)).label).toBe(label);
  });

  it('keeps a courtesy title and finds a name after a role', async () => {
    expect(
      (await classify('Ich bin nicht zuständig, wenden Sie sich bitte an Frau Keller.')).referral?.name,
    ).toBe('Frau Keller');
    expect((await classify('I have retired. You want my successor, Priya Shah.')).referral?.name).toBe(
      'Priya Shah',
    );
  });

  it.each([
    ['Please stop sending me these emails.', 'en'],
    ['Por favor, no me escriban más.', 'es'],
    ['Merci de ne plus me contacter.', 'fr'],
    ['Bitte keine E-Mails mehr.', 'de'],
    ['Não quero mais receber mensagens, obrigado.', 'pt'],
    ['Non scrivetemi più, grazie.', 'it'],
    ['Graag geen mails meer, bedankt.', 'nl'],
  ])('detects the language of %s', async (text, language) => {
    const r = await classify(text);
    expect(r.language).toBe(language);
    expect(r.label).toBe('unsubscribe');
  });

  it.each([
    ['Proszę więcej do mnie nie pisać, dziękuję.', 'pl'],
    ['Lütfen bana bir daha e-posta göndermeyin.', 'tr'],
    ['E-posta göndermeyi bırakın.', 'tr'],
    ['Tolong jangan kirim pesan lagi ke nomor saya.', 'id'],
    ['please mujhe aur message mat bhejo', 'hi'],
    ['Пожалуйста, больше не пишите мне.', 'ru'],
    ['لا ترسلوا لي أي رسائل بعد الآن.', 'ar'],
  ])('detects the language of %s (the six languages added last)', async (text, language) => {
    const r = await classify(text);
    expect(r.language).toBe(language);
    expect(r.label).toBe('unsubscribe');
  });

  it.each(['Ok.', 'Spam?', '👍'])('gives no language to %s, a reply without a word of any', async (text) => {
    expect((await classify(text)).language).toBeNull();
  });

  // Speed is measured by `npm run bench:classify` (time per reply), not asserted here.
  it('is deterministic', async () => {
    const text = 'Hi, could we talk Thursday at 3pm? Best, Ana\n\nOn Mon, Nov 30 2026, Sam wrote:\n> hi';
    const first = await classify(text);
    for (let i = 0; i < 200; i++) expect(await classify(text)).toEqual(first);
  });
});
