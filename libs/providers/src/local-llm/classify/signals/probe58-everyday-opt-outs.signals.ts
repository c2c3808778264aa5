import { SENDS_IN_THIRD_PERSON } from '../keyword-sent-by-others';
import { s, type Signal } from './signal';

/**
 * Everyday opt-outs to a sales sender in de/fr/it/nl/es/pt (probe 58), in the forms the older patterns miss:
 * - German separable verbs with the list between them ("Bitte melden Sie mich von allen Ihren Mailings ab",
 *   "tragt mich aus dem Newsletter aus") and "leave me alone" with its fillers ("Lassen Sie mich bitte einfach in
 *   Ruhe");
 * - a request to stop sending, in the formal register ("Je vous prie de bien vouloir cesser tout envoi de courriels
 *   commerciaux", "chiedo di non ricevere più newsletter né telefonate");
 * - a request asked as a question ("Tu peux m'enlever de ta liste ?", "Wil je me even van de lijst halen?", "kun je
 *   stoppen?", "¿Cómo le hago para que ya no me lleguen estos mensajes?");
 * - where the number or address came from, then an order to delete it or "I never gave it to you" ("Woher haben Sie
 *   diese Nummer?? … Sofort löschen!", "Chi le ha dato il mio numero? Lo cancelli subito"): the question alone
 *   stays a question ("Woher haben Sie eigentlich meine Adresse? Aus dem Messekatalog?").
 * Look-alikes kept out: a privacy notice under an away reply that tells the reader how to object ("Widerspruch
 * jederzeit an datenschutz@…", "vous disposez d'un droit d'opposition"), a footer telling the reader how to leave
 * ("Per cancellarsi dalla newsletter clicchi qui"), "das passt aktuell nicht zu uns" (a poor fit, not a time),
 * invoices or paper copies to stop, a webinar list. Patterns read the normalised text (lowercase, no accents,
 * apostrophes as spaces).
 */

/** What a sender's list is called in German, as the object between a separable verb and its particle. */
const DE_LIST =
  '(mailings?|newsletter\\w*|verteiler\\w*|e ?mail ?liste\\w*|mailing ?liste\\w*|liste|listen|werbe\\w*|aussendung\\w*|rundschreiben|rundmail\\w*|kampagne\\w*|sms\\w*|nachrichten|e ?mails?|mails|datenbank\\w*|kartei|adressliste\\w*|kontaktliste\\w*|verzeichnis\\w*|system)';
/** A German possessive or article before that list. */
const DE_ARTICLE =
  '((allen|all|samtlichen|jeglichen|jedem|jeder) )?((ihren|ihrem|ihrer|euren|eurem|eurer|deinen|deinem|deiner|dem|der|den|diesem|dieser|diesen) )?([a-z]+ )?';

/** Where the number or address came from: a question (ten languages). */
const ORIGIN =
  '(woher (haben sie|hast du|habt ihr)( eigentlich| denn| uberhaupt)? (diese|meine|die|meinen|den|dieses|mein)|wer hat (ihnen|dir|euch) (diese|meine|die|mein|meinen)|qui vous a (donne|transmis|refile|communique) (mon|mes|ce|cette|notre)|ou avez vous (eu|trouve|obtenu|recupere|pris) (mon|mes|ce|cette|notre)|chi (le|vi|ti|gli) ha (dato|passato|fornito) (il mio|questo|la mia|i miei|il nostro)|dove (avete|ha|hai) (preso|trovato|recuperato) (il mio|questo|la mia|i miei)|quien (les|te|le|os) (dio|paso|facilito|ha dado|ha pasado) (mi|este|esta|mis)|de donde (sacaron|sacaste|saco|han sacado|sacasteis|tienen|obtuvieron) (mi|este|esta|mis)|quem (passou|deu|forneceu) (o |a )?(meu|minha|este|esse|esta|essa|meus)|quem vos (deu|passou|forneceu) (o |a )?(meu|minha|este|esse)|onde (voces |vces )?(conseguiram|pegaram|arrumaram|arranjaram|obtiveram) (o |a )?(meu|minha|este|esse|meus)|hoe (komen jullie|kom je|komt u|kwamen jullie|kwam je) aan (mijn|dit|deze|ons)|wie heeft (u|jullie|je) (mijn|dit|deze) (nummer|adres|e ?mailadres|gegevens|telefoonnummer)|who gave (you|u) (my|this)|where did (you|u) get (my|this))';
