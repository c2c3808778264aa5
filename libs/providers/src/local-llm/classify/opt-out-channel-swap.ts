import { CHANNEL_FOR_NEXT_STEPS } from './signals/probe53-next-steps.signals';
import { channelsAskedFor, MESSAGES_IN_GENERAL, VOICE_NOTES } from './signals/probe70-channel-switch.signals';

/**
 * One channel refused for another (see opt-out-scope): the channel an opt-out phrase names, and the ones the reply
 * names as the ones to use instead. Normalised text.
 */

type Channel = 'call' | 'text' | 'email' | 'whatsapp' | 'linkedin' | 'post' | 'voice';
/** The channel words, English first, then es/pt/fr/de/it/nl, pl/tr/id/hi (Latin), Russian, Arabic and Hindi (Devanagari). */
const CHANNEL_WORDS: Array<[Channel, RegExp]> = [
  [
    'call',
    /\b(call|calls|calling|phone|phoning|ring|ringing|voicemails?|llamadas?|llamar|llamen|llames|ligacoes|ligacao|ligar|liguem|appels?|appeler|appelez|anrufe?|anrufen|telefonate|chiamate|chiamare|chiamatemi|telefonata|telefonare|bellen|belt|bel (me|mij)|telefoontjes?|dzwon\w*|telefon\w*|aramayin|arama|aramalar\w*|telepon|telpon|tlp)\b|(?<![а-я])звон[а-я]*|(تتصل|اتصال|هاتف)|(?<![\u0900-\u097f])(कॉल|काल|फोन)(?![\u0900-\u097f])/,
  ],
  ['text', /\b(text|texts|texting|sms|smsem|sms es|sms y|sms ow|sms jes|smsjes|smsy|smsow)\b/],
  [
    'email',
    /\b(e ?mails?|emails|e ?mailing|emailing|mail|mailen|mailowo|e ?mailem|mailem|e ?maila|maila|correos?|courriels?|e ?posta|posta)\b|[a-z0-9._%+-]@[a-z0-9-]+\.[a-z]|(?<![а-я])(почт[а-я]*|письм[а-я]*)|بريد|(?<![\u0900-\u097f])(ईमेल|इमेल|मेल)(?![\u0900-\u097f])/,
  ],
  ['whatsapp', /\b(whatsapps?|wa)\b|واتساب|(?<![\u0900-\u097f])(व्हाट्सऐप|व्हाट्सएप)(?![\u0900-\u097f])/],
  ['linkedin', /\blinkedin\b/],
  [
    'post',
    /\b(by post|in the post|postal|letters|leaflets|brochures|catalogues?|catalogs?|per post|per brief|per briefpost|auf dem postweg|postalisch|par la poste|par voie postale|par courrier postal|por correo postal|por carta|per posta ordinaria|per lettera|pelo correio|por correio)\b/,
  ],
];
/**
 * Another channel named as the one to use ("email works better", "email is the best way to reach me", "escríbanme al
 * correo", "email me instead", "whatsapp only", "par mail c'est très bien", "per E-Mail passt es", "mailen is prima",
 * "mailowo jak najbardziej", "e-posta olur", "lewat email boleh", "email pe bhej do", "на почту пишите", "البريد
 * الإلكتروني مناسب", "व्हाट्सऐप पर ही भेज दीजिए"), an address to write to instead ("Lieber an m.koch@…"). A grudging "email
 * only if you must" prefers nothing, nor "não me escreva pelo WhatsApp" (the refused channel, negated). A channel to use
 * ("Please don't text this number, use WhatsApp": probe 79).
 */
