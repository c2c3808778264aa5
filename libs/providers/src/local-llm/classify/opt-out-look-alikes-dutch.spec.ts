import { readSignals } from './match-signals';
import { prepareReply } from './prepare-reply';
import { labelReplyText } from './reply-classifier';

const labels = (text: string) => [
  labelReplyText({ text, received_at: '2026-12-02T09:00:00Z', channel: 'whatsapp' }, null).label,
  labelReplyText({ text, received_at: '2026-12-02T09:00:00Z', channel: 'whatsapp' }).label,
];
/** What the rules leave of an opt-out cue for the model to confirm (a bare "stop" counts 1). */
const optOutCue = (text: string) => readSignals(prepareReply({ text })).scores.unsubscribe;

describe('"stop … niet" (nl): the negation after the verb asks not to stop', () => {
  it.each([
    'stop echt niet met die tips, ik lees ze allemaal',
    'stop er maar niet mee hoor, goede aanbiedingen',
    'stop nu niet, we zitten bijna rond',
  ])('is no opt-out and leaves no opt-out cue: %s', (text) => {
    expect(optOutCue(text)).toBe(0);
    expect(labels(text)).not.toContain('unsubscribe');
  });

  it.each(['stop, niet meer appen', 'stop hiermee en bel niet meer', 'stop alsjeblieft. niet meer mailen'])(
    'is an opt-out: %s',
    (text) => {
      expect(labels(text)).toEqual(['unsubscribe', 'unsubscribe']);
    },
  );
});
