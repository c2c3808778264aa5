import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T15:00:00Z' });

describe('replies as machines and buttons make them', () => {
  it.each([
    ['REVOKE', 'unsubscribe'],
    ['stpo', 'unsubscribe'],
    ['Sotp', 'unsubscribe'],
    ['canel', 'unsubscribe'],
    ['🚫 Stop promotions', 'unsubscribe'],
    ['Werbung stoppen', 'unsubscribe'],
    ['Kampanyaları durdur', 'unsubscribe'],
    ['Arrêter les promotions', 'unsubscribe'],
    ['Sair da lista', 'unsubscribe'],
    ['Talk to an agent, please', 'meeting_request'],
    ['Falar com atendente', 'meeting_request'],
    ['Mit einem Berater sprechen', 'meeting_request'],
    ['Réserver une démo', 'meeting_request'],
    ['oi aqui é o marcos pode me ligar depois das três', 'meeting_request'],
    ['Recordarme más tarde', 'not_now'],
    ['Daha sonra hatırlat', 'not_now'],
    ["Sorry, I can't talk right now.", 'not_now'],
    ['Can I call you later?', 'not_now'],
    ["I'm in a meeting. I'll call you back.", 'not_now'],
    ["yeah i'm not the one you want, my wife does the bookings", 'wrong_person'],
    ['Vielen Dank für Ihre Nachricht. Wir sind bis zum 7.12. im Betriebsurlaub.', 'out_of_office'],
  ])('%s -> %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['hi its carla returning your call thursday afternoon is good anytime after one', 'out_of_office'],
    ["hey it's mark returning your text uh we went with another vendor so we're all set", 'out_of_office'],
    ['Gracias por escribirnos, te respondemos pronto. Horario: L-V 9:00 a 18:00.', 'meeting_request'],
    ['Quit sending me PDFs, just call me tomorrow at 9', 'unsubscribe'],
    ["How do I cancel the free trial if it's not for us? Otherwise happy to try it.", 'not_interested'],
    ['We stop promotions in January, can we talk after?', 'unsubscribe'],
    ['You should speak to our sales rep, Dana Reyes', 'meeting_request'],
    ["I'm in a meeting, I'll call you back at 3", 'not_now'],
    ["Can't talk right now but very interested, send me the deck", 'not_now'],
  ])('a look-alike: %s is not %s', (text, label) => {
    expect(classify(text).label).not.toBe(label);
  });
});
