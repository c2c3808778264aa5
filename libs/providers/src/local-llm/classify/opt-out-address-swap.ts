/**
 * One address or number given up for another (see opt-out-scope): an old address replaced by a new one, the landline
 * refused for the mobile. Normalised text.
 */

const AN_OLD_ADDRESS =
  '\\b(the|my|our|that) (old|previous|former|other|personal|outdated)( [a-z0-9._@-]+)? (gmail|hotmail|yahoo|outlook|e ?mail|email|address|email address|account|number|phone number|one|inbox)\\b';
/** An old address or number replaced ("… and unsubscribe the old gmail", "remove my previous address, use this one"). */
export const OLD_ADDRESS = new RegExp(`^[^.!?\\n]{0,10}?${AN_OLD_ADDRESS}`);
/** The same inside a clause the opt-out phrase spans ("quit sending me invoices to the old address"). */
export const OLD_ADDRESS_IN_PHRASE = new RegExp(`\\b(to|at|on) ${AN_OLD_ADDRESS}`);
/** The landline as the line not to call ("non chiamatemi più sul fisso"): with a mobile given, one number for another. */
export const LANDLINE =
  /\b(landline|home phone|office phone|office line|desk phone|work phone|fisso|telefono fisso|vaste (lijn|nummer|telefoon)|festnetz|festnetznummer|fixe|telephone fixe|fijo|telefono fijo|fixo|telefone fixo)\b/;
export const NEW_ADDRESS =
  /[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+|\b(this|the new|my new|a new) (one|ones|address|email|e ?mail|number|inbox)\b|\binstead\b|\b(dit|deze|este|esta|a este|cette|cet|diese|dieses|questo|questa|esse|essa|het nieuwe|el nuevo|la nouvelle|die neue|il nuovo|o novo)( (adres|correo|adresse|indirizzo|endereco|nummer|numero|e ?mail|mail|one))?\b( (is|es|est|ist|e|esta|va|geht|passt|funciona|werkt|podeis|pouvez|konnen|potete|podem|kunnen))/;
/** A mobile to call instead of the landline ("usate il cellulare", "try my mobile"), not a line refused too ("ni al fijo ni al móvil"). */
export const MOBILE_INSTEAD =
  /(?<!\b(no|non|ne|nicht|niet|nao|not|dont|never|nunca|jamais|mai|nie|nooit) ([a-z]+ )?)\b(use|try|call|ring|usate|usa|provate|chiamate|utilisez|essayez|appelez|gebruik|probeer|bel|belt|nutzen sie|versuchen sie|rufen sie|usen|utilicen|prueben|llamen|llamad|usem|tentem|liguem)\b(?![^.!?,;\n]{0,25}\b(ni|nor|neither|or|noch|weder|nem|ne|nee|o|oder|ou|of)\b)[^.!?,;\n]{0,25}\b(mobile|cell|cellphone|cellulare|cellulaire|portable|handy|handynummer|mobiel|mobiele|gsm|movil|celular|telemovel)\b/;