/** Words that may close an order to delete ("Sofort löschen!", "Delete it now.", "Bórrenlo ya."). */
const NOW_PLEASE =
  '( (bitte|sofort|umgehend|unverzuglich|gleich|endlich|jetzt|immediatement|tout de suite|svp|stp|merci|subito|per favore|per cortesia|grazie|ya|ahora|ya mismo|por favor|ja|agora|meteen|direct|nu|per direct|alstublieft|aub|now|please|immediately|asap|right now))*\\s*([.!]|$)';
/**
 * An order to delete it, with nothing else as its object ("Sofort löschen!", "Löschen Sie sie bitte", "Lo cancelli
 * subito", "Bórrenlo ya", "Supprimez-la", "Apaguem isso", "Verwijder het meteen", "delete it"), or a statement that it
 * was never given ("Ich habe Ihnen nie meine Daten gegeben"): what turns the origin question into an opt-out.
 * "bitte die alte Adresse löschen und an die neue schreiben", "remove the second contact" are other orders.
 */
const DELETE_IT =
  `(\\b(losch|losche|loschen|entfern|entferne|entfernen)( sie)?( (sie|ihn|es|die|diese|den|das|meine nummer|meine adresse|meine daten))?${NOW_PLEASE}` +
  `|\\b(supprimez|effacez|retirez|enlevez|supprimer|effacer)( (le|la|les|l))?${NOW_PLEASE}` +
  '|\\b(lo|la|li|le) (cancelli|elimini|rimuova|tolga)\\b|\\b(cancellatelo|cancellatela|eliminatelo|eliminatela|rimuovetelo|rimuovetela|toglietelo|toglietela|cancellalo|cancellala|eliminalo|toglilo)\\b' +
  '|\\b(borrenlo|borrenla|borradlo|borradla|borralo|borrala|eliminenlo|eliminenla|eliminadlo|eliminalo|eliminala|quitenlo|quitenla|quitadlo|supriman(lo|la)?|suprimidlo)\\b' +
  `|\\b(apaguem|apague|apaga|exclua|excluam|remova|removam|eliminem|elimine)( (isso|isto|ele|ela|o meu numero|meu numero|o numero|meus dados|os meus dados|esse numero|este numero))?${NOW_PLEASE}` +
  `|\\b(verwijder|wis)( (het|hem|dat|dit|mijn nummer|mijn gegevens|mijn adres))?${NOW_PLEASE}|haal (het|hem|dat|dit|mij|me) (weg|eruit)\\b` +
  '|\\b(delete|remove|erase) (it|this|that|them|my number|my email|my details|my data)\\b' +
  '|\\b(nie|niemals) (meine |die |diese |eine )?(daten|nummer|adresse|einwilligung|zustimmung|erlaubnis) (gegeben|erteilt)|\\bnie zugestimmt|\\bjamais (donne|communique|autorise)|\\bmai (dato|autorizzato|acconsentito)|\\bnunca (di|he dado|autorice|les di|le di|dei|autorizei|passei)\\b|\\bnooit (gegeven|toestemming))';

/**
 * A privacy notice addressed to the reader (the rights they have, where to object), as signatures and away replies
 * carry it: "Widerspruch jederzeit an datenschutz@…", "Sie können der Verarbeitung jederzeit widersprechen", "vous
 * disposez d'un droit d'accès, de rectification et d'opposition", "puede ejercer sus derechos de … oposición",
 * "ha diritto di opporsi", "u heeft het recht van bezwaar".
 */
const READERS_RIGHTS =
  /\bwiderspruch (ist )?(jederzeit|jeder zeit)( moglich)?( (an|unter|per|via|bei|uber|gegenuber))?\b[^.\n]*|\b(sie konnen|sie haben das recht,?|sie haben jederzeit das recht,?) ([a-z]+ ){0,6}(jederzeit )?(widersprechen|zu widersprechen|widerrufen|zu widerrufen)\b[^.\n]*|\b(vous disposez|vous beneficiez|vous avez|vous pouvez exercer) (d un |du |de vos |des |vos )?(droits?|droit d acces)\b[^.\n]*|\b(puede|usted puede|podra|puedes) (ejercer|ejercitar) (sus|tus|los) derechos\b[^.\n]*|\b(pode|podera|voce pode) (exercer|exercitar) (os )?(seus )?direitos\b[^.\n]*|\b(puo|potra|lei puo|ha (il )?diritto di) (esercitare|opporsi)\b[^.\n]*|\b(u heeft|je hebt|u kunt|je kunt) (het )?recht (op|van) (inzage|bezwaar|verwijdering)\b[^.\n]*/;

