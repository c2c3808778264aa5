/**
 * Opt-outs named as a thing talked about (see opt-out-scope): a rate, a text or a list of them, a link put into the
 * messages, or the moment of an opt-out ("after opt-out"). Normalised text.
 */

/**
 * An opt-out noun that names a figure, a text or a list of them ("taux de désabonnement", "tasso medio di
 * disiscrizione", "taxa de descadastro", "le message de désinscription", "lista de descadastrados"): a thing talked
 * about. Not the link or button asked for, nor a request ("demande de désinscription").
 */
export const THING_OF_OPT_OUTS =
  /\b(taux|tasso|taxa|tasa|pourcentage|percentuale|porcentaje|percentagem|percentage|nombre|numero|quantidade|cantidad|message|messaggio|mensaje|mensagem|texte|testo|texto|modele|modello|modelo|liste|lista|listas|rapport|relatorio|informe|processus|processo|proceso|procedure|procedura|procedimento|gestion|gestione|gestao)( (medio|media|moyen|moyenne|mensuel|mensile|mensual|mensal|global|globale|total|totale|automatique|automatico|automatica))? (de|di|da|du|des|do|dos|das|del|dei|delle|d)\s*$/;
/**
 * An opt-out link or button put into the messages ("colocam o link de descadastro automaticamente", "add an
 * unsubscribe button to the template", "ajoutez-vous le lien de désinscription"): a feature, not a request.
 */
export const LINK_PUT_IN =
  /\b(add|adds|put|puts|include|includes|insert|inserts|contain|contains|have|has|carry|carries|contien\w*|comport\w*|enthalt\w*|haben|hat|conten\w*|incluy\w*|tienen|tiene|hanno|ha|contem|tem|bevat\w*|hebben|heeft|colocam|coloca|colocar|poem|pomos|por|incluem|incluir|inserir|adicion\w*|acrescent\w*|anad\w*|inclu\w*|ponen|pone|poner|ajout\w*|mett\w*|inser\w*|aggiung\w*|inserisc\w*|fugen|einfugen|voeg\w*|zet|zetten)( [a-z]+){0,2} (the |an |a |o |le |un |una |el |il |lo |den |einen |de |het |een )?(link|lien|enlace|collegamento|button|bouton|boton|botao|pulsante|knop|knopf)( (de|di|da|du|des|do|del|d|voor|zum|zur|for|to))?\s*$/;

/**
 * A list that holds other people's numbers, named right before an opt-out word that qualifies it ("we have about
 * 2,000 numbers on a do-not-contact list", "our customers on the DNC list"): a list of others, not a request (probe
 * 79).
 */
export const LIST_OF_OTHERS_BEFORE =
  /\b(\d[\d,. ]*k?|hundreds|thousands|dozens|lots|a lot|many|some|all|several|(a )?few)( (hundred|thousand|dozen))?( of)?( (our|their|the|these|those|old))? (numbers|contacts|people|customers|clients|patients|leads|emails|addresses|names|records|members|subscribers)\b[^.!?\n]{0,20}\b(on|in|from) (a|an|the|our|their|its|this|that)( (gdpr|internal|old|own|shared|central|global|company|national))?\s*$/;

/** The opt-out named as a moment or a thing after a preposition ("stop our reps from texting after opt-out"). */
export const AS_A_MOMENT =
  /\b(after|upon|following|post|before)( an| the| a| their| his| her| each| every)?\s*$/;
export const OPT_OUT_NOUN = /^(opt ?outs?|opting out|unsubscribes?|unsubscribing|unsubscription|removal)\b/;

/**
 * An opt-out counted as one case, with its indefinite article, and how it is processed or takes effect ("bis eine
 * Abmeldung greift", "para um descadastro ser processado", "how long does an opt-out take"): a thing talked about.
 */
