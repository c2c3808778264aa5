import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-03T09:00:00Z' }, null);
/** The rules with the built-in model, for the replies whose answer is neutral. */
const classifyWithModel = (text: string) => labelReplyText({ text, received_at: '2026-12-03T09:00:00Z' });

const OUTREACH_HTML =
  '<p>Hi Jo, would a 15-minute call this week make sense?</p><p style="font-size:11px">Reply STOP to opt out or <a href="https://t.reachline.io/u/91ac">unsubscribe</a>.</p>';

/** Outlook on the web: the reply, then the quoted message under `divRplyFwdMsg`, its labels in Polish. */
const outlookWeb = (reply: string) =>
  `<div dir="ltr">${reply}</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>Od:</b> Dana Whitfield &lt;dana@reachline.io&gt;<br><b>Wysłane:</b> środa, 2 grudnia 2026 10:12<br><b>Do:</b> Jo Nowak<br><b>Temat:</b> Krótkie pytanie</div><div>${OUTREACH_HTML}</div>`;

/** Outlook for Windows: the quoted message in a box with a top border, its labels in Swedish. */
const outlookDesktop = (reply: string) =>
  `<div class="WordSection1"><p class="MsoNormal">${reply}<o:p></o:p></p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>Från:</b> Dana Whitfield<br><b>Skickat:</b> den 2 december 2026 10:12<br><b>Till:</b> Jo Berg<br><b>Ämne:</b> Snabb fråga</p></div>${OUTREACH_HTML}</div>`;

