import { s, type Signal } from './signal';

/** Questions without positive interest, and acknowledgements, seven languages. */

// prettier-ignore
export const QUESTION_SIGNALS: Signal[] = [
  s('question', 2, 'asks a question', /\?/),
  s('question', 1, 'opens with a question word', /(^|[.!?\n]\s*)(what|whats|how|who|whos|when|where|why|which|is|are|do|does|did|can|could|would|should|has|any|anyone|que|como|quien|cuando|donde|por que|cual|cuanto|cuanta|qui|quoi|quel|quelle|comment|combien|pourquoi|est ce|was|wie|wer|wann|wo|warum|welche|welcher|gibt es|o que|quem|quando|onde|quanto|qual|chi|cosa|come|dove|perche|quale|wat|hoe|wanneer|waar|waarom|welke)\b/),
  s('question', 1, 'asks about price or product', /\b(how much|pricing|price|prices|cost|costs|fee|fees|per seat|per user|licen[cs]e|integrat\w*|compatible|gdpr|soc ?2|api|security|contract terms|minimum|setup fee|onboarding|features?)\b|\b(cuanto cuesta|precio|precios|como funciona|combien|prix|tarifs?|comment (ca|cela) (marche|fonctionne)|was kostet|preis|preise|wie funktioniert|quanto custa|preco|precos|quanto costa|prezzo|prezzi|come funziona|wat kost|prijs|prijzen|hoe werkt)\b/),
  s('question', 3, 'asks who is writing', /\b(who (is|are) (this|you)|whos this|(who|whos) dis|who r u|what is this (about|regarding)|what company|how did you (get|find) (my|this|our)|where did you get (my|this|our)|quien (es|eres|son) (usted|ustedes)?|de donde (sacaron|saco|sacaste)|qui (etes|es) vous|wer sind sie|woher haben sie|quem (e|sao) (voce|voces)?|chi (e|siete|sei)|wie (bent|is) (u|dit)|hoe komt u aan)\b/),
  s('question', 2, 'wonders', /\b((i was|i am|just) (wondering|curious)|can you (explain|clarify|tell me|share|confirm)|could you (explain|clarify|tell me|share|confirm)|do you (have|support|offer|integrate|work with)|does (it|this|your)|is there|is it|are there)\b/),
];

// prettier-ignore
export const NEUTRAL_SIGNALS: Signal[] = [
  s('neutral', 1, 'thanks', /\b(thanks|thank you|cheers|merci|gracias|danke|obrigad[oa]|grazie|bedankt|dank je|dank u)\b/),
  s('neutral', 1, 'acknowledges', /\b(ok|got it|noted|received|understood|will do|roger|sure|fine|alright|all right|de acuerdo|d accord|entendido|recibido|recu|bien recu|erhalten|verstanden|alles klar|recebido|ricevuto|capito|ontvangen|begrepen|prima|vale|perfecto)\b/),
  s('neutral', 5, 'a receipt or reaction', /^(read|lu|gelesen|leido|lido|letto|gelezen|gelesen) ?:|\b(your message|ihre nachricht|votre message|su mensaje|sua mensagem|il tuo messaggio|uw bericht)\b[^.\n]{0,80}\b(was read|has been read|wurde (am [^.\n]{0,30})?gelesen|a ete lu|fue leido|foi lido|e stato letto|is gelezen)\b|^(liked|loved|laughed at|emphasized|emphasised|disliked|questioned|reacted [^ ]+ to) "/),
  s('neutral', 5, 'an automatic acknowledgement', /\b(your (request|ticket|message|email|enquiry|inquiry) (has been|was|is being) (received|logged|created|reviewed|forwarded|assigned)|(ticket|case|request) (number|#|id|no)|thank you for contacting [a-z]+( [a-z]+)? (support|customer|service|team))\b/),
];