/** A footer telling its readers how to leave, in the impersonal or formal form ("Per cancellarsi … clicchi qui"). */
const READERS_FOOTER =
  /\b(per (cancellarsi|disiscriversi|annullare l iscrizione|non ricevere piu)|para (cancelar (a |su |la )?(suscripcion|inscricao|subscricao)|darse de baja|deixar de receber)|pour (ne plus recevoir|se desinscrire|se desabonner)|um (sich )?(abzumelden|auszutragen|keine [a-z]+ mehr zu erhalten)|om (zich |u )?(af te melden|uit te schrijven))\b[^.!?\n]{0,80}\b(clicchi|cliccare|clicca|cliccate|haga clic|pulse|pinche|clique|clica|cliquez|cliquer|klicken|klickt|klik|klikt|klikken)\b[^.!?\n]*/;

/**
 * The keyword as what someone else would send, after "if" or "when" ("Se un utente scrive STOP, lo togliete da tutte
 * le liste?", "wenn ein Kunde antwortet STOPP", "cuando alguien envía BAJA"): a question about their own contacts.
 */
const SENT_BY_OTHERS = new RegExp(
  `\\b(se|si|quand|quando|cuando|wenn|falls|sobald|als|zodra|if|when|once|whenever) ([a-z]+ ){1,4}${SENDS_IN_THIRD_PERSON} (con |with |mit |avec |com |met )?(stop|stopp|baja|sair|pare|cancelar|unsubscribe|afmelden|abmelden|arret|desinscription)\\b`,
);

/** "Lass mich in Ruhe drüber nachdenken", "lassen Sie mich das in Ruhe prüfen": calmly, not "leave me alone". */
const CALMLY =
  /\b(lass|lasst|lassen sie) (mich|uns)( (das|es|dies|daruber|druber|erst|mal|noch|bitte|kurz))* in ruhe( (daruber|druber|das|es|dies|erst|mal|noch))* (nachdenken|uberlegen|anschauen|ansehen|angucken|durchlesen|lesen|prufen|besprechen|entscheiden|abwagen|testen|ausprobieren|durchrechnen)\b/;

/**
 * Asks to be put on the list, in German ("Nehmen Sie mich bitte in Ihren Verteiler auf", "Tragen Sie mich in die
 * Liste ein", "Melden Sie mich für den Newsletter an", "Setzen Sie uns auf die Liste"): the particle that adds.
 */
const ADD_ME =
  /\b((nehmen sie|nimm|nehmt)( (bitte|gerne|gern|doch|auch|wieder))* (mich|uns)( (bitte|gerne|gern|doch|auch|wieder))* (in|auf) ([a-z]+ ){0,4}(verteiler|liste|listen|newsletter|mailing|e ?mail ?liste|mailingliste|kartei)\w*( mit)? auf|(tragen sie|trag|tragt)( (bitte|gerne|gern|doch|auch|wieder))* (mich|uns)( (bitte|gerne|gern|doch|auch|wieder))* (in|auf) ([a-z]+ ){0,4}(verteiler|liste|listen|newsletter|mailing|e ?mail ?liste|mailingliste|kartei)\w* ein|(melden sie|melde|meldet)( (bitte|gerne|gern|doch|auch|wieder))* (mich|uns)( (bitte|gerne|gern|doch|auch|wieder))* (fur|zu|bei) ([a-z]+ ){0,4}(newsletter|mailing|verteiler|liste)\w* an|(setzen sie|setz|setzt)( (bitte|gerne|gern|doch|auch|wieder))* (mich|uns)( (bitte|gerne|gern|doch|auch|wieder))* (auf|in) ([a-z]+ ){0,4}(verteiler|liste|newsletter|mailingliste|e ?mail ?liste)\w*)\b/;

export const PROBE58_EVERYDAY_GUARDS: Signal[] = [
  s('interested', 3, 'asks to be put on the list (de)', ADD_ME, 'guard'),
  s('neutral', 0, "a privacy notice of the reader's rights", READERS_RIGHTS, 'guard'),
  s('neutral', 0, 'a footer telling its readers how to leave', READERS_FOOTER, 'guard'),
  s('question', 2, 'the keyword sent by their own contacts', SENT_BY_OTHERS, 'guard'),
  s('neutral', 0, 'calmly, not leave me alone (de)', CALMLY, 'guard'),
  s(
    'not_interested',
    3,
    'does not fit them (de)',
    /\b(passt|passen) (das |es |dies )?(aktuell|derzeit|momentan|gerade|im moment|zurzeit|einfach|leider|ehrlich gesagt)( (leider|einfach|gar|uberhaupt|so))* nicht (zu uns|zu unserem \w+|zu unserer \w+|in unser \w+|in unsere \w+|fur uns)\b/,
    'guard',
  ),
];