describe('Email replies in HTML or converted badly, history without ">" marks (probe42)', () => {
  it.each([
    ['Bitte l&ouml;schen Sie meine Adresse.', 'unsubscribe'],
    ['N&atilde;o me contactem mais, obrigado.', 'unsubscribe'],
    ['Ya no quiero que me escriban m&aacute;s.', 'unsubscribe'],
    ['Merci de ne plus m&#8217;&eacute;crire.', 'unsubscribe'],
    ['Got&nbsp;it,&nbsp;Lena &amp; I will look at it on Monday.', 'neutral'],
    ['Ok, Tom &amp; I can do Thursday at 3pm&nbsp;- send the invite.', 'meeting_request'],
  ])('character references in a text part are read as the characters: %s', (text, label) => {
    expect(classifyWithModel(text).label).toBe(label);
  });

  it.each([
    ['Thursday at 10 works for me, please send the invite.', 'meeting_request'],
    ['Which CRMs do you integrate with?', 'question'],
    ['Sounds good, send me the pricing for 12 users.', 'interested'],
  ])("Outlook's quoted history in HTML is cut, its footer unread: %s", (reply, label) => {
    expect(classify(outlookWeb(reply)).label).toBe(label);
    expect(classify(outlookDesktop(reply)).label).toBe(label);
  });

  it('an opt-out above Outlook history in HTML stays an opt-out', () => {
    expect(classify(outlookWeb('Please take me off your list.')).label).toBe('unsubscribe');
    expect(classify(outlookDesktop('Please take me off your list.')).label).toBe('unsubscribe');
  });

  it.each([
    [
      'Passt, schicken Sie mir bitte die Unterlagen.',
      'Am Mi., 2. Dez. 2026 um 10:12 Uhr schrieb Tom Reyes <\ntom@fieldwise.co>:',
      'interested',
    ],
    [
      'Kunnen we woensdag om 14 uur bellen?',
      'Op wo 2 dec 2026 om 10:12 schreef Tom Reyes <\ntom@fieldwise.co>:',
      'meeting_request',
    ],
    [
      'Werkt dit ook met AFAS?',
      'Op wo 2 dec 2026 om 10:12 schreef Tom Reyes <\ntom@fieldwise.co>:',
      'question',
    ],
  ])(
    'an attribution wrapped after the verb ends the reply, the unmarked history is unread: %s',
    (reply, attribution, label) => {
      const history =
        'Hallo, hätten Sie 15 Minuten?\n\nAntworten Sie mit STOP oder Uitschrijven, um sich abzumelden.';
      expect(classify(`${reply}\n\n${attribution}\n\n${history}`).label).toBe(label);
    },
  );

  it.each([
    [
      'Thursday at 11 works.\n\nJonas Brandt\nBrandt Logistik GmbH\nNewsletter abbestellen<https://news.brandt-logistik.de/off?u=88>',
      'meeting_request',
    ],
    [
      'Sounds good, send me the pricing.\n\nHelen Cho\nBrightside Dental\nUnsubscribe: https://brightside-dental.com/unsubscribe',
      'interested',
    ],
    [
      'Oui, envoyez-moi le devis.\n\nSophie Marchand\nSe désinscrire : https://news.marchand-fils.fr/u/12',
      'interested',
    ],
    [
      'Giovedì alle 10 va bene.\n\nGiulia Conti\nAnnulla iscrizione<https://ferri-arredi.it/nl/off>',
      'meeting_request',
    ],
    ['Nee bedankt.\n\nDaan Bakker\nUitschrijven: https://vandijk.nl/nieuwsbrief/uit', 'not_interested'],
    [
      'Please take me off your list.\n\nHelen Cho\nUnsubscribe: https://brightside-dental.com/unsubscribe',
      'unsubscribe',
    ],
    [
      'Bitte tragen Sie mich aus.\n\nPetra Wolf\nNewsletter abbestellen<https://wolf-stahlbau.de/nl/off>',
      'unsubscribe',
    ],
  ])("the writer's own newsletter footer, a link converted to text, is no opt-out: %s", (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    "Please drop Priya from the thread, she left in September. I'm your contact now - can you send the contract?",
    'He has left the company, but I am the right person for this. How much is it for 30 seats?',
    'Luis se fue en junio, ahora soy yo la persona indicada. ¿Cuánto cuesta?',
    'Herr Vogel ist nicht mehr bei uns, ich bin jetzt der richtige Ansprechpartner. Was kostet das?',
  ])('a colleague gone while the writer is the right contact is no wrong person: %s', (text) => {
    expect(classify(text).label).not.toBe('wrong_person');
  });

  it.each([
    "She left in March, you'll want Tom Hale now (tom.hale@kestrel.io).",
    "I'm not the right person, try Ben in ops.",
    "Not sure I'm the right person for this, Ben Ortiz handles vendor tools (ben.ortiz@kestrel.io).",
    'No soy la persona indicada, hable con Marta en compras.',
    'Ich bin dafür nicht zuständig, bitte wenden Sie sich an die Buchhaltung.',
  ])('a wrong person stays one: %s', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it.each([
    ["We switched to HubSpot in June and it's been fine, so no thanks.", 'not_interested'],
    ['Try me again in June.', 'not_now'],
  ])('the month of a past move is no later period, a month to come back still is: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    [
      "I've moved on from Kestrel. Try Nina Park at nina.park@kestrel.io.",
      { name: 'Nina Park', email: 'nina.park@kestrel.io', phone: null },
    ],
    [
      'Ce n’est pas moi. Contactez plutôt Hugo Petit : hugo.petit@lumea.fr',
      { name: 'Hugo Petit', email: 'hugo.petit@lumea.fr', phone: null },
    ],
    [
      'Dafür bin ich nicht zuständig. Wenden Sie sich an Herrn Otto Brandt, o.brandt@brandt-bau.de.',
      { name: 'Otto Brandt', email: 'o.brandt@brandt-bau.de', phone: null },
    ],
    [
      'Dafür bin ich nicht zuständig. Wenden Sie sich an Frau Lena Voss, l.voss@brandt-bau.de.',
      { name: 'Frau Lena Voss', email: 'l.voss@brandt-bau.de', phone: null },
    ],
    [
      '<div>I&#39;m not the right person. Please contact <a href="mailto:sarah.lee@northwind.co.uk">Sarah Lee</a>, she runs ops.</div>',
      { name: 'Sarah Lee', email: 'sarah.lee@northwind.co.uk', phone: null },
    ],
    [
      '<p class="MsoNormal">Dafür bin ich nicht zuständig, bitte wenden Sie sich an <a href="mailto:j.keller@wolf-stahlbau.de"><span style="color:#0563C1">Jonas Keller</span></a>.<o:p></o:p></p>',
      { name: 'Jonas Keller', email: 'j.keller@wolf-stahlbau.de', phone: null },
    ],
  ])('the person handed over to is named as written, a mail link keeps its address: %s', (text, referral) => {
    const result = classify(text);
    expect(result.label).toBe('wrong_person');
    expect(result.referral).toEqual(referral);
  });
});
