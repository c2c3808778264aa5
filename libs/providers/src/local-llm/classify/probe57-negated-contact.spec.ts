import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('negated contact verbs and channel-limited replies (probe 57)', () => {
  it.each([
    ["ne m'appelez plus, merci", 'fr: call me no more'],
    ["m'écrivez plus svp", 'fr: the ne dropped'],
    ['Merci de ne plus me téléphoner.', 'fr: ne plus me téléphoner'],
    ['ne me rappelez plus', 'fr: call me back no more'],
    ['nie wieder schreiben bitte', 'de: never write again'],
    ['bitte nie mehr anrufen', 'de: never call again'],
    ['nn mi telefonate piu', 'it: chat spelling of non'],
    ['mai più telefonate per favore', 'it: never again calls'],
    ['non vogliamo più sms, grazie', 'it: want no more texts'],
    ['app me nie meer', 'nl: typo of niet'],
    ['nooit meer appen aub', 'nl: never app again'],
    ['geen telefoontjes meer', 'nl: no more calls'],
    ['n me manda mais nada', 'pt: chat spelling of nao'],
    ['pare de me ligar por favor', 'pt: stop calling me'],
    ['não queremos mais mensagens', 'pt: want no more messages'],
    ["don't ring me or email me, thanks", 'en: two channels refused'],
    ["don't call me, don't text me", 'en: two channels refused, repeated'],
    ['stop calling. email if you really must', 'en: another channel only grudgingly'],
    ['no texts please, whatsapp is ok if you have to', 'en: another channel allowed grudgingly'],
    ['nicht mehr anrufen, per Mail ist ok wenns sein muss', 'de: another channel allowed grudgingly'],
    ['no me llamen, solo correo si es necesario', 'es: "sí" of "si es necesario" is no yes'],
  ])('reads an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["pls don't phone, whatsapp is fine", 'neutral'],
    ['no calls please, email only', 'neutral'],
    ['keine Anrufe, nur per WhatsApp bitte', 'neutral'],
    ['niet bellen aub, alleen per mail', 'neutral'],
    ['non chiamatemi, meglio su whatsapp', 'neutral'],
    ["ne m'appelez pas, uniquement par mail svp", 'neutral'],
    ['no me llamen, solo por correo', 'neutral'],
    ['stop phoning me, text me instead and send me the quote', 'interested'],
    ["can't talk now, in a meeting. text me", 'neutral'],
    ['kann gerade nicht telefonieren, schreib mir bitte', 'neutral'],
    ['ora non posso parlare, scrivimi pure', 'neutral'],
    ['no puedo hablar ahora, escribeme', 'neutral'],
    ['please do not call before 8, the baby sleeps', 'neutral'],
    ['niet bellen voor 9 uur', 'neutral'],
    ["don't text, just call me after lunch", 'meeting_request'],
    ['no me escriban, llamame mejor', 'meeting_request'],
    ['nicht simsen, ruf mich an', 'meeting_request'],
    ['no need to call me, we will sign it today', 'interested'],
    ['pas besoin de m appeler, je signe aujourd hui', 'interested'],
    ['nicht aufs Festnetz, lieber aufs Handy: 0170 1234567', 'neutral'],
    ['no me mandes el contrato por correo, mejor por whatsapp', 'interested'],
    ["ne m'envoyez pas le devis par mail, plutôt par WhatsApp svp", 'interested'],
  ])('keeps the look-alike apart: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
