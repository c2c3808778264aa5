import { s, type Signal } from './signal';

/**
 * Replies as machines and buttons make them (probe 33): WhatsApp quick-reply and list buttons arriving as their
 * text ("Stop promotions", "Talk to an agent", "Remind me later", in the languages the buttons are offered in), the
 * phone's canned answers to a call ("Sorry, I can't talk right now", "Can I call you later?"), voicemail and
 * speech-to-text transcripts ("returning your call", no punctuation) and businesses' automatic answers (opening
 * hours). A button is the whole message, so its patterns are anchored on it: the same words inside a sentence ("we
 * stop promotions in January") are somebody talking, not pressing.
 */

/** A whole message: leading emoji or punctuation, a courtesy and punctuation after. */
const BUTTON = (source: string) =>
  new RegExp(
    `^[^a-z0-9]*(${source})(,? (please|thanks|thank you|por favor|gracias|obrigad[oa]|merci|danke|bitte|grazie))?[\\s.!]*$`,
  );

/** Promotional messages, in the button languages (normalised: no accents, ı → i). */
const PROMOTIONS =
  '(promotions?|promos?|promotional messages|marketing( messages)?|offers|ads|advertising|promociones|ofertas|publicidad|mensajes promocionales|promocoes|propagandas|mensagens promocionais|offres|publicites|pubs|werbung|angebote|aktionen|promozioni|offerte|pubblicita|promosi|promo|iklan|kampanyalari|reklamlari|tanitimlari|promosyonlari)';

/** A person to talk to, in the button languages. */
const A_PERSON =
  '(an? |the |your |a real |a live )?(agent|advisor|adviser|representative|rep|human|person|consultant|operator|specialist|expert|sales( team| rep)?|someone)';

// prettier-ignore
export const MACHINE_REPLY_GUARDS: Signal[] = [
  // "hi its carla returning your call thursday is good": calling back, not back from leave
  s('neutral', 0, 'returns a call or a text', /\breturning (your|ur|the|a|my) (missed )?(call|calls|text|texts|message|messages|voicemail|voice mail|email|e ?mail)\b/, 'guard'),
  // "Horario: L-V 9:00 a 18:00", "office hours Mon-Fri 8-5": a business's opening hours, not a time to meet
  s('neutral', 0, 'states opening hours', /\b(horarios?|horario de atendimento|office hours|opening hours|business hours|hours|offnungszeiten|horaires|orari|orario|jam (buka|operasional|kerja)|calisma saatleri)\b:? ?\(?([a-z]{1,3}( ?(-|to|bis|au|al|a) ?| )[a-z]{1,3}:? )?\d{1,2}([:.]\d\d)? ?(am|pm|h|uhr)? ?(-|a|to|bis|au|alle|as|ate) ?\d{1,2}([:.]\d\d)? ?(am|pm|h|uhr)?/, 'guard'),
  // "How do I cancel the trial if it's not for us?": a refusal only supposed
  s('neutral', 0, 'a refusal only supposed', /\bif (it is|its|it turns out|this is|that is|it ends up) (not|no) (for (us|me)|a (good )?fit|right for (us|me))\b/, 'guard'),
];

// prettier-ignore
export const MACHINE_REPLY_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'a stop-promotions button', BUTTON(`(stop|halt|pause|block|end|dejar de recibir|no recibir|parar|detener|bloquear|desactivar|nao receber|desativar|arreter|stopper|bloquer|ne plus recevoir|interrompi|blocca|disattiva|non ricevere|berhenti|hentikan|blokir)( all| mas| mais| les| des| le| piu| terima)? (las |los |as |os )?${PROMOTIONS}|${PROMOTIONS} (stoppen|abbestellen|abmelden|deaktivieren|blockieren|beenden|durdur|engelle|kapat)`)),
  s('unsubscribe', 4, 'a leave-the-list button', BUTTON('(sair|salir|quitter|leave|exit|esci|keluar|uscire) (da |de la |de |la |the |dalla |dari )?(lista|liste|list|daftar)|listeden cik|aus der liste austragen')),
];

// prettier-ignore
export const MACHINE_REPLY_SIGNALS: Signal[] = [
  s('meeting_request', 3, 'asks for a person (button)', BUTTON(`(talk|speak|chat) (to|with) ${A_PERSON}|hablar con (un |una )?(asesor|asesora|agente|ejecutivo|humano|persona|vendedor|especialista)|falar com (um |uma |o |a )?(atendente|consultor|consultora|agente|vendedor|especialista|humano|pessoa)|parler (a|avec) (un |une )?(conseiller|conseillere|agent|humain|commercial|expert)|mit (einem|einer) (berater|beraterin|mitarbeiter|mitarbeiterin|menschen|agenten|experten|verkaufer) sprechen|parla(re)? con (un |una )?(operatore|operatrice|consulente|agente|persona|esperto)|(bicara|hubungi|chat) (dengan )?(agen|cs|customer service|admin|sales|konsultan)|(musteri )?(temsilci|danisman)(yle|ile|siyle) (gorus|konus)\\w*`)),
  s('meeting_request', 3, 'books a demo (fr/es/id/tr)', /\b(reserver|planifier|programmer) (une )?demo\b|\b(agendar|reservar|programar) (una )?demo\b|\bjadwalkan demo\b|\bdemo (ayarla|planla|talep et)\b/),
  s('meeting_request', 3, 'asks to be called (pt)', /\b(pode|podem|poderia|podia|podes) me (ligar|telefonar|chamar)\b/),
  s('not_now', 3, 'a remind-me-later button', /\bremind me (later|another time|next (week|month))\b|\brecordar(me|melo)? (mas tarde|luego|despues)\b|\blembrar( me)? (mais tarde|depois)\b|\b(me le |me )?rappeler plus tard\b|\bspater erinnern\b|\berinnere? (mich|uns) spater\b|\bricorda(melo|mi) (piu tardi|dopo)\b|\bingatkan (saya )?(nanti|lagi)\b|\bdaha sonra hatirlat\b/),
  s('not_now', 3, 'a phone quick reply (cannot talk now)', BUTTON("(sorry,? )?(i )?(can not|cannot|cant) talk (right )?now([.!,]* (call|text) me later|[.!,]* (can|could) i call you (back )?later)?\\??|(can|could) i call you (back )?later\\??|((i am|im) (in a meeting|driving|busy)[.,!]* )?(i will|ill) call you (right )?back")),
  s('not_now', 2, 'cannot talk now', /\b(can not|cannot|cant) talk (right )?now\b|\bcall you (back )?later\b/),
  s('wrong_person', 4, 'not the one they want', /\b(i am|im) not (the (one|person|guy|lady|man|woman) you (want|need|are looking for|are after)|who you (want|need|are looking for|are after))\b/),
  s('out_of_office', 4, 'a company holiday (de)', /\b(betriebsurlaub|betriebsferien|werksferien|betriebsruhe)\b/),
];
