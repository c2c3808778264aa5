import { REPLY_LABELS, type ReplyLabel } from '../../llm/llm-tasks';
import { combineWithModel, decideByRules } from './decide-label';
import { matchSignals } from './match-signals';
import { normaliseText } from './normalise-text';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

/** The rules' decision beside a model that only leans (p 0.5) to `label`, as the trained one does on short replies. */
function withModelLeaningTo(text: string, label: ReplyLabel): ReplyLabel {
  const { scores, hits } = matchSignals(normaliseText(text));
  const none = Object.fromEntries(REPLY_LABELS.map((l) => [l, 0.04])) as Record<ReplyLabel, number>;
  const leaning = { ...none, neutral: 0.18, [label]: 0.5 };
  return combineWithModel(decideByRules(scores, hits), scores, leaning, false, hits.length === 0).label;
}

describe('opt-outs that read as neutral: terse, implicit, sign-off style (probe 52)', () => {
  it.each([
    ["That's enough now.", 'enough, alone'],
    ['Es reicht jetzt wirklich.', 'de: enough'],
    ['Ça suffit comme ça !', 'fr: enough'],
    ['Ora basta.', 'it: enough'],
    ['Het is nu genoeg.', 'nl: enough'],
    ['Mam dość tego.', 'pl: enough'],
    ['Yeter artık 😤', 'tr: enough, with an emoji'],
    ["Don't bother, honestly.", "don't bother, alone"],
    ['No insistáis.', 'es: do not insist'],
    ['Spare me 🙄', 'spare me'],
    ['So done with these.', 'done with these'],
    ['Bye, and for good 👋', 'a goodbye for good'],
    ['Tchau, para sempre.', 'pt: a goodbye for good'],
    ['Nope, never again.', 'never again after a no'],
    ["Ok bye, don't come back", "don't come back"],
    ["Let's end it here.", 'ends it here'],
    ["Seriously? Again?! I'm so done.", 'again, then fed up'],
    ['Alweer? Ik ben er klaar mee.', 'nl: again, then fed up'],
    ['This is the fourth one. Final warning.', 'a final warning closing the reply'],
    ['Czwarty mail. Ostatnie ostrzeżenie.', 'pl: a last warning'],
    ["That's the last text I'm reading.", 'the last one read'],
    ['im good, forget i exist', 'forget I exist'],
    ["We'd like to not receive these anymore.", 'would like not to get these'],
    ["Where did you get my number? Don't use it again.", 'where from, then do not use it'],
    ['Woher haben Sie meine Mail? Bitte nicht mehr verwenden.', 'de: where from, then do not use it'],
    ['Hoe komt u aan mijn nummer? Gebruik het niet meer.', 'nl: where from, then do not use it'],
    ['Ik heb me hier nooit voor aangemeld.', 'nl: never signed up'],
    ['Jag har aldrig anmält mig till något sånt.', 'sv: never signed up'],
    ['Hiç üye olmadım ben buna.', 'tr: never signed up'],
    ['My mobile is personal - not for marketing.', 'a personal number, not for marketing'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["Enough for today, I'll finish the form tomorrow.", 'enough, about the writer'],
    ['Es reicht, wenn Sie mir das Angebot per Mail schicken.', 'de: it is enough if'],
    ['Ya está, ya pagué la factura.', 'es: done'],
    ["Lascia perdere, l'ho trovato io.", 'it: never mind'],
    ["No need to bother, I'll pick it up myself.", 'no need to bother'],
    ['Thanks again. Bye!', 'thanks again, bye'],
    ['Again? Sure, send it over.', 'again, then keen'],
    ["Do you ever take a hint from your customers' feedback?", 'a hint asked about'],
    ['We tried another tool once. Never again. How is yours different?', 'never again, about another tool'],
    ['Last warning before the holidays: please send the invoice today.', 'a last warning about an invoice'],
    ['This is where it ends up in the CRM, right?', 'where it ends up'],
    ["Did you lose the number? It's 020 7946 0018.", 'lost the number, asked'],
    [
      "How did you get my number? No worries, don't use it for calls though, text is better.",
      'where from, then a channel preference',
    ],
    ["I'm done with the questionnaire.", 'done with a form'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ["Don't bother sending a printed copy, email is fine.", 'neutral'],
    ['How do you make sure messages are not flagged as spam?', 'question'],
  ])('keeps the neighbours apart: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Fatto, ho inviato il modulo.', 'interested'],
    ['Formularz wysłany, dzięki.', 'meeting_request'],
    ["Bye for now, I'll look at the proposal over the weekend.", 'not_now'],
  ])('stays an acknowledgement when the model leans elsewhere: %s', (text, leaning) => {
    expect(withModelLeaningTo(text, leaning as ReplyLabel)).toBe('neutral');
  });
});
