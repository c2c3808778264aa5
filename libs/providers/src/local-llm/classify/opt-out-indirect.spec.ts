import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('opt-outs beyond English without a stop verb, and their look-alikes (probe 15)', () => {
  it.each([
    'No autorizo el uso de mis datos para publicidad.',
    'Não autorizo o tratamento dos meus dados para fins comerciais.',
    'Non autorizzo il trattamento dei miei dati per finalità commerciali.',
    'Nie wyrażam zgody na kontakt marketingowy.',
    'Ich erteile keine Einwilligung zur Nutzung meiner Daten.',
    'Absténgase de contactarme, gracias.',
    'Abstenez-vous de me contacter à l’avenir.',
  ])('refuses consent or asks them to abstain: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Es mi móvil personal, no lo usen para publicidad.',
    'Diese Nummer ist nicht für Werbung bestimmt.',
    'Meu celular é pessoal, não usem para propaganda.',
    'Il numero è privato, non usatelo per pubblicità.',
    'ye number marketing ke liye use mat karo',
    'هذا رقمي الخاص، لا تستخدموه للتسويق.',
  ])('a number that is not for advertising: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Lâchez-moi avec vos mails.',
    'Me esquece, cara.',
    'Nehmen Sie mich da bitte raus.',
    'Olvídese de mí, por favor.',
    'Numaramı hemen silin.',
    'Nie życzę sobie żadnych telefonów.',
    'Non ricontattatemi.',
    'Chi vi ha dato la mia email? Rimuovetela subito.',
    'Peço que não voltem a ligar-me.',
    'nao quero mais mensagens de voces',
    'Unter dieser Nummer bitte nicht mehr melden.',
    'Hören Sie doch endlich auf, mich anzurufen.',
    'Párenle a los whatsapps, ya.',
    'Para de me adicionar nesses grupos.',
  ])('brushes them off or asks in a form the other rules missed: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['No consigo darme de baja en la aplicación, se queda cargando.', 'question'],
    ['Je ne peux pas me désinscrire de mon compte, une erreur s’affiche.', 'question'],
    ['Nao consigo descadastrar da plataforma, o botao nao funciona.', 'question'],
    ['Mis clientes no pueden darse de baja de las campañas. ¿Lo revisan?', 'question'],
    ['Meine Kunden können sich nicht abmelden, der Link fehlt.', 'question'],
    ['Comment désinscrire une collègue partie à la retraite ?', 'question'],
  ])('a support question about unsubscribing is not an opt-out: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    'Borren mi correo antiguo, el nuevo es ana@tallerruiz.es. La propuesta me interesa.',
    'Supprimez mon ancien numéro, le nouveau est le 06 11 22 33 44.',
    'Bitte schicken Sie keine Rechnungen mehr an mich, die gehen an buchhaltung@firma.de.',
    'Jangan berhenti kirim newsletter-nya, bagus sekali.',
    'Nie przestawajcie, to bardzo ciekawe.',
    'Ich bin bis zum 14.12. im Urlaub.\n\nSie möchten keine Newsletter mehr erhalten? Hier klicken.',
    'En congés jusqu’au 4 janvier.\n\nPour ne plus recevoir nos offres, cliquez ici.',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    'Bu konuyla ben ilgilenmiyorum, muhasebeye yazın: muhasebe@firma.com.tr',
    'Это не ко мне, обратитесь к Ивану.',
    'main ye kaam nahi dekhta, Amit se baat karo',
  ])('points to someone else (tr/ru/hi): %s', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });
});