const CHANNEL_ENDORSED =
  /(?<!\b(do not|dont|never|not|no|nao|no|non|niet|nicht|pas) )\b(use|try|reach me on|message me on|contact me on|write to me on|ping me on|usa|usad|use o|usem o|utilisez|gebruik|nutzen sie|nutzt) (my |our |mi |meu |mon |mijn |mein |el |o |le |het )?(whatsapp|e ?mail|email|linkedin)\b(?! (if|only if|si|se|wenn|als) )|\b(lieber|besser|stattdessen|mejor|plutot|meglio|liever|melhor|instead|rather)( (an|a|al|to|naar|para|per|op|en|at|via|auf))? [a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}|\b(mejor|prefiero|preferimos|solo|solamente|melhor|prefiro|preferimos|apenas|plutot|uniquement|seulement|lieber|nur|meglio|preferisco|preferiamo|solo|liever|alleen|wel)( (por|via|per|par|pelo|pela|al|na|a|a mi|a mon|a ma|an meine|an mein|naar mijn|para o|para o meu|pro|pro meu|alla mia|al mio))? (correo|e ?mail|email|mail|whatsapp|sms)\b|\b(por|via|per|par|pelo) (correo( electronico)?|e ?mail|email|mail|whatsapp)( (c est|ca|est|esta|e|ist|es|is|va|passt|geht|vale|pode|fica))?( (es|sie|het))?( (tres|muy|super|sehr|benissimo|heel|ook|aber|tudo|prima|ja|si))?( (bien|bom|bem|ok|okay|gut|gerne|perfecto|perfeito|parfait|prima|bene|benissimo|prima|goed|fine|in ordnung|passt)|( es)? aber gut|( es)? gut)\b|\b(mailen|e ?mailen|mail|een mail|e ?mail) (is|mag|kan) (prima|goed|ok|wel|altijd)\b|\b(mailowo|przez (e ?)?mail|na (e ?)?mail(a)?|e ?mailem|mailem)( (jak najbardziej|ok|moze byc))\b|\b(e ?posta|mail|email)( ile| yoluyla)? (olur|uygun|tamam|yazabilirsiniz)\b|\b(lewat|via|melalui|ke) (e ?mail|email|wa|whatsapp) (boleh|aja|saja|ok|silakan|bisa)\b|\b(e ?mail|email|mail|whatsapp) (pe|par) [^.!?\n]{0,25}\b(?<!\b(mat|na|nahi) )(bhej|bhejo|bhej do|bhejiye|kar do|likho|theek|chalega)\b|\b(e ?mail|email) (theek hai|chalega|better hai|pe theek)\b|(?<![а-я])(на почту|по почте|почтой|на email|в мессенджер)( (?!не(?![а-я]))[а-я]+)? (пишите|можно|удобно|пожалуиста|присылаите|пришлите|нормально)(?![а-я])|(البريد|الايميل|الواتساب)( الالكتروني)? (مناسب|افضل|لا باس|ممكن)|\b(e ?mail|email|emails|text|texts|sms|whatsapp|linkedin|calls?|a call|phone)( is| are| works| work)( much| way| a lot| far)?( the)? (better|best|fine|ok|easier|preferred)\b|(?<!\b(nao|no|non|niet|nicht|ne|not|never) )\b(escribanme|escribame|escribeme|ecrivez moi|ecrivez nous|ecris moi|schreiben sie mir|schreib mir|scrivetemi|scrivimi|mi scriva|me escrevam|me escreva|escrevam me|escreva me|schrijf me|schrijf mij)( (al|a|por|par|per|via|pelo|pela|naar|op|an|auf|en))?( (mi|mon|ma|meu|minha|mio|mia|mein|meine|meinen|mijn))? (correo|e ?mail|email|mail|courriel|whatsapp)\b|\b(e ?mail|email|text|whatsapp|call|message|ring|ping) (me|us|her|him|them|it|that|this|my [a-z]+|our [a-z]+)( directly)? instead\b|\b(i|we) (would |much |really )?prefer (e ?mail|email|emails|calls?|a call|phone calls?|the phone|texts?|whatsapp|linkedin)\b|\b(can|could|would) (you|u) (please |just )?(e ?mail|email|call|ring|phone|whatsapp) (me|us)\b|\b(i|we) (would|will|can|could) (happily |gladly )?(take|do|be happy with|be open to|jump on|hop on) (a|one|the)( [a-z0-9]+){0,3} (call|phone call)\b|\b(e ?mail|email|text|whatsapp|linkedin|phone) only\b(?! if\b)|\bonly (by |via |over |on )?(e ?mail|email|text|whatsapp|linkedin|phone)\b|\b(por|pelo|par|per|via) (correo|e ?mail|mail|whatsapp) (si|sim|oui|ja|si que)\b|\b(mandame|mandeme|mandenme|mandame|enviame|envieme|envienme|me manda|me mande|me mandem|me envia|me envie|me enviem|envoyez moi|envoyez nous|schicken sie mir|senden sie mir|mandatemi|inviatemi|stuur me|stuurt u mij)\b[^.!?\n]{0,40}\b(por|pelo|par|per|via) (correo|e ?mail|mail|whatsapp)\b|(?<![\u0900-\u097f])(ईमेल|इमेल|मेल|व्हाट्सऐप|व्हाट्सएप) (पर|पे|से)( ही)? [^.!?\n]{0,30}(?<!(?<![\u0900-\u097f])(मत|न|ना) )(भेज|लिख|ठीक|चलेगा|बात कर)/g;

