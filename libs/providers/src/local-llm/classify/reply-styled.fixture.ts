import type { ReplyLabel } from '../../llm/llm-tasks';

/** Hand-written replies in the styles the labelled set asks for (inline quotes, html, typos, sarcasm, dates). */
const QUOTE =
  'On Mon, 30 Nov 2026 at 09:12, Anna Berger <anna.berger@flowmint.io> wrote: > Hi Tom, > Would you be open to a 15-minute call next week? > If not, just reply STOP and I will not write again. > Anna';

// prettier-ignore
export const STYLED_REPLY_EXAMPLES: Array<[string, ReplyLabel]> = [
  [`Sure, Wednesday 2pm works for me. ${QUOTE}`, 'meeting_request'],
  [`Not interested, thanks. ${QUOTE}`, 'not_interested'],
  [`Who is this? ${QUOTE}`, 'question'],
  [`👍 ${QUOTE}`, 'neutral'],
  [`Remove me pls ${QUOTE}`, 'unsubscribe'],
  [`Try me again in February, we're mid-migration. Cheers, Tom ${QUOTE}`, 'not_now'],
  [`Hi Anna, Tom left us in October. Please reach out to Lisa Grant (lisa.grant@brixton.co.uk) instead. Best regards, Mark Hughes Office Manager ${QUOTE}`, 'wrong_person'],
  ['<div dir="ltr">Yes, interested! Send over the pricing please.<div><br></div><div>Best,</div><div>Tom</div></div>', 'interested'],
  ['<div dir="ltr">Bitte nehmen Sie mich aus Ihrem Verteiler.<br>MfG<br>K. Braun</div>', 'unsubscribe'],
  ['Forwarding to our head of growth. ---------- Forwarded message --------- From: Anna Berger <anna.berger@flowmint.io> Date: Mon, 30 Nov 2026 at 09:12 Subject: Quick question To: Tom <tom@brixton.co.uk> Hi Tom, would you be open to a call?', 'wrong_person'],
  ['Intresting, can u send more info? thx', 'interested'],
  ['plz dont txt me agian', 'unsubscribe'],
  ['wat is de prijs?', 'question'],
  ["Oh wow, a personalised email that says 'Hi {first_name}'. Truly impressive. Pass.", 'not_interested'],
  ['Great, exactly what my inbox needed: another pitch. 🙃', 'not_interested'],
  ["Don't stop now — what happens after the trial ends?", 'question'],
  ['Cancel the call on Thursday, something came up. Can we do Friday 11:00 instead?', 'meeting_request'],
  ['Abwesenheitsnotiz: Ich bin vom 07.12. bis 18.12.2026 nicht erreichbar. Ab dem 21.12. bin ich wieder im Büro.', 'out_of_office'],
  ['Fuera de la oficina hasta el 08/12. Respuesta automática.', 'out_of_office'],
  ['Je suis en déplacement jusqu’au vendredi 4 décembre inclus, avec un accès limité à mes mails.', 'out_of_office'],
  ['Sono fuori ufficio dal 1 al 9 dicembre.', 'out_of_office'],
  ['Ik ben met vakantie t/m 13-12. Vanaf maandag 14 december ben ik weer bereikbaar.', 'out_of_office'],
  ['Estou de licença até 15 de janeiro de 2027.', 'out_of_office'],
  ['Thanks for the note! Sent from my iPhone', 'neutral'],
  ['Can we reconnect in Q2 next year? Budget is locked until then.', 'not_now'],
  ["Ya trabajamos con HubSpot y estamos contentos, gracias.", 'not_interested'],
  ["C'est noté, merci.", 'neutral'],
  ['Wie sind Sie an meine Nummer gekommen?', 'question'],
  ['Mi dispiace, non sono io che mi occupo di questo. Scriva a acquisti@ferri.it', 'wrong_person'],
  ['Zet me maar op de lijst voor een demo!', 'meeting_request'],
];