export const PROBE58_EVERYDAY_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'a separable verb around the list (de)',
    new RegExp(
      `\\b(melden sie|melde|meldet|tragen sie|trag|tragt|nehmen sie|nimm|nehmt)( (bitte|doch|einfach|umgehend|sofort|endlich))* (mich|uns|meine adresse|meine nummer|meine e ?mail ?adresse)( (bitte|doch|einfach|umgehend|sofort|endlich|hiermit))* (von|aus) ${DE_ARTICLE}${DE_LIST} (ab|aus|raus)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'leave me alone, with fillers (de)',
    /\b(lass|lasst|lassen sie) (mich|uns)( (bitte|doch|einfach|endlich|jetzt|bloss|blos|nur|gefalligst|ab sofort|ab jetzt|kunftig|damit|ein fur alle mal))+ in ruhe\b(?! (uberlegen|nachdenken|anschauen|ansehen|durchlesen|lesen|prufen|besprechen|entscheiden|abwagen|testen|ausprobieren|arbeiten|machen))/,
  ),
  s(
    'unsubscribe',
    4,
    'asks them to cease sending (fr)',
    /\b(cesser|cessez|mettre fin a|mettez fin a|arreter|arretez) (tout|tous|toute|toutes|vos|ces) (envois?|courriers?|courriels?|e ?mails?|mails?|messages?|sms|relances?|sollicitations?|prospections?|demarchages?|communications?|newsletters?|appels?)\b(?! (de|des|du) (la |le |les )?(factures?|devis|commandes?|colis|documents?|papier|releves?|bons?)\b)/,
  ),
  s(
    'unsubscribe',
    4,
    'asks not to receive any more (it)',
    /\b(chiedo|vi chiedo|le chiedo|vi prego|la prego|ti prego|desidero|preferisco|preferirei|vorrei) (di )?non (ricevere|essere) (piu )?((ulteriori|altre|altri|vostre|vostri|le|i|queste|questi) )?(newsletter|e ?mail|mail|messaggi|sms|comunicazioni|telefonate|chiamate|offerte|promozioni|pubblicita|proposte commerciali|contattat[oaie]|chiamat[oaie]|disturbat[oaie])\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks to be removed, as a question (fr)',
    /\b(tu peux|tu pourrais|peux tu|pourrais tu|vous pouvez|vous pourriez|pouvez vous|pourriez vous)( (bien|svp|stp|s il vous plait|s il te plait|juste|simplement))? (me|m|nous) (desinscrire|desabonner|(enlever|retirer|supprimer|rayer|sortir|effacer) (de|des|du) (ta|tes|votre|vos|la|cette|ces)? ?(liste|listes|fichier|fichiers|base|mailing|mailings|newsletter|diffusion|contacts|envois|destinataires))\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks to be taken off the list, as a question (nl)',
    /\b(wil|wilt|kun|kunt|kan|zou|zouden|kunnen|willen) (je|jij|u|jullie) (me|mij|ons)( (even|alsjeblieft|aub|a u b|gewoon|nu|wel|per direct|direct))* (van|uit) (de|jullie|uw|je|deze|die|het|jouw) ([a-z]+ )?(lijst|lijsten|bestand|mailinglijst|verzendlijst|systeem|database|mailing|nieuwsbrief|adressenbestand|klantenbestand|contactlijst|mailinglist) (halen|verwijderen|afhalen|schrappen|weghalen|afvoeren|uitschrijven|afmelden)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks them to stop, as a question (nl)',
    /\b(kun|kunt|kan|wil|kunnen|willen|zou|zouden) (je|jij|u|jullie)( (alsjeblieft|aub|a u b|even|nu|gewoon|ajb|pls))* (hiermee |ermee |daarmee )?(stoppen|ophouden)( (met|hiermee|ermee)( (appen|mailen|bellen|sms en|berichten sturen|mij te|me te)[a-z ]{0,15})?)?\s*(\?|$)/,
  ),
  s(
    'unsubscribe',
    4,
    'asks how to make the messages stop (es)',
    /\b(como|que) (le |lo )?(hago|hacemos|puedo hacer|tengo que hacer) (para )?(que )?(ya )?no (me|nos) (lleguen|sigan llegando|vuelvan a llegar|manden|envien|escriban|contacten|llamen)( mas)?(\s*(\?|$)| ((estos|esos|sus|tus|vuestros|los|tantos) )?(mensajes|correos|mails|emails|e mails|whatsapps?|sms|publicidad|promociones|ofertas|llamadas)\b(?! de (recordatorio|confirmacion|notificacion|aviso|alerta|factura|pago|login|sesion|error)))/,
  ),
  s(
    'unsubscribe',
    4,
    'asks where the number came from, then to delete it',
    new RegExp(`\\b${ORIGIN}\\b[^]{0,120}?${DELETE_IT}`),
  ),
];
