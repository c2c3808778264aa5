import { labelReplyText } from './reply-classifier';

const labelOf = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' }).label;

describe('opt-out scope: the words of an opt-out that are not the writer’s request', () => {
  it.each([
    // somebody else said it
    'Our CFO told me to unsubscribe from vendor lists, but I would like to see the pricing first.',
    'Mi jefe me pidió que me borrara de su lista, pero a mí sí me interesa.',
    'Meu chefe pediu para eu me descadastrar, mas tenho interesse.',
    'Mein Chef hat gesagt, ich soll mich abmelden, aber das klingt interessant.',
    'Ma directrice m’a demandé de me désabonner, mais votre outil m’intéresse.',
    'Il mio responsabile mi ha detto di disiscrivermi, però la demo mi interessa.',
    // a subordinate clause or a reluctance
    'Before you remove me from the list, is there a plan for small teams?',
    'I would hate to unsubscribe, these are the only useful emails I get. Is there a webinar?',
    'Would hate for you to take us off the list, we are just busy. Try again in February.',
    // an intention given up
    'We meant to unsubscribe, but your last case study changed our minds. Can we talk Tuesday?',
    // messages to other people
    'Is there a way to stop the reminder emails going to our students on Sundays?',
    // some hours only
    'Please stop the calls to my desk phone before 9am, after that I am happy to talk.',
    // one channel refused for another
    'No more calls please, email works much better for me. Can you send the proposal?',
    'Stop calling my mobile and email my assistant instead: ops@acme.com',
    // somebody named is the one to stop contacting
    'Please stop emailing Priya, she moved to another team. I am the contact now.',
    // an exclamation, then keen
    'Stop! You had me at the free pilot. Where do I sign?',
  ])('is not an opt-out: %s', (text) => {
    expect(labelOf(text)).not.toBe('unsubscribe');
  });

  it.each([
    'Could you just stop? This is the fifth message.',
    'Can you please not?',
    'Would you mind removing me from this? Thanks.',
    'Whatever list this is, I would like to not be on it.',
    'Forget you ever had my number.',
    'Enough with the reminders.',
    'Não entrem mais em contato comigo, obrigado.',
    'Favor não entrar mais em contato.',
    'Laat ons alsjeblieft met rust.',
    'We would appreciate being left off future mailings.',
    'Please update your list so that we no longer receive these.',
  ])('is an opt-out: %s', (text) => {
    expect(labelOf(text)).toBe('unsubscribe');
  });

  it.each([
    'Bitte hören Sie nicht auf, mir die Tipps zu schicken.',
    'Hören Sie bloß nicht auf mit dem Newsletter!',
    'Stop alsjeblieft niet met de nieuwsbrief.',
  ])('asks to keep receiving them (a "don’t stop" in de/nl): %s', (text) => {
    expect(labelOf(text)).toBe('interested');
  });

  it.each([
    'I told you to unsubscribe me. Do it.',
    'Please stop calling me. Email is no better.',
    'Stop emailing me, I have asked before.',
    'Stop! Stop texting me.',
    'Hi, I wanted to unsubscribe from your list, please.',
  ])('still an opt-out when the writer asks (the scope does not reach too far): %s', (text) => {
    expect(labelOf(text)).toBe('unsubscribe');
  });

  it.each([
    'Out of office until 9 December. Please do not call my mobile, I will reply when I am back.',
    'Estoy de vacaciones hasta el 11 de diciembre. No me escriban aquí, escriban a ventas@norte.es.',
    'Sono in ferie fino all’8 dicembre. Non chiamatemi, rispondo al rientro.',
    'Estou de férias até 10 de dezembro. Não me liguem, respondo quando voltar.',
    'On parental leave. Please remove this address from your lists and use office@lark.io while I am away.',
  ])('an away notice asking to wait for the return or write elsewhere is out of office: %s', (text) => {
    expect(labelOf(text)).toBe('out_of_office');
  });

  it.each([
    'If I unsubscribe from the digest, do I keep the monthly report?',
    '¿Si me doy de baja de los SMS, sigo recibiendo los correos?',
    'Se eu me descadastrar, ainda recebo as notas fiscais?',
    'If you want to unsubscribe, the link is in the footer. Anyway, are you free Thursday?',
  ])('a condition asked about or someone else’s wish is not an opt-out: %s', (text) => {
    expect(labelOf(text)).not.toBe('unsubscribe');
  });

  it.each([
    'I am on holiday, but while I am here: stop emailing me, we are not interested.',
    'If I have to unsubscribe to make this stop, fine. Remove me.',
  ])('still an opt-out around an away note or a condition: %s', (text) => {
    expect(labelOf(text)).toBe('unsubscribe');
  });
  it.each([
    'Can we pause the sequence for a few accounts and keep it running for the rest?',
    'If we cancel after the trial, do we lose our contact history?',
    'Kann man die Erinnerungen abbestellen, aber die Rechnungen weiter bekommen?',
    'Comment fonctionne la désinscription des contacts qui répondent par SMS ?',
    'Come funziona la cancellazione dei dati dopo la prova?',
    'How does the opt out work when a lead replies from another address?',
  ])('a question about a possibility or how something works is not an opt-out: %s', (text) => {
    expect(labelOf(text)).not.toBe('unsubscribe');
  });

  it.each([
    'Can I unsubscribe?',
    'How do I stop these emails?',
    'Can I opt out of your messages?',
    'Kann ich mich abmelden?',
    'Puis-je me désinscrire ?',
    'Can you take me off this list?',
  ])('a request put as a question is still an opt-out: %s', (text) => {
    expect(labelOf(text)).toBe('unsubscribe');
  });

  it.each([
    'Please take me off the guest list for the webinar, our CFO will join instead.',
    "Take me off the product demo invite list for Friday, I'm travelling.",
    'Quítenme de la lista de invitados del taller del martes, no llego.',
    'Podem me tirar da lista de convidados do evento de sexta? Não consigo ir.',
    "Retirez-moi de la liste des inscrits de l'atelier de jeudi, j'ai un empêchement.",
    'Nehmen Sie mich bitte von der Teilnehmerliste für das Seminar am Freitag, ich bin krank.',
    'Toglietemi dalla lista degli iscritti al workshop di venerdì, non ce la faccio.',
    'Haal me van de gastenlijst voor het evenement van vrijdag, ik ben ziek.',
    'शुक्रवार के सेमिनार की गेस्ट लिस्ट से मुझे हटा दीजिए, मैं शहर से बाहर हूं।',
  ])('leaving one event’s invite list is not an opt-out: %s', (text) => {
    expect(labelOf(text)).not.toBe('unsubscribe');
  });

  it.each([
    'Take me off your webinar invite list. Not interested.',
    'Remove me from the invite list for the webinar and from all your other lists.',
    'Quítenme de su lista de invitados a eventos, por favor.',
  ])('an events list of their own, or every list, is still an opt-out: %s', (text) => {
    expect(labelOf(text)).toBe('unsubscribe');
  });

  it.each([
    'Please turn off the automated emails and have an actual person call me about pricing.',
    'Stop the auto-texts, I would rather a real human walk me through the contract.',
    'Paren los mensajes automáticos y que un asesor me llame mañana.',
    "Arrêtez les mails automatiques, je préfère qu'un vrai conseiller me contacte.",
    'Bitte die automatischen Mails stoppen und mich von einem echten Berater anrufen lassen.',
  ])('stopping only the automated messages while asking for a person is not an opt-out: %s', (text) => {
    expect(labelOf(text)).not.toBe('unsubscribe');
  });

  it.each([
    'Stop the automated emails. I do not want any contact.',
    'Stop your automated spam, and no, I do not want a call from a rep either.',
  ])('stopping automated messages without asking for a person is still an opt-out: %s', (text) => {
    expect(labelOf(text)).toBe('unsubscribe');
  });

  it.each([
    'No me manden SMS, estoy en la obra todo el día. Envíenme el presupuesto por correo.',
    'Sem ligações, por favor. Pelo WhatsApp sim, me mandem os valores.',
    "Pas d'appels svp, envoyez-moi plutôt la brochure par mail.",
  ])('one channel refused while asking to be sent something on another is not an opt-out: %s', (text) => {
    expect(labelOf(text)).not.toBe('unsubscribe');
  });
});
