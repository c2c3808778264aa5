import type { ReplyLabel } from '../../llm/llm-tasks';

/**
 * Opt-outs by family, in our own wording (none taken from the labelled set): the languages beyond the seven
 * (Polish, Turkish, Indonesian, Hindi in Latin script, Russian, Arabic), consent withdrawn under data-protection
 * law, requests made for someone by their assistant; and the look-alikes each family must leave alone: a stop for
 * a while only, a stop said together ("let's stop emailing back and forth"), the keyword named in a question,
 * a stop of a feature, how to remove somebody else. [text, expected]; `not_unsub` means anything but unsubscribe.
 */
// prettier-ignore
export const OPT_OUT_FAMILY_EXAMPLES: Array<[string, ReplyLabel | 'not_unsub']> = [
  ['Proszę nie wysyłać mi więcej ofert.', 'unsubscribe'],
  ['Wypiszcie mnie proszę z bazy.', 'unsubscribe'],
  ['Nie jesteśmy zainteresowani, dziękujemy.', 'not_interested'],
  ['Bana bir daha e-posta göndermeyin.', 'unsubscribe'],
  ['Numaramı listenizden silin lütfen.', 'unsubscribe'],
  ['Şu an ilgilenmiyoruz, teşekkürler.', 'not_interested'],
  ['Tolong berhenti menghubungi saya.', 'unsubscribe'],
  ['Kami tidak tertarik, terima kasih.', 'not_interested'],
  ['aap log please mujhe sms mat bhejo', 'unsubscribe'],
  ['mera email apni list se hata dijiye', 'unsubscribe'],
  ['Перестаньте мне звонить, пожалуйста.', 'unsubscribe'],
  ['Исключите меня из списка рассылки.', 'unsubscribe'],
  ['Он не звонил мне вчера, перезвоните ему.', 'not_unsub'],
  ['Спасибо, нам это не интересно.', 'not_interested'],
  ['الرجاء عدم إرسال رسائل، توقفوا عن الإزعاج.', 'unsubscribe'],
  ['احذفوا رقمي من فضلكم.', 'unsubscribe'],
  ['لا تتردد في التواصل معي الأسبوع القادم.', 'not_unsub'],
  ['Hiermit widerrufe ich meine Einwilligung zur Kontaktaufnahme.', 'unsubscribe'],
  ['Je retire mon consentement, merci de ne plus me solliciter.', 'unsubscribe'],
  ['Revoco el consentimiento otorgado a su empresa.', 'unsubscribe'],
  ['Revogo o consentimento para o uso dos meus dados.', 'unsubscribe'],
  ['Revoco il consenso a ricevere comunicazioni.', 'unsubscribe'],
  ['Hierbij trek ik mijn toestemming in.', 'unsubscribe'],
  ['I object to the use of my personal data for marketing purposes.', 'unsubscribe'],
  ['Ich verlange hiermit die Löschung aller gespeicherten Angaben.', 'unsubscribe'],
  ['Writing on behalf of Mr Ortiz: please do not contact him again.', 'unsubscribe'],
  ["This is Dan's assistant — he would like to be removed from your list.", 'unsubscribe'],
  ['Please stop emailing Dan, he left the company last month.', 'not_unsub'],
  ['Hope I never hear from your company again.', 'unsubscribe'],
  ["Don't hit me up again, not interested.", 'unsubscribe'],
  ['Unsubscribing. Thank you.', 'unsubscribe'],
  ['Schluss mit diesen Werbemails!', 'unsubscribe'],
  ['Ik wil graag afgemeld worden.', 'unsubscribe'],
  ['Houd nou eens op met bellen.', 'unsubscribe'],
  ['Ni se le ocurra volver a escribirme.', 'unsubscribe'],
  ['Please stop the follow-ups until February, we are mid-migration.', 'not_unsub'],
  ['Stop calling me for now, after the holidays is better.', 'not_unsub'],
  ["Let's stop emailing back and forth — call me tomorrow at 10?", 'not_unsub'],
  ['Do your SMS let recipients opt out by texting STOP?', 'not_unsub'],
  ['Please stop the auto-sync on our side, it is overwriting contacts.', 'not_unsub'],
  ['Should I unsubscribe the old account before I sign up again?', 'not_unsub'],
  ['Posso cancelar a assinatura depois do teste?', 'not_unsub'],
  ['Come faccio a togliere un cliente dalla lista?', 'not_unsub'],
  ['Hoe verwijder ik een klant uit de lijst?', 'not_unsub'],
  ['¿Cómo elimino a un usuario de la lista?', 'not_unsub'],
  ['Our CFO stopped by your booth on Friday, nice team.', 'not_unsub'],
];
