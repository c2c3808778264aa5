import { s, type Signal } from './signal';

/**
 * Opt-outs beyond English that carry no stop verb (probe15): consent refused for their data or their number, a
 * number that is not for advertising, the GDPR article on erasure or objection cited ("Gem. Art. 17 DSGVO …", probe20), a brush-off ("lâchez-moi", "me esquece", "nehmt mich da raus"); and the
 * look-alikes that carry an unsubscribe word without asking to stop contact: the app or account they cannot leave
 * (a support question), their own customers who cannot unsubscribe, an old number or address replaced by a new
 * one, invoices sent elsewhere, "don't stop" in Indonesian, Turkish, Polish, Russian and Hindi, and the mailing
 * footers under an away notice ("Hier abbestellen", "pour ne plus recevoir nos actualités, cliquez ici").
 * Patterns read the normalised text (lowercase, no accents; Cyrillic, Arabic and Devanagari stay in their script).
 */

/** Unsubscribing, as the look-alikes below mention it. */
const UNSUBSCRIBING =
  '(darme de baja|darse de baja|dar de baja|desuscribir\\w*|desinscribir\\w*|desabonner|desinscrire|abmelden|austragen|abbestellen|descadastrar|desinscrever|disiscriver\\w*|cancellarmi|afmelden|uitschrijven|unsubscribe|opt out)';
/** Their own app, platform or account (a support matter, not our messages). */
const OWN_ACCOUNT =
  '(app|apps|aplicacion|appli|application|applicazione|aplicativo|aplicacao|plataforma|plateforme|piattaforma|platform|portal|portail|konto|account|cuenta|compte|conta|profil|perfil|profilo|profiel)';
/** Not being able to, in the first person. */
const CANNOT =
  '(no puedo|no consigo|no logro|je n arrive pas a|je ne peux pas|je ne parviens pas a|impossible de|non riesco a|non posso|nao consigo|nao posso|kann mich nicht|kann ich mich nicht|ik kan me niet|ik kan mij niet|lukt het niet om|i cannot|i cant|i can not|unable to)';
/** Their own customers or users (those they send to, not us). */
const THEIR_PEOPLE =
  '(mis|mes|meus|minhas|os meus|meine|unsere|i miei|le mie|mijn|onze|nuestros|nos|nossos|i nostri|my|our) (clientes|clients|clienti|kunden|klanten|usuarios|utilisateurs|utilizadores|utenti|nutzer|gebruikers|suscriptores|abonnes|assinantes|iscritti|abonnenten|abonnees|contactos|contacts|contatos|contatti|kontakte|contacten|pacientes|patients|pazienti|patienten|customers|users|subscribers)';
/** Cannot, for them. */
const THEY_CANNOT =
  '(no pueden|no consiguen|no logran|n arrivent pas a|ne peuvent pas|non riescono a|non possono|nao conseguem|nao podem|konnen sich nicht|konnen nicht|kunnen zich niet|kunnen niet|cannot|cant|can not|are unable to)';

const OLD =
  '(viejo|vieja|antiguo|antigua|anterior|alte|alten|altes|ancien|ancienne|antigo|antiga|vecchio|vecchia|oude|vorige)';
const ADDRESS_NOUN =
  '(numero|telefono|movil|celular|correo|email|e ?mail|direccion|nummer|handynummer|adresse|e ?mail ?adresse|mailadresse|telefone|telemovel|endereco|indirizzo|cellulare|adres|e ?mailadres|emailadres)';
const REMOVE_IT =
  '(borra|borrame|borren|borre|elimina|eliminen|elimine|quita|quiten|loschen|losche|loscht|entfernen|entferne|supprime|supprimez|effacez|efface|retirez|apaga|apague|apaguem|remova|removam|exclua|cancella|cancellate|eliminate|togliete|verwijder|verwijderen|wis)';
/** Something new stated after the old one: a new number or address, "from now on", or the new one itself. */
const A_NEW_ONE =
  '(nuevo|nueva|neue|neuen|neues|nouveau|nouvelle|novo|nova|nuovo|nuova|nieuwe|ab jetzt|ab sofort|desormais|dorenavant|a partir de ahora|de ahora en adelante|d ora in poi|da ora in poi|voortaan|vanaf nu|daqui para a frente)';

