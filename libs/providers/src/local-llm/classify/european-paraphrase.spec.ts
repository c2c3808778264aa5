import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('Paraphrases in de/es/fr/it/nl/pt of requests the rules read (probe 24)', () => {
  it.each([
    ['Wir verbitten uns jegliche weitere Zusendungen.', 'de: verbitten sich weitere Zusendungen'],
    ['Kein Werbeanruf mehr, danke.', 'de: a singular kein Anruf mehr'],
    ['Lasst uns bitte in Frieden.', 'de: in Frieden lassen'],
    ['Preferimos no recibir más información comercial.', 'es: would rather not receive'],
    ['Preferíamos não ser contactados novamente.', 'pt: would rather not be contacted'],
    ['Nous préférerions ne plus être sollicités.', 'fr: would rather not be solicited'],
    ['We krijgen liever geen mails meer van jullie.', 'nl: would rather get no more mails'],
    ['Não tencionamos receber mais comunicações vossas.', 'pt: does not intend to receive'],
    ['Graag mijn nummer op jullie niet-bellen-lijst zetten.', 'nl: do-not-call list'],
    ['Por favor, incluyan mi número en la Lista Robinson de su empresa.', 'es: Lista Robinson'],
    ['Schrijf ons alsjeblieft uit.', 'nl: schrijf uit with a courtesy in between'],
    ['Ik wil niets meer van u ontvangen.', 'nl: nothing more from you'],
    ['Graag mijn persoonsgegevens wissen.', 'nl: persoonsgegevens'],
    ['Mij verder niet benaderen, dank u.', 'nl: verder niet benaderen'],
    ['No me vuelvas a marcar, por favor.', 'es (MX): marcar is to call'],
    ['No estamos interesados, no nos marquen más.', 'es (MX): no nos marquen'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['¿Podrían no llamarme los fines de semana? Entre semana sin problema.', 'es: not at weekends'],
    ['Non mandatemi messaggi la sera, di giorno nessun problema.', 'it: not in the evening'],
    ['Não me liguem de manhã, à tarde pode ser.', 'pt: not in the morning'],
    ['Bitte rufen Sie mich nicht am Wochenende an, unter der Woche gern.', 'de: not at the weekend'],
    ['Prefiero no recibir llamadas, mejor escríbanme por WhatsApp.', 'es: another channel preferred'],
    ['Prefiro não receber ligações, melhor por e-mail.', 'pt: another channel preferred'],
    ['Bitte kein Anruf mehr, lieber per Mail.', 'de: another channel preferred'],
    ['Steht meine Nummer schon auf Ihrer Sperrliste?', 'de: asks about the list'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Deja de pedir perdón, no pasa nada.', 'neutral', 'es: stop apologising'],
    ['Smettetela di scusarvi, è tutto a posto.', 'neutral', 'it: stop apologising'],
    ['Stop nou eens met sorry zeggen, het is prima.', 'neutral', 'nl: stop apologising'],
    ["Arrête de t'excuser, tout va bien !", 'neutral', 'fr: stop apologising'],
    ['Entschuldige dich nicht, alles gut.', 'neutral', 'de: do not apologise'],
    ['¿Cómo quito a un empleado que ya no trabaja aquí?', 'question', 'es: a user who left, not the writer'],
    ['Como excluo um funcionário que saiu da empresa?', 'question', 'pt: a user who left, not the writer'],
    ["J'ai quitté l'entreprise l'an dernier, adressez-vous à l'accueil.", 'wrong_person', "fr: j'ai quitté"],
    ['Ich bin bis 14.12. im Krankenstand.', 'out_of_office', 'de (AT): Krankenstand'],
    ['Ik ben op dit moment ziek thuis.', 'out_of_office', 'nl: off sick'],
    ['Bin bis Ende Feber total ausgelastet.', 'not_now', 'de (AT): busy until Feber'],
    ['Niet voor het voorjaar, sorry.', 'not_now', 'nl: not before spring'],
    ['Potremmo ricevere un preventivo per due sedi?', 'interested', 'it: can we have a quote'],
    ['Kunnen we een prijsopgave ontvangen voor 5 licenties?', 'interested', 'nl: can we have a quote'],
    ['¿Nos pueden preparar una cotización?', 'interested', 'es: can you prepare a quote'],
    ['No estamos interesados, gracias.', 'not_interested', 'es: no estamos interesados'],
  ])('%s is %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});

describe('Referrals in Dutch hand-overs (probe 24)', () => {
  it('reads the name after "mail even naar"', () => {
    const result = classify('Daar ben ik niet voor, mail even naar Ruben Claes, ruben.claes@verbeke.be.');
    expect(result.label).toBe('wrong_person');
    expect(result.referral?.name).toBe('Ruben Claes');
  });
});
