import { s, type Signal } from './signal';

/**
 * Complaints that are opt-outs, in the languages besides English (probe 34): calling the messages harassment ("Esto
 * es acoso", "C'est du harcèlement", "Dit is intimidatie") or taking them to a regulator ("Ik dien een klacht in
 * bij de ACM", "Vou denunciar no Procon", "Vi segnalo all'AGCM"). The English ones are in
 * opt-out-indirect-english. A complaint about something else (a wrong invoice, a broken link) names neither.
 */

/** A regulator or consumer body a complaint about messages goes to. */
const REGULATOR =
  '(aepd|agencia (espanola )?de proteccion de datos|profeco|consumo|cnil|dgccrf|bundesnetzagentur|datenschutzbehorde|datenschutzbeauftragten|verbraucherzentrale|agcm|garante( della privacy| privacy)?|agcom|procon|anpd|anatel|acm|autoriteit persoonsgegevens|consumentenbond|imy|kominfo|policia|polizei|police|polizia|politie)';

/** Harassment as a topic (at work, at school, sexual), not the messages: "esto es acoso laboral". */
const NOT_AT_WORK =
  '(?! (laboral|escolar|sexual|moral|psicologico|no trabalho|na escola|moral|au travail|sexuel|scolaire|am arbeitsplatz|sexuelle|sul lavoro|sessuale|op het werk|op school|seksuele|pa jobbet|di tempat kerja))';

// prettier-ignore
export const COMPLAINT_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'calls it harassment (es/pt/fr/de/it/nl/sv/id)', new RegExp(`(\\b(esto|eso) es (un )?acoso|\\b(isso|isto) e (um )?assedio|\\bc est du harcelement|\\b(das|dies) ist (eine )?belastigung|\\b(questa|questo) e (una )?molestia|\\b(dit|dat) is (gewoon )?(intimidatie|stalking|treiteren)|\\bdet (har )?ar trakasserier|\\bini (pelecehan|teror))\\b${NOT_AT_WORK}`)),
  s('unsubscribe', 4, 'takes them to a regulator (es/pt/fr/de/it/nl/sv/id)', new RegExp(`\\b(denunci\\w*|reportar\\w*|queja) (ante|a|en|no|ao|na|para) (la |el |o |a )?${REGULATOR}\\b|\\b(signal\\w*|plainte) (a|aupres de) la ${REGULATOR}\\b|\\b(melde|zeige|anzeigen|beschwer\\w*)\\b[^.!?\\n]{0,30}\\b${REGULATOR}\\b|\\bsegnal\\w* (all |al |alla |a )?${REGULATOR}\\b|\\b(klacht (in)?dienen|dien\\w* (een )?klacht in|meld\\w*) bij (de |het )?${REGULATOR}\\b|\\banmal\\w* (er |dig )?(till|hos) ${REGULATOR}\\b|\\blapor\\w* (ke )?${REGULATOR}\\b`)),
];
