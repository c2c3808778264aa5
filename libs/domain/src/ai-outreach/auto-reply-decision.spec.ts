import { REPLY_LABELS } from '@app/providers';
import {
  AUTO_REPLY_MAX_IN_A_ROW,
  AUTO_REPLY_MIN_CONFIDENCE,
  AutoReplyFacts,
  autoReplyEnabled,
  autoReplySkip,
  NO_AUTO_REPLY_LABELS,
} from './auto-reply-decision';

const facts = (over: Partial<AutoReplyFacts> = {}): AutoReplyFacts => ({
  enabled: true,
  inbound: true,
  ai_mode: 'auto',
  overridden: false,
  agent_after: false,
  newer_inbound: false,
  label: 'question',
  confidence: 0.9,
  ai_in_a_row: 0,
  ...over,
});

describe('when the AI auto-replies', () => {
  it('answers an inbound message of a conversation in ai_mode auto with the setting on', () => {
    expect(autoReplySkip(facts())).toBeNull();
    expect(autoReplySkip(facts({ label: null }))).toBeNull();
  });

  it.each<[Partial<AutoReplyFacts>, string]>([
    [{ inbound: false }, 'not_inbound'],
    [{ enabled: false }, 'disabled'],
    [{ ai_mode: 'human' }, 'human_mode'],
    [{ overridden: true }, 'overridden'],
    [{ agent_after: true }, 'agent_answered'],
    [{ newer_inbound: true }, 'superseded'],
    [{ label: 'unsubscribe' }, 'label'],
  ])('not when %j: %s', (over, reason) => {
    expect(autoReplySkip(facts(over))).toBe(reason);
  });

  it('never answers an unsubscribe, an away message, a wrong person, a refusal or a reply without intent; answers the other classes', () => {
    for (const label of REPLY_LABELS) {
      const skipped = autoReplySkip(facts({ label })) === 'label';
      expect([label, skipped]).toEqual([label, NO_AUTO_REPLY_LABELS.includes(label)]);
    }
    expect([...NO_AUTO_REPLY_LABELS].sort()).toEqual(
      ['neutral', 'not_interested', 'out_of_office', 'unsubscribe', 'wrong_person'].sort(),
    );
  });

  it('leaves a guess to a human: below AUTO_REPLY_MIN_CONFIDENCE the AI does not answer', () => {
    expect(autoReplySkip(facts({ confidence: AUTO_REPLY_MIN_CONFIDENCE - 0.01 }))).toBe('uncertain');
    expect(autoReplySkip(facts({ confidence: AUTO_REPLY_MIN_CONFIDENCE }))).toBeNull();
    expect(autoReplySkip(facts({ label: null, confidence: null }))).toBeNull();
  });

  it('stops answering after AUTO_REPLY_MAX_IN_A_ROW answers with no agent between (two bots answering each other)', () => {
    expect(autoReplySkip(facts({ ai_in_a_row: AUTO_REPLY_MAX_IN_A_ROW - 1 }))).toBeNull();
    expect(autoReplySkip(facts({ ai_in_a_row: AUTO_REPLY_MAX_IN_A_ROW }))).toBe('too_many_in_a_row');
  });

  it('reads settings.ai.auto_reply: on only when it is true (default off)', () => {
    expect(autoReplyEnabled({ ai: { auto_reply: true } })).toBe(true);
    expect(autoReplyEnabled({ ai: { autoReply: true } })).toBe(true);
    for (const settings of [
      {},
      null,
      undefined,
      { ai: { auto_reply: 'true' } },
      { ai: { auto_reply: false } },
      { ai: [true] },
      { ai: true },
      { auto_reply: true },
    ]) {
      expect(autoReplyEnabled(settings as Record<string, unknown>)).toBe(false);
    }
  });
});
