import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('a call declined in Portuguese is no meeting request, and away it is no opt-out (probe 77)', () => {
  it.each([
    [
      'Oi! Tô de férias até dia 9/12, não me liga não que não vou atender. Volto e respondo tudo.',
      'the probe’s shape',
    ],
    ['Estou viajando até sexta, não me liga que não consigo atender. Respondo na volta.', 'a sibling'],
    ['Tô de folga até dia 10, não me ligue por favor, volto segunda e te respondo.', 'the answer on return'],
    ['Estou de férias até 14/12, não me liguem, volto dia 14 e retorno.', 'another'],
  ])('is an away reply: %s (%s)', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });

  it.each([
    ['me liga amanhã às 10', 'meeting_request'],
    ['nao me liga mais por favor', 'unsubscribe'],
  ])('is still what it was: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
