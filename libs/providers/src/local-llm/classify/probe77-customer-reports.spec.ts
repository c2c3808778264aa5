import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe("a customer's report of opting out, in es/de/pt, is not the writer's opt-out (probe 77)", () => {
  it.each([
    [
      'Un cliente nuestro dice que sigue recibiendo mensajes después de darse de baja. ¿Podéis revisarlo?',
      'es, the probe’s shape',
    ],
    ['Ein Kunde sagt, dass er trotz Abmeldung weiter Mails bekommt. Können Sie das prüfen?', 'de, a sibling'],
    [
      'Um cliente diz que continua recebendo mensagens depois de se descadastrar. Podem verificar?',
      'pt, a sibling',
    ],
  ])('is a question: %s (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it('is still an opt-out when the writer did it: Me di de baja hace un mes…', () => {
    expect(
      classify('Me di de baja hace un mes y sigo recibiendo mensajes. Dadme de baja de verdad.').label,
    ).toBe('unsubscribe');
  });
});