/** Invoices and other documents of their own business. */
const DOCUMENTS =
  '(rechnungen|rechnung|mahnungen|lieferscheine|kontoauszuge|facturas|factura|factures|facture|faturas|fatura|boletos|notas fiscais|fatture|fattura|facturen|factuur|invoices|receipts)';
const STOP_SENDING =
  '(horen sie auf|hort auf|hor auf|dejen de|deje de|dejad de|arretez d|arretez de|cessez d|cessez de|parem de|pare de|deixem de|smettete di|smetti di|stop met|stopt met|stuur geen|schicken sie keine|senden sie keine|no (me )?(envien|manden)|n envoyez plus|nao (me )?(enviem|mandem)|non (mi )?(inviate|mandate))';

// prettier-ignore
export const INDIRECT_OPT_OUT_GUARDS: Signal[] = [
  s('question', 2, 'cannot leave their own app or account (a support question)', new RegExp(`\\b${CANNOT}\\b[^.!?\\n]{0,30}\\b${UNSUBSCRIBING}\\b[^.!?\\n]{0,30}\\b(en|in|dans|dall|dalla|dal|della|del|nella|nel|na|no|da|do|de|from|of|van|uit|aus|vom|bei|op|im)( la| l| the| your| my| our| mi| vuestra| su| sua| mon| ma| votre| notre| meu| minha| mio| mia| vostra| mijn| jullie| uw| der| dem| meinem| ihrer| ihrem)? ${OWN_ACCOUNT}\\b`), 'guard'),
  s('question', 2, 'their own customers cannot unsubscribe', new RegExp(`\\b${THEIR_PEOPLE}\\b[^.!?\\n]{0,40}\\b${THEY_CANNOT}( (se|si|sich|zich|me|te))? ${UNSUBSCRIBING}`), 'guard'),
  s('neutral', 0, 'an old number or address replaced (es/de/fr/pt/it/nl)', new RegExp(`\\b${REMOVE_IT}( sie| me)?\\b[^.!?\\n]{0,25}\\b(${OLD} ${ADDRESS_NOUN}|${ADDRESS_NOUN}( [a-z]+)? ${OLD})\\b(?=[^\\n]{0,120}(\\b${A_NEW_ONE}\\b|@|\\d{3}))`), 'guard'),
  s('neutral', 0, 'stops sending invoices, not messages (es/de/fr/pt/it/nl)', new RegExp(`\\b${STOP_SENDING}\\b[^.!?\\n]{0,40}\\b${DOCUMENTS}\\b`), 'guard'),
  s('interested', 2, 'asks not to stop (id/tr/pl/ru/hi)', /\bjangan (ber)?henti(kan)?\b|\b(durmayin|vazgecmeyin|kesmeyin)\b|\bnie (przestawajcie|przestawaj|przerywajcie)\b|(?<![а-я])не (останавливаитесь|останавливаися|прекращаите|переставаите)(?![а-я])|\b(band|bandh) (mat|na) (karo|karna|kijiye)\b|\b(ruko|rukna|rukiye) mat\b|(?<![\u0900-\u097f])(रुकिए|रुको|रुकें|रुकना) मत(?![\u0900-\u097f])/, 'guard'),
  s('neutral', 0, 'a mailing footer with a click (de/fr/es/pt/it/nl)', /\b(nicht mehr|keine [a-z]+ mehr) (erhalten|empfangen|bekommen)\b[^\n]{0,20}\b(hier|klicken)\b[^.!?\n]*|\bhier (abbestellen|abmelden|austragen)\b|\bpour ne plus recevoir\b[^.!?\n]{0,60}\b(cliquez|cliquer|clique|rendez vous|suivez|lien|ici)\b[^.!?\n]*|\b(para|si desea|si quiere|si quieres) (darse|darte|dar se|desuscribirse|desuscribirte|dejar de recibir|no recibir)\b[^.!?\n]{0,60}\b(haga clic|haz clic|pulse|pincha|clic aqui|click aqui|visite)\b[^.!?\n]*|\bpara (deixar de receber|nao receber mais|se descadastrar|cancelar a inscricao)\b[^.!?\n]{0,60}\b(clique|acesse|responda)\b[^.!?\n]*|\bper (non ricevere piu|disiscriverti|disiscriversi|annullare l iscrizione|cancellarti)\b[^.!?\n]{0,60}\b(clicca|clicchi|rispondi)\b[^.!?\n]*|\b(om|wilt u|wil je) (geen [a-z]+ meer (te )?ontvangen|je af te melden|u af te melden)\b[^.!?\n]{0,60}\b(klik|klikt)\b[^.!?\n]*/, 'guard'),
];

