/**
 * The writer denying they asked for an opt-out, up to where its words would follow, in the seven languages ("I never
 * said", "I did NOT ask to be", "we never asked anyone to", "it wasn't me", "nunca pedí la", "je n'ai jamais demandé à
 * être", "nie gesagt, dass ich", "non ho chiesto io di", "não pedi para", "ik heb nooit gevraagd om te"). One pattern
 * for the guard that blanks a denied opt-out (probe46-typo-guards) and for the clause read before any opt-out phrase
 * (opt-out-earlier-request). Normalised text.
 */
export const DENIED_ASKING_WORDS = [
  '\\b(((i|we) )?(never|did not|have not|had not|have never|did never)( (actually|ever|once))? (said|say|asked|ask|wrote|write|replied|reply|typed|type|texted|requested|request|wanted|want|tell|told)|(it )?was not (me|asking))( (for )?(you|u|anyone|anybody|them))?( (for|to|that|that i wanted to|to be|anything about))?( (be|get|getting|being|i|we))?( (wanted|want) to)?',
  '\\b(yo )?(no|nunca|jamas) (he pedido|pedi|hemos pedido|pedimos|solicite|he solicitado|dije|quise)( (yo|nunca|que|la|de|me|nos|darme|darnos|dieran|dar|den|ser))*',
  '\\b((je n ai|nous n avons|on n a) )?(jamais|pas) (demande|dit|voulu)( (a|de|d|me|m|nous|etre|que|qu on|je|j|veux|voulais|la|une))*',
  '\\b(nie|nicht|niemals) (gesagt|gebeten|verlangt|gewollt),?( (dass|ich|mich|um|zu|die|eine|werden|wollte|will|mochte))*',
  '\\b(mai|non (ho|abbiamo)( mai)?) (chiesto|richiesto|detto|voluto)( (io|noi|di|di essere|la|l|alcuna|essere|che|mi|ci|il))*',
  '\\b(eu )?(nao|nunca) (pedi|solicitei|pedimos|disse|quis)( (para|pra|a|o|que|me|ser|nos))*',
  '\\b((ik|we|wij) (heb|hebben) )?(nooit|niet) (gezegd|gevraagd|verzocht|gewild)( (dat|ik|me|mij|ons|om|te|wil|wilde))*',
].join('|');
