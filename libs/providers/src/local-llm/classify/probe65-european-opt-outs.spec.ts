import { classifyReplyText, labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('opt-outs and look-alikes in de, es, fr, it, nl, pt (probe 65)', () => {
  it.each([
    [
      'Wir fordern Sie auf, künftig jede Kontaktaufnahme mit unserem Haus zu unterlassen.',
      'de: contact to cease, legal wording',
    ],
    ['Sämtliche Werbezusendungen an diese Adresse sind ab sofort zu unterlassen.', 'de: mailings to cease'],
    [
      'Wij verzoeken u elke verdere ongevraagde benadering van ons kantoor te staken.',
      'nl: approaches to cease',
    ],
    ['Exijo que cessem toda a comunicação comigo a partir de hoje.', 'pt: all communication to cease'],
    ['Le pido por favor que no vuelva a ponerse en contacto conmigo.', 'es: not to get in touch again'],
    ['Ruego que no se pongan más en contacto con nosotros.', 'es: not to get in touch again, plural'],
    ['bitte nicht wieder kontaktiren!!', 'de: contact verb misspelt'],
    ['Schickt’s ma nimma mehr was, bitte.', 'de: Austrian, send nothing more'],
    ['Voici mon ancien numéro perso, supprimez-le de vos fichiers svp.', 'fr: remove it from your files'],
    ['me tirem dessa lista por favor', 'pt-BR: take me off this list'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["Je ne compte pas me désinscrire, mais j'attends la nouvelle version.", 'fr: will not unsubscribe'],
    [
      'Je ne vais pas me désinscrire, promis, je suis juste débordé en ce moment.',
      'fr: will not unsubscribe',
    ],
    ['Não pretendo descadastrar-me, só estou sem tempo este mês.', 'pt: will not unsubscribe'],
    [
      'Austragen kann man sich doch jederzeit per Link, oder? Unsere Mitglieder fragen danach.',
      'de: checks the link opts out',
    ],
    [
      'Unser Geschäftsführer möchte nicht mehr angerufen werden. Zuständig für den Einkauf bin ohnehin ich – rufen Sie mich gern an.',
      "de: the managing director's wish",
    ],
    [
      'Meine Kollegin Frau Roth möchte keine Newsletter mehr erhalten, bitte streichen Sie sie. Ich lese Ihre Mails aber gern weiter.',
      "de: a colleague's wish",
    ],
    [
      'A minha diretora descadastrou-se da vossa newsletter. Isso vale para mim também? Eu quero continuar a recebê-la.',
      "pt: the director's opt-out",
    ],
    ['Quando i clienti devono rispondere STOP, il messaggio arriva a voi o a noi?', 'it: STOP to be replied'],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it("a colleague's wish that the writer joins is theirs too (de)", () => {
    expect(
      classify('Mein Kollege möchte keine Mails mehr bekommen, und mich nehmen Sie bitte auch raus.').label,
    ).toBe('unsubscribe');
  });

  it.each([
    [
      'Por favor retirem o meu e-mail antigo da cópia; daqui para a frente escrevam para rui@novadata.pt.',
      'pt',
    ],
    ['Quiten por favor mi correo antiguo de la copia y usen rosa@grupoeme.es en adelante.', 'es'],
  ])('an old address taken off the cc for a new one is no wrong person: %s (%s)', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it('talking it over with their own team is no referral (pt)', () => {
    expect(classify('Obrigado pela proposta, vamos falar com a equipe e voltamos.').label).not.toBe(
      'wrong_person',
    );
  });

  it.each([
    ['Ich bin ab dem 18.12. im Urlaub und ab dem 11. Januar 2027 wieder im Büro.', '2027-01-11'],
    ['Ik ben vanaf 19 december op vakantie en vanaf 8 januari weer bereikbaar.', '2027-01-08'],
  ])('the first day away, said before the absence, is not the return: %s', async (text, date) => {
    const result = await classifyReplyText(
      { text, received_at: '2026-12-02T09:00:00Z', timezone: 'Europe/Berlin' },
      null,
    );
    expect(result.label).toBe('out_of_office');
    expect(result.return_date).toBe(date);
  });
});