// prettier-ignore
export const INDIRECT_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'cites the GDPR article on erasure or objection (multilingual)', /(?<!\b(requests?|anfragen|solicitudes|richieste|demandes|verzoeken|compliance|compliant|comply|einhalten|einhaltet|konform\w*|conform\w*|cumpl\w*|rispett\w*|respect\w*|naleven|voldoe\w*|cumpr\w*|handle|handles|dpa|auftragsverarbeitung\w*|contracts?|vertrag|contrato|contrat|contratto)\b[^.!?\n]{0,60})(\b(art|artt|artikel|article|articulo|artigo|articolo)\.?\s*(17|18|21)\b[^\n]{0,20}\b(dsgvo|ds gvo|gdpr|rgpd|avg|lgpd)\b|\b(dsgvo|ds gvo|gdpr|rgpd|avg|lgpd)\b[^\n]{0,10}\b(art|artt|artikel|article|articulo|artigo|articolo)\.?\s*(17|18|21)\b)(?![^!?\n]*\?)(?![^!?\n]*\b(requests?|anfragen|solicitudes|richieste|demandes|verzoeken|compliance|compliant|comply|einhalten|einhaltet|konform\w*|conform\w*|cumpl\w*|rispett\w*|respect\w*|naleven|voldoe\w*|cumpr\w*|handle|handles|dpa|auftragsverarbeitung\w*|contracts?|vertrag|contrato|contrat|contratto)\b)/),
  s('unsubscribe', 4, 'refuses consent for their data (es/pt/it/fr/de/nl/pl/tr/ru)', /\bno (autorizo|consiento)\b[^.!?\n]{0,25}\b(tratamiento|uso|utilizacion|cesion) de (mis|mi) (datos|numero|correo|email|telefono|informacion)\b|\bno (doy|otorgo) (mi )?(consentimiento|autorizacion|permiso) para (recibir|ser contactad\w*|que me (contacten|llamen|escriban)|el envio|comunicaciones|publicidad)\b|\bnao (autorizo|consinto)\b[^.!?\n]{0,25}\b(tratamento|uso|utilizacao) (de |dos |do |das |da )?(meus|meu|minhas|minha) (dados|numero|email|telefone|contato|contacto)\b|\bnon (autorizzo|acconsento)\b[^.!?\n]{0,25}\b(trattamento|uso|utilizzo) (dei |del |di )?(miei |mio )?(dati|numero|email|recapito|recapiti)\b|\bje (n autorise|n accepte|refuse)( pas)? (le traitement|l utilisation|l usage) (de mes (donnees|coordonnees|informations)|de mon (numero|adresse|email|mail))\b|\b(ich|wir) (erteile|erteilen|gebe|geben) (keine|nicht meine|nicht unsere) (einwilligung|zustimmung|erlaubnis) (zur|zu|fur) (nutzung|verarbeitung|speicherung|kontaktaufnahme|werbung|verwendung|zusendung)\b|\b(sie haben|ihr habt) (meine |unsere )?keine (einwilligung|zustimmung|erlaubnis)\b|\b(ik|wij|we) (geef|geven) (geen|nooit) toestemming (voor|om) (het gebruik|de verwerking|verwerking|gebruik|contact|reclame|marketing|mij te|me te)\b|\bnie (wyrazam|wyrazamy) zgody na (przetwarzanie|wykorzystywanie|kontakt|otrzymywanie|marketing|przesylanie|wysylanie)\b|\bnie zgadzam sie na (przetwarzanie|wykorzystywanie|kontakt|otrzymywanie)\b|\b(islenmesine|kullanilmasina|paylasilmasina|aranmaya)\b[^.!?\n]{0,20}\b(izin|onay|riza) (vermiyorum|vermiyoruz|gostermiyorum)\b|(?<![а-я])не (даю|даем) (согласия|согласие) на (обработку|рассылку|звонки|использование|получение)(?![а-я])/),
  s('unsubscribe', 4, 'asks them to abstain from contact (es/fr/pt/it)', /\b(abstenganse|abstengase|se abstengan|se abstenga|abstenerse|absteneos) de (contactar|llamar|escribir|enviar|mandar|molestar|comunicarse|volver a)\w*|\babstenez vous de (me |nous |m )?(contacter|appeler|ecrire|envoyer|solliciter|relancer)\b|\babstenham se de (me |nos )?(contactar|contatar|ligar|escrever|enviar|mandar)\b|\b(astenetevi|si astenga|astenersi) (dal|dallo|da) (contattar|chiamar|scriver|inviar|mandar)\w*/),
  s('unsubscribe', 4, 'a number or address that is not for advertising (multilingual)', /\bno (lo |la |me |mi numero |este numero )?(usen|use|utilicen|utilice|usar|utilizar|tengo|uso)( mi numero| este numero| mis datos)? (para|con fines de) (publicidad|promociones|marketing|ventas|fines comerciales|spam)\b|\b(fur|zu) (werbung|werbezwecke|werbezwecken|marketing|marketingzwecke)\b[^.!?\n]{0,20}\b(tabu|verboten)\b|\b(nummer|handynummer|telefonnummer|adresse|mailadresse|postfach|handy|telefon)\b[^.!?\n]{0,40}\bnicht (fur|zu) (werbung|werbezwecke|werbezwecken|marketing|marketingzwecke)\b|\b(jamais|pas) (donne )?(mon |notre )?(accord|consentement) pour (recevoir|etre)\b|\bnao (usem|use|utilizem|utilize|usar|utilizar)( (ele|isso|esse numero|este numero|meu numero|meus dados))? (pra|para) (propaganda|publicidade|marketing|vendas|promocoes|spam)\b|\bnon (usate|utilizzate|usare|utilizzare)\w*( (il mio numero|questo numero|i miei dati))? per (pubblicita|marketing|promozioni|scopi commerciali|fini commerciali)\b|لا (تستخدم|تستعمل)\S* ?(لل|في ال)?(اعلان|تسويق|دعاي)|\b(marketing|promotion|promotional|advertising|ads|prachar)( ke liye| ke lie)( use| istemal| istemaal)? (mat|na|nahi) (karo|karna|karein|kijiye|kare)\b|(?<![а-я])не (используите|используи)( мои| мою| мое)?( номер| почту| адрес| данные)? для (рекламы|рассылки|маркетинга)(?![а-я])/),
  s('unsubscribe', 2, 'a personal number (es/de/fr/pt/it/nl/ar)', /\b(numero|nummer|telefono|telefone|handy|handynummer|movil|celular|cellulare|telefoon) ((es|ist|est|e|sono) )?((strictement|strikt|estrictamente|solo|nur|uniquement|apenas|solamente|alleen) )?(personal|personale|personnel|persoonlijk|pessoal|privat|privado|privato|prive|particular)\b|\b(private|privat|prive|persoonlijk|pessoal|personnel|personale) (nummer|numero)\b|رقم (شخصي|خاص)/),
  s('unsubscribe', 4, 'brushes them off (fr/pt/de/es/it/tr)', /\b(lachez|lache) (moi|nous)\b|\boubliez (moi|nous)\b|\b(me|nos) (esquece|esquecam|esqueca)\b|\b(esquece|esquecam|esqueca) (me|nos)\b|\b(some|sumam|suma) (daqui|da minha vida|do meu (celular|zap|whatsapp))\b|\bme erra\b|\b(nehmt|nimm|nehmen sie) (mich|uns) (da |hier |bitte |dort )*(raus|heraus)\b|\b(vergessen sie|vergesst) (mich|uns)\b(?!( bitte| ja| doch)? nicht)|\b(olvidense|olvidate|olvidese|olvidaos) de (mi|nosotros)\b|\b(dejenme|dejame|dejeme) tranquil[oa]s?\b|\b(dimenticatevi|dimenticatemi|scordatevi) (di me|di noi)\b|\b(lasciatemi|lasciami|lasciateci) stare\b|\b(beni|bizi) rahat (birakin|birak)\b/),
];