/**
 * A message by another channel ordered, with an article ("mándame un correo", "envoyez-moi un mail", "schicken Sie
 * mir eine Mail", "mandami una mail", "stuur me een mail", "mande-me um email"), or a channel named as the only one
 * ("tylko mailem", "alleen per mail", "solo por correo"): the channel to use instead. Not after a negation ("no me
 * mandes un correo").
 */
const SEND_ME_A_CHANNEL =
  /(?<!\b(no|nao|non|ne|pas|niet|nicht|nie|not|never) )\b(mandame|mandeme|mandenme|mandadme|enviame|envieme|envienme|enviadme|escribeme|escribame|escribanme|escribidme|me mandas|me envias|envoyez moi|envoie moi|envoyez nous|ecrivez moi|ecris moi|faites moi|fais moi|schicken sie mir|schick mir|schickt mir|senden sie mir|schreiben sie mir|schreib mir|mandami|mandatemi|mi mandi|mi mandate|inviami|inviatemi|mi invii|mi inviate|scrivimi|scrivetemi|mi scriva|fammi|mi faccia|stuur me|stuur mij|stuurt u me|stuurt u mij|stuur ons|me manda|me mande|me mandem|manda me|mande me|mandem me|me envia|me envie|me enviem|envia me|envie me|enviem me|me escreve|me escreva)( (gerne|gern|lieber|einfach|plutot|simplement|piuttosto|semplicemente|liever|gewoon|mejor|mais bien|melhor|apenas|solo))? (un|una|um|uma|ein|eine|einen|een|du|le|la|il|lo|o|a|une) (petit |kurze |kurzen |breve |korte |corto |rapido |rapidinho )?(correo( electronico)?|e ?mail|email|mail|courriel|whatsapp|sms)\b|(?<!\bnie )\b(piszcie|napiszcie|prosze pisac|prosze napisac|wyslijcie|przeslijcie|prosze wyslac|prosze przeslac)( (do mnie|do nas|mi|nam|wszystko|oferte|cennik|szczegoly))? (na (moj |nasz )?(e ?)?mail(a)?|(e ?)?mailem|przez (e ?)?mail(a)?|smsem|sms a|smsa|na whatsapp(ie|a)?)\b|\b(tylko|wylacznie|alleen|uniquement|seulement|nur|solo|solamente|apenas|soltanto) (mailem|e ?mailem|mailowo|przez (e ?)?mail|na (moj |nasz )?(e ?)?mail(a)?|smsem|sms em|per (e ?)?mail|via (e ?)?mail|par (e ?)?mail|par courriel|per whatsapp|por correo|por (e ?)?mail|via whatsapp|por whatsapp|pelo whatsapp|por e ?mail|via e ?mail)\b/g;

/**
 * The channel the reply came by, named as "here" after the phrase ("No me escribas por aquí, … escríbeme al correo",
 * "ne m'écrivez pas ici", "schreib mir nicht hier"): refused for the one named instead.
 */
export const THIS_CHANNEL =
  /^\s*(por aqui|por aca|por este (medio|numero|chat)|aqui|ici|par ici|sur ce (numero|chat)|hier|op dit nummer|via dit (nummer|kanaal)|qui|su questo (numero|chat)|here|on here|on this (number|app|chat)|per questo (numero|canale)|neste (numero|chat)|por aqui mesmo)\b/;

/** The channel named: voice notes first, then the channels above, then messages in general as the written one. */
export function channelOf(words: string): Channel | null {
  if (VOICE_NOTES.test(words)) return 'voice';
  return (
    CHANNEL_WORDS.find(([, re]) => re.test(words))?.[0] ?? (MESSAGES_IN_GENERAL.test(words) ? 'text' : null)
  );
}

/** The channels the reply names as the ones to use instead. */
export function endorsedChannels(text: string): Set<Channel> {
  const out = new Set<Channel>();
  for (const m of [
    ...text.matchAll(CHANNEL_ENDORSED),
    ...text.matchAll(CHANNEL_FOR_NEXT_STEPS),
    ...text.matchAll(SEND_ME_A_CHANNEL),
  ]) {
    const channel = channelOf(m[0]);
    if (channel) out.add(channel);
  }
  // An order to call or to write ("just call me", "llámame", "schreib mir lieber"): probe 70.
  for (const channel of channelsAskedFor(text)) out.add(channel);
  return out;
}