export const AN_OPT_OUT = /\b(an|a|eine|une|un|una|um|uma|een)\s*$/;
export const PROCESSED_AFTER =
  /^\s*(greift|wirksam|wirkt|bearbeitet|verarbeitet|ser processad\w*|seja processad\w*|e processad\w*|leva|demora|est prise en compte|soit prise en compte|prend effet|se procesa|se procese|tarda|venga applicat\w*|viene applicat\w*|is processed|gets processed|takes|take|to take|verwerkt|wordt verwerkt)\b/;

/**
 * The writer's own opt-out told as done, right after "my opt-out request" ("… from last month was processed. That's all
 * sorted then, thanks", "mi solicitud de baja ya fue tramitada", "ma demande de désinscription a bien été prise en
 * compte", "meine Abmeldung wurde bearbeitet", "la mia richiesta di disiscrizione è stata elaborata", "mijn afmelding
 * is verwerkt", "meu pedido de descadastro foi processado"): an acknowledgement, not a new request (probe 80). Not
 * when the writer asks to have it confirmed (ASKS_TO_CONFIRM), asks whether it was ("… è stata elaborata?") or the
 * sentence turns ("… was processed, yet …").
 */
export const DONE_AFTER =
  /^( (from|of|on|in|back in|sent|made)( [a-z0-9]+){1,3})? (was|has been|had been|got|is|went|ya fue|fue|ha sido|se ha|a bien ete|a ete|wurde|ist|e stata|e stato|werd|foi|ja foi)( (successfully|correctly|bien|correctamente|correttamente|erfolgreich|correct|corretamente|now|already|finally|ya|deja|gia|schon|al|ja))? (processed|handled|actioned|completed|done|through|confirmed|tramitada|procesada|gestionada|prise en compte|traitee|bearbeitet|verarbeitet|durch|erledigt|elaborata|gestita|processata|verwerkt|afgehandeld|processado|tratado)\b(?![^.!\n]{0,60}\?)(?![^.!?\n]{0,60}\b(but|yet|however|although|though|still|again|pero|sin embargo|todavia|mais|pourtant|encore|aber|trotzdem|immer noch|ma|ancora|eppure|maar|toch|nog steeds|mas|ainda|porem)\b)/;
/** The writer's own request named in the phrase ("my opt-out request", "ma demande de désinscription"). */
export const OWN_REQUEST = /^(my|our|mi|nuestra|meu|nosso|la mia|la nostra|ma|notre|meine|unsere|mijn|onze) /;
/** A request to have it confirmed or checked, right before the phrase ("please confirm my opt-out request was …"). */
export const ASKS_TO_CONFIRM =
  /\b(please|pls|kindly|can you|could you|would you|will you|did|has|had|was|whether|if|check|make sure|ensure|verify|confirm|let me know|tell me|por favor|confirmen|confirmez|merci de|bitte|bestatigen|confermate|per favore|bevestig|confirmem|si|ob|se)( [a-z]+){0,4}\s*$/;

/**
 * The writer's own unsubscribe link, page or rate ("Why did our unsubscribe link stop working?", "my unsubscribe button
 * on the last campaign is broken"): a feature of the writer's own messages, not a request (probe 76). "My" counts only
 * beside the writer's own campaign, template or site named ("Why doesn't my unsubscribe link work?" can be the link in
 * our message, used).
 */
const OWN_BEFORE = /\b(our|my)\s*$/;
const FEATURE_AFTER =
  /^\s*(links?|buttons?|pages?|footers?|rates?|flows?|forms?|settings?|options?|lists?|process|workflow|widget|header|template)\b/;
const OWN_CAMPAIGN =
  /\b(campaigns?|templates?|sequences?|workspace|account|website|site|landing page|newsletter we send|our (emails|newsletter|texts|messages))\b/;

export function ownUnsubscribeFeature(before: string, after: string, sentence: string): boolean {
  const own = OWN_BEFORE.exec(before);
  if (!own || !FEATURE_AFTER.test(after)) return false;
  return own[1] === 'our' || OWN_CAMPAIGN.test(sentence);
}
