import { classifyReplyText, labelReplyText } from './reply-classifier';

const RECEIVED = '2026-12-03T09:00:00Z';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: RECEIVED }, null).label;

describe('a colleague away versus the writer away (probe 47)', () => {
  it.each([
    "Nadia's on parental leave and I'm handling her clients for now. What's this regarding?",
    'Herr Albers ist bis 15.1. in Elternzeit, ich vertrete ihn. Worum geht es bitte?',
    "Mme Roussel est en arrêt maladie, c'est moi qui la remplace. De quoi s'agit-il ?",
    'Elena está de permiso de maternidad y yo la sustituyo. ¿De qué se trata?',
    'La collega Fabbri è in maternità, la sostituisco io. Di cosa si tratta?',
    'A Marta está de licença e eu estou a substituí-la. Qual é o assunto?',
    'Joris is met ouderschapsverlof, ik neem zijn werk waar. Waar gaat het om?',
    'Bitte schreiben Sie Herrn Albers vorerst nicht mehr, er ist in Elternzeit. Ich vertrete ihn, worum geht es?',
  ])('who stands in for an absent contact and asks what it is about is a wrong person: %s', (text) => {
    expect(classify(text)).toBe('wrong_person');
  });

  it.each([
    [
      "Tomasz is off sick, I'm covering for him. Sounds useful actually, could you send me a price list?",
      'interested',
    ],
    [
      'Frau Lenz ist im Mutterschutz, ich vertrete sie. Wir arbeiten schon mit einem anderen Anbieter und wechseln nicht.',
      'not_interested',
    ],
    [
      'Il collega Rota è in ferie, lo sostituisco io. Mandatemi pure un preventivo, mi interessa.',
      'interested',
    ],
    ["Laura's on holiday, I'm covering for her. Does it integrate with Xero?", 'question'],
    [
      'Dani is away until the 18th, but I can decide on this too. Can we do a call Wednesday at 11am?',
      'meeting_request',
    ],
  ])('who stands in or answers while a colleague is away is read by what they want: %s', (text, label) => {
    expect(classify(text)).toBe(label);
  });

  it.each([
    ["Ruth's on annual leave till Monday the 14th, try her again then.", '2026-12-14'],
    ['Frau Kessler ist bis 11.1. auf einer Messe, bitte melden Sie sich danach noch einmal.', '2027-01-11'],
    ['M. Garnier est en vacances jusqu\u2019au 7 janvier, recontactez-le à son retour.', '2027-01-07'],
  ])('a colleague away with "try again then" is an away reply with their date: %s', async (text, date) => {
    const result = await classifyReplyText({ text, received_at: RECEIVED, timezone: 'Europe/London' }, null);
    expect(result.label).toBe('out_of_office');
    expect(result.return_date).toBe(date);
  });

  it.each([
    [
      "I'm on holiday until the 9th, but honestly this is what we need. Send the proposal over and I'll read it then.",
      'interested',
    ],
    ['Je suis en congé jusqu’à vendredi mais bon, merci : nous ne sommes pas intéressés.', 'not_interested'],
    ["I'm going on paternity leave next week - could you reach out again in April?", 'not_now'],
  ])('a writer away who answers in person is read by what else they say: %s', (text, label) => {
    expect(classify(text)).toBe(label);
  });

  it.each([
    'Auto-reply: Priya Raman has left Corvel Systems. Please write to hello@corvel.io for anything she was handling.',
    'Automatische Antwort: Herr Kühn hat die Kanzlei verlassen. Seine Mandate betreut jetzt Frau Ott.',
    'Buongiorno, ho lasciato lo studio a ottobre; se ne occupa ora la dott.ssa Villa.',
    "I'm on maternity leave and won't be coming back to this position. Please talk to Grace Obi instead.",
  ])('a notice that the writer left for good is a wrong person, not an away reply: %s', (text) => {
    expect(classify(text)).toBe('wrong_person');
  });

  it.each([
    'Togliete Sandro dalla vostra mailing list, è andato in pensione. Io resto iscritta.',
    'Haal Wouter van jullie mailinglijst, hij is met pensioen. Mij mogen jullie houden.',
    'Retirem o Henrique da lista, ele já saiu. Eu quero continuar a receber.',
    'Não enviem mais nada ao Duarte, está de férias. Sou eu que o substituo, do que se trata?',
    'Estoy fuera hasta el día 9. Conforme al RGPD, puede darse de baja escribiendo a privacidad@ferrosur.es.',
  ])('opt-out words aimed at someone else, or a privacy footer, are no opt-out: %s', (text) => {
    expect(classify(text)).not.toBe('unsubscribe');
  });

  it.each([
    'Estoy de viaje hasta el viernes, pero ya que escribo: les ruego que me den de baja de sus envíos.',
    'En congé jusqu’au 18. Et merci de me supprimer définitivement de vos fichiers.',
    'Ich bin zwar in Elternzeit, aber bitte entfernen Sie mich trotzdem aus dem Verteiler.',
  ])('an opt-out inside an away reply is still an opt-out: %s', (text) => {
    expect(classify(text)).toBe('unsubscribe');
  });
});
