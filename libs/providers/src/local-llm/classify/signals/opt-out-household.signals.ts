import { s, type Signal } from './signal';

/**
 * Opt-outs for a relative who shares the number (probe 20): "Mi esposa recibe sus mensajes en este número y no
 * quiere recibir más", "Mio marito non vuole più ricevere le vostre chiamate su questo numero". The messages reach
 * the relative through the number written to, so stopping them is stopping contact with this number; a relative's
 * wish about anything else ("mi esposa no quiere que cambiemos de proveedor") names neither receiving nor the number
 * and stays what it is; nor is a wish about the hours ("no quiere que la llamen por la mañana"). Patterns read the normalised text (lowercase, no accents).
 */

const RELATIVE =
  '(mi|ma|mon|mein|meine|mijn|meu|minha|mia|mio|il mio|la mia|o meu|a minha) (esposa|mujer|marido|esposo|padre|madre|papa|mama|hijo|hija|abuelo|abuela|suegra|suegro|femme|mari|pere|mere|fils|fille|grand mere|grand pere|frau|mann|vater|mutter|sohn|tochter|oma|opa|vrouw|man|vader|moeder|zoon|dochter|pai|mae|filho|filha|avo|moglie|marito|mamma|figlio|figlia|nonno|nonna)';
/** The relative does not want it (any more). */
const DOES_NOT_WANT =
  '((ya )?no (los |las |lo |la )?quiere|non (li |le |lo |la |ne )?vuole|ne (les |la |le |l |en )?veut (plus|pas)|n en veut plus|(mochte|will|wunscht|mag) (das|dies|diese [a-z]+|sie|es|keine [a-z]+|nichts)( mehr)? nicht|(mochte|will|wunscht) (keine|nichts)|wil (dat|dit|die|ze|het) niet|wil (geen|niets|niks)|nao (as |os |a |o )?quer)';
/** What ties the wish to our messages: receiving them, or the number they go to. */
const RECEIVES_OR_THIS_NUMBER =
  '((recib|ricev|recoi|recev|bekommt|bekommen|erhalt|kriegt|krijgt|krijgen|ontvang|receb)\\w*|(este|ese|esse|neste|nesse|questo|ce|diese|dieser|dit|deze|op dit|su questo|sur ce|en este|auf diese) (numero|nummer|telefono|telefone|movil|celular|cellulare|portable|handy|handynummer|telefoonnummer))';

/** Only some hours refused ("no quiere que la llamen por la mañana", "non prima delle 10"): a time limit, not a stop. */
const HOURS_ONLY =
  '(por la (manana|tarde|noche)|(antes|despues) de las \\d+|(prima|dopo) (delle|le) \\d+|di (mattina|sera)|(avant|apres) \\d+|le (matin|soir)|(vor|nach|voor|na) \\d+|morgens|abends|s ochtends|s avonds|(antes|depois) das \\d+|de manha|a noite|\\d{1,2} ?(h|uhr|uur))';

// prettier-ignore
export const HOUSEHOLD_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'a relative on this number wants no more (es/fr/de/it/nl/pt)', new RegExp(`\\b${RELATIVE}\\b(?=[^\\n]{0,150}\\b${DOES_NOT_WANT}\\b)(?=[^\\n]{0,200}\\b${RECEIVES_OR_THIS_NUMBER}\\b)(?![^.!?\\n]*\\b${HOURS_ONLY}\\b)`)),
];
