import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe("an away notice's instruction to its readers in es/nl/fr/de/it/pt is not the writer's opt-out (probe 76)", () => {
  it.each([
    [
      'Estoy fuera de la oficina hasta el 9 de diciembre. Si desea darse de baja de nuestro boletín, utilice el enlace al pie del boletín.',
      'es, the reader addressed formally',
    ],
    [
      'Ik ben afwezig tot maandag 14 december. Afmelden voor onze nieuwsbrief kan via de link onderaan de nieuwsbrief.',
      'nl, the act named as a noun',
    ],
    [
      'Je suis absente jusqu’au 11 décembre. Pour vous désinscrire de notre lettre d’information, cliquez sur le lien en bas de page.',
      'fr',
    ],
    [
      'Ich bin bis zum 10.12. nicht im Büro. Um sich vom Newsletter abzumelden, klicken Sie auf den Link in der Fußzeile.',
      'de',
    ],
    [
      'Ik ben er niet tot 11 december. Uitschrijven kan altijd via de link onderaan elke mail.',
      'nl, another noun',
    ],
    [
      "Je suis en congé jusqu'au 14 décembre. Si vous souhaitez ne plus recevoir nos offres, cliquez sur le lien ci-dessous.",
      'fr, the reader addressed',
    ],
    [
      'Sono in ferie fino al 7 gennaio. Per disiscriversi dalla newsletter, utilizzi il link in fondo alla mail.',
      'it',
    ],
  ])('is an away reply: %s (%s)', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });

  it.each([
    [
      'Estoy fuera hasta el lunes, pero quiero darme de baja de su lista. No me escriban más.',
      'es, the writer’s own',
    ],
    [
      'Ik ben afwezig tot maandag. Meld me af voor jullie nieuwsbrief, ik wil niks meer ontvangen.',
      'nl, the writer’s own',
    ],
  ])('is still an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
