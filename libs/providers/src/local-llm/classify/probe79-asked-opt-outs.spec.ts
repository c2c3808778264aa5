import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('opt-outs asked as questions or worded plainly are opt-outs (probe 79)', () => {
  it.each([
    [
      'Is there any way to get off this? Genuinely no idea how I ended up on it.',
      'en, a way to get off, asked',
    ],
    ['is there a way to be taken off your mailing list', 'en, a sibling'],
    [
      'Would you mind terribly taking me off? I get enough of these from my own suppliers.',
      'en, mind terribly',
    ],
    ['Would you mind awfully removing me?', 'en, a sibling'],
    ['Cancel me out of the weekly tips email please, I read none of them.', 'en, cancel me out of'],
    ['Könnt ihr mal aufhören, mich jede Woche anzuschreiben?', 'de, every week, asked'],
    ['Können Sie bitte aufhören, mir jeden Tag zu schreiben?', 'de, a sibling'],
    [
      'Che devo fare per non ricevere più niente da voi? ho già risposto no',
      'it, what to do to get nothing more',
    ],
    ['Que dois-je faire pour ne plus recevoir vos SMS ?', 'fr, a sibling'],
    ['¿Qué tengo que hacer para no recibir más mensajes?', 'es, a sibling'],
    ['Wat moet ik doen om geen mails meer te ontvangen?', 'nl, a sibling'],
    ['What do I have to do to stop getting these?', 'en, a sibling'],
    ['Oi, o que eu faço pra vocês pararem de mandar mensagem nesse número?', 'pt, what do I do so you stop'],
    ['O que eu faço pra não receber mais essas mensagens?', 'pt, a sibling'],
    ['La potete smettere con questi messaggi? Sono tre in una settimana.', 'it, stop it with these'],
    ['Smettetela con queste telefonate.', 'it, a sibling'],
    ["C'è un modo per non essere più contattato su WhatsApp?", 'it, a way not to be contacted'],
    ["C'è qualche modo di non ricevere più queste email?", 'it, a sibling'],
    ["Is er ergens een afmeldknop voor deze mails? Ik zie 'm niet.", 'nl, an unsubscribe button for these'],
    ["Is there an unsubscribe link for these emails? I can't find one.", 'en, a sibling'],
    ['Voitteko lopettaa viestien lähettämisen minulle?', 'fi, can you stop sending'],
    ['Kan dere slutte å sende meg meldinger?', 'nb, can you stop sending'],
    ['Kan I stoppe med at ringe til mig?', 'da, a sibling'],
    ['Vi diffido dal contattarmi ulteriormente a questo numero.', 'it, a formal warning'],
    ['chega de msg pfv, nem sei quem são vcs', 'pt, enough msgs'],
    ['Zet me maar van de lijst, dit is niks voor mij.', 'nl, put me off the list'],
    ['Gooi me uit jullie bestand alsjeblieft.', 'nl, a sibling'],
    ['Non voglio continuare a ricevere le vostre email.', 'it, not wanting to keep receiving'],
    ['Não quero continuar recebendo essas mensagens.', 'pt, a sibling'],
    ['Je ne veux pas continuer à recevoir vos offres.', 'fr, a sibling'],
    ['how do i turn these off', 'en, how to turn these off'],
    ['How do I turn off these texts? Never signed up', 'en, a sibling'],
    ['¿Cómo desactivo estos mensajes?', 'es, a sibling'],
    ['Come si fa a disattivare questi messaggi?', 'it, a sibling'],
    ['Comment désactiver ces SMS ?', 'fr, a sibling'],
    ['Wie stelle ich diese Nachrichten ab?', 'de, a sibling'],
    ['Como desativo essas mensagens?', 'pt, a sibling'],
    ['Hoe zet ik deze berichten uit?', 'nl, a sibling'],
    ['Is there someone I can talk to about not getting these anymore?', 'en, whom to turn to'],
    ['A chi devo scrivere per non ricevere più questi messaggi?', 'it, a sibling'],
    ['An wen muss ich mich wenden, damit das aufhört?', 'de, a sibling'],
    ['Com quem eu falo pra parar de receber isso?', 'pt, a sibling'],
    ['Bij wie moet ik zijn om hiervan af te komen?', 'nl, a sibling'],
    ['¿Hasta cuándo van a seguir mandándome esto?', 'es, until when'],
    ['Até quando vou receber isso?', 'pt, until when'],
    ['Vous allez arrêter un jour ?', 'fr, will you ever stop'],
    ['Hört das irgendwann mal auf?', 'de, will it ever stop'],
    ['When will these stop?', 'en, when will these stop'],
    ['Houdt dit ooit op?', 'nl, will this ever stop'],
    ['is it possible to just not get these', 'en, just not get these'],
    ['¿No me pueden dejar en paz?', 'es, can you not leave me alone'],
    ['arretez svp c bon', 'fr, stop, that is enough'],
    ['basta msg grazie', 'it, enough msgs'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Is there a way to get off the waitlist faster?', 'question'],
    ['Potete smettere con le offerte per me? va bene solo il catalogo', 'question'],
    ['Voglio continuare a ricevere le offerte, mi interessano molto.', 'interested'],
    ['Would you mind terribly sending the deck again?', 'question'],
    ['Zet me maar op de lijst voor de demo van donderdag.', 'meeting_request'],
    ['Che devo fare per ricevere il listino?', 'question'],
    ['How do I turn off the push notification I get every time someone opens an email?', 'question'],
    ["Come posso disattivare le notifiche dell'app?", 'question'],
    ['Is there someone I can talk to about pricing?', 'question'],
    ['An wen muss ich mich wenden, damit die Rechnung korrigiert wird?', 'question'],
    ['When will the texts stop for the Christmas promo? Our customers are asking.', 'question'],
    ['Até quando vou receber o desconto?', 'question'],
    ['Hört das Update irgendwann auf zu laden?', 'question'],
    ["Arrêtez, c'est bon, j'ai compris, envoyez-moi le devis.", 'interested'],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
