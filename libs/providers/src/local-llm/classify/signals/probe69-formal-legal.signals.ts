import { s, WEEKDAYS, type Signal } from './signal';

/**
 * Formal and legal replies in German, Spanish, French, Italian, Dutch and Portuguese (probe 69): the register of
 * companies, lawyers, public offices and older customers.
 * Opt-outs:
 * - an objection to marketing in the first person ("ich lege hiermit Widerspruch gegen … zu Werbezwecken ein",
 *   "comunico mi oposición a recibir comunicaciones comerciales", "mi oppongo all'uso del mio indirizzo per …
 *   pubblicità"), and consent refused for it ("ich bin nicht damit einverstanden, dass Sie mich zu Werbezwecken
 *   kontaktieren", "non acconsento a essere contattato per fini commerciali");
 * - a demand to cease ("die Zusendung weiterer Werbe-E-Mails zu unterlassen", "Cesen inmediatamente", "Interrompete
 *   subito gli invii", "Vi diffido dal proseguire negli invii", "Cessem de imediato");
 * - the right to object or to erasure exercised ("ik maak gebruik van mijn recht op bezwaar", "ejerzo mi derecho de
 *   supresión"), a complaint to the data-protection authority threatened ("apresento queixa à CNPD", "je
 *   transmettrai votre message à la CNIL"), not the footer's "you may lodge a complaint with …";
 * - a request to abstain from writing, or no wish for correspondence ("Le agradecería que se abstuviera de
 *   escribirme", "Ik wens geen correspondentie"), and "this address is not meant for commercial offers".
 * Look-alikes kept out:
 * - a colleague who left, removed with an Italian or Spanish clitic ("rimuoverlo dalle vostre liste",
 *   "elimínenla de su lista"): someone else's removal, wrong_person; more formal ways to say the person left ("ya
 *   no presta servicios en esta empresa", "n'exerce plus au sein du cabinet", "is niet langer verbonden aan",
 *   "deixou de colaborar com a nossa empresa");
 * - an unsubscribe by mistake being undone ("Ich habe versehentlich auf Abmelden geklickt"): no opt-out (the
 *   data labels the wish to keep receiving a list neutral, so no label is pushed);
 * - consent given ("hiermit willige ich ein", "acconsento a ricevere", "dou o meu consentimento"): interested;
 * - an access request under Art. 15 (the data held, where it came from): a question;
 * - a new address of the writer's own to update ("aggiornare il mio indirizzo email in …"): neutral;
 * - Dutch "het op prijs stellen" (to appreciate) is no price question;
 * - a public office closed until a date, with its reopening: out_of_office; a video call to plan: a meeting.
 * Patterns read the normalised text (lowercase, no accents, apostrophes and hyphens as spaces).
 */

/** Marketing as a purpose or a kind of message (not the newsletter the writer may want to keep). */
const MARKETING =
  '(werbung|werbe\\w*|direktwerbung|marketing\\w*|reklame|publicidad|publicitari\\w*|mercadotecnia|pubblicit\\w*|promozional\\w*|publicidade|prospection|demarchage|publicitaires?|reclame\\w*|telemarketing|akquise|(fines|fins|fini|finalita|scopi|doeleinden|fin|uso|usage|utilisation) (commerciales?|commerciali|commerciale|comerciales|comerciais|commerciele|commerciels?)|(comunicaciones|comunicazioni|comunicacoes|communications|mensajes|messaggi|mensagens|correos|e ?mails|courriels|offres?|ofertas?|propuestas?|propostas?|proposte|offerte|sollicitations|envios|invii|envois|aanbiedingen|berichten|contactos|contatti) (commerciales?|commerciali|comerciales|comerciais|commerciele|promocionales|promocionais))';

/** A clause that narrows or reverses what came before ("…, but keep the newsletter", "sin dejar de …"). */
const NO_TURN =
  '(?:(?!\\b(pero|aber|mais|ma|mas|maar|sin|ohne|sans|senza|sem|zonder|but|except|excepto|salvo|tranne|sauf|behalve|ausser)\\b)[^.!?;\\n])';

/** The writer objecting, in the first person. */
const OBJECT_FIRST =
  '(ich widerspreche|widerspreche ich|wir widersprechen|widersprechen wir|(ich|wir) (lege|legen|erhebe|erheben) (hiermit |hierdurch |hiergegen )?(ausdrucklich |formlich )?widerspruch|(lege|erhebe|legen|erheben) (ich|wir) (hiermit |hierdurch )?(ausdrucklich |formlich )?widerspruch|me opongo|nos oponemos|(mi|nuestra) oposicion|mi oppongo|ci opponiamo|(la )?(mia|nostra) opposizione|oponho me|opomo nos|me oponho|nos opomos|(a )?(minha|nossa) oposicao|je m oppose|nous nous opposons|(mon|notre) opposition|(ik|wij|we) (maak|maken) (hierbij |bij dezen |hiermee )?bezwaar|(maak ik|maken wij|maken we) (hierbij |bij dezen )?bezwaar)';

/** Consent refused, in the first person. */
const NO_CONSENT =
  '(nicht (damit |dazu )?einverstanden|willige (ich )?nicht ein|no consiento|no consentimos|no autorizo|no autorizamos|no doy (mi )?consentimiento|non acconsento|non acconsentiamo|non autorizzo|non autorizziamo|non do il (mio )?consenso|je ne consens pas|nous ne consentons pas|je n autorise pas|nous n autorisons pas|(ik )?stem (er )?niet mee in|(wij |we )?stemmen (er )?niet mee in|ik geef geen toestemming|(wij|we) geven geen toestemming|nao consinto|nao autorizo|nao autorizamos|nao dou (o meu )?consentimento)';

/** Being contacted: what consent is refused for, besides marketing ("dass Sie mich … kontaktieren", "essere contattato"). */
const CONTACTED =
  '(kontaktier\\w*|anzuschreiben|anschreib\\w*|contact\\w*|contat\\w*|demarch\\w*|benader\\w*|sollicit\\w*)';
const CONTACT_ME = `((mich|uns|me|nos|mi|ci|moi|nous|mij|ons|m)\\b( [a-z]+){0,3} ${CONTACTED}|(essere|etre|ser|worden|werden) ${CONTACTED})`;

/** Messages sent, as a thing to cease. */
const SENDINGS =
  '(envios|invii|envois|comunicaciones|comunicazioni|comunicacoes|communications|toezendingen|zendingen|e ?mails|correos|mensajes|messaggi|mensagens|courriels|berichten|contactos|contatti|contacts|llamadas|chiamate|chamadas|appels)';

/** Data-protection authorities (not a company's own data-protection officer). */
const AUTHORITY =
  '(cnpd|anpd|cnil|aepd|agencia (espanola )?de proteccion de datos|garante( per la protezione dei dati( personali)?| della privacy| privacy)?|autoriteit persoonsgegevens|(bij|aan) de ap|datenschutzbehorde|datenschutzaufsicht\\w*|aufsichtsbehorde|(landes|bundes)beauftragte\\w*( fur (den )?datenschutz)?|gegevensbeschermingsautoriteit|ico)';

/** The writer acting on it, in the first person, present or future. */
const WILL_ACT =
  '(apresento|apresentarei|vou (fazer|apresentar|queixar me|denunciar|reclamar|participar)|queixar me ei|queixo me|recorrerei|recorro|presento|presentare|presentaremos|pondre|pondremos|acudire|acudo|recurrire|denunciare|denunciaremos|reclamare|porterai|transmettrai|transmets|saisis|saisirai|saisirons|signalerai|adresserai|informerai|presentero|mi rivolgo|mi rivolgero|ricorrero|segnalero|inoltrero|trasmettero|informero|dien|dienen|stap|stappen|meld|melden|reiche|reichen|erhebe|wende|werde|leite|informiere|melde|schalte|zal|ga)';

/** A footer's statement of rights ("you may lodge a complaint with …", "tiene derecho a …"), not a threat. */
const NOT_A_RIGHT =
  '(?<!\\b(recht|rechte|droit|droits|derecho|derechos|diritto|diritti|direito|direitos|puede|pueden|podra|pode|podem|podera|peut|pouvez|kann|konnen|kunt|kan|puo|potete|possono|may|can|right)\\b[^.!?\\n]{0,60})';

/** The writer exercising a right. */
const EXERCISE =
  '(ejerzo|ejercemos|exerco|exercemos|j exerce|nous exercons|esercito|esercitiamo|mache|machen|maak|maken|berufe (ich )?mich|beroep (ik )?me|invoco|invoquons|j invoque|hago uso|faco uso|fais usage|faccio uso)';
/** The right to object or to erasure (not the right of access). */
const RIGHT_TO_STOP =
  '(derechos? (de|a la) (oposicion|supresion|cancelacion|olvido|borrado)|direitos? (de|a|ao) (oposicao|apagamento|esquecimento|eliminacao)|droits? (d opposition|a l effacement|a l oubli|d effacement)|diritt[oi] (di|all|alla) (opposizione|cancellazione|oblio)|widerspruchsrecht\\w*|recht(s)? auf (loschung|vergessenwerden|widerspruch)|recht (op|van) (bezwaar|vergetelheid|verwijdering|gegevenswissing|wissing))';

/** A contact who has left, said before their removal is asked for (es/it/pt). */
const LEFT_BEFORE =
  '(?<=\\b(ya no trabaja|ya no presta|ya no esta (con nosotros|en la empresa|en esta empresa|aqui)|causo baja|dejo la empresa|se jubilo|jubilad[oa]|fallecio|ha fallecido|non lavora piu|non e piu (con noi|qui|in azienda|in organico|presso|tra noi|dei nostri)|non fa piu parte|ha lasciato|in pensione|e mancat[oa]|e decedut[oa]|ja nao trabalha|deixou de (colaborar|trabalhar)|saiu da empresa|reformou se|faleceu|ja nao exerce|ya no ejerce|non esercita piu)\\b[^]{0,250})';

/** Undoing: by mistake. */
export const BY_MISTAKE =
  '(versehentlich|aus versehen|irrtumlich|por error|por equivocacion|sin querer|par erreur|par megarde|per sbaglio|per errore|por engano|sem querer|per ongeluk|per abuis|by mistake|by accident|accidentally)';
const UNSUBSCRIBED =
  '(abgemeldet|auf abmelden geklickt|auf abmelden|ausgetragen|me di de baja|me he dado de baja|di de baja|desuscrib\\w*|desinscrit\\w*|desabonne\\w*|disiscritt\\w*|afgemeld|uitgeschreven|cancelei (a )?(subscricao|inscricao)|descadastr\\w*|unsubscribed|opted out)';

/** A negation shortly before (own check: "no quiero seguir recibiendo", "je ne veux pas continuer à recevoir"). */
const NOT_BEFORE =
  '(?<!\\b(no|non|nao|niet|nicht|ne|pas|kein|keine|geen|nie|never|not|nunca|jamais|mai|nooit)\\b[^.!?\\n]{0,25})';

// prettier-ignore
export const PROBE69_FORMAL_GUARDS: Signal[] = [
  s('wrong_person', 1, 'removal asked for a contact who left (es/it clitic)', new RegExp(`${LEFT_BEFORE}\\b((eliminen|elimine|quiten|quite|borren|borre|saquen|saque|retiren|retire|excluyan|excluya|supriman|eliminar|quitar|borrar|sacar|retirar|excluir)(lo|la|los|las)|(rimuover|cancellar|toglier|eliminar|depennar|escluder|rimuovete|cancellate|togliete|eliminate|depennate|escludete)(lo|la|li|le))\\b[^.!?\\n]{0,40}`)),
  s('neutral', 0, 'an unsubscribe by mistake', new RegExp(`\\b${BY_MISTAKE}\\b[^.!?\\n]{0,40}\\b${UNSUBSCRIBED}|\\b${UNSUBSCRIBED}\\b[^.!?\\n]{0,20}\\b${BY_MISTAKE}\\b`)),
  s('neutral', 1, 'updates their own address', /\b(aggiornare|aggiornate|aggiorni|actualicen|actualizar|actualice|atualizem|atualizar|atualize|mettre a jour|mettez a jour|wijzigen|wijzig|aanpassen|andern|aktualisieren|update)\b( [a-z]+){0,2} (mi|il mio|o meu|mon|mijn|meine|my) (indirizzo|direccion|correo|endereco|adresse|e ?mailadres|mailadres|adres|email|e mail)( (email|e mail|de correo|electronico|electronique|de email))?( (in|a|para|en|naar|auf|to|con|por))?\b/),
  s('neutral', 0, 'appreciates (nl op prijs stellen)', /\b(zou|zouden|stel|stellen|stelt) (het |dat )?(zeer |erg |bijzonder )?op prijs( stellen)?\b/),
];

// prettier-ignore
export const PROBE69_FORMAL_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'objects to marketing, first person (de/es/fr/it/nl/pt)', new RegExp(`\\b${OBJECT_FIRST}\\b${NO_TURN}{0,90}\\b${MARKETING}\\b`)),
  s('unsubscribe', 4, 'refuses consent to marketing contact (de/es/fr/it/nl/pt)', new RegExp(`\\b${NO_CONSENT}\\b${NO_TURN}{0,90}\\b(${MARKETING}|${CONTACT_ME})`)),
  s('unsubscribe', 4, 'demands that the sendings cease (de/es/fr/it/nl/pt)', new RegExp(`\\b(zusendung\\w*|ubersendung\\w*|versand|werbung|werbe ?e ?mails?|werbemails?|kontaktaufnahme\\w*|anschreiben|anrufe|e ?mails|nachrichten)\\b[^.!?\\n]{0,50}\\b(zu unterlassen|unterlassen sie)\\b|\\bunterlassungs(erklarung|anspruch|aufforderung)\\b|${NOT_BEFORE}\\b(cesen|cesar|cese|cessem|cessar|cessate|cessino|cessare|interrompete|interrompano|interrompere|sospendete|sospendere|cessez|cesser|staak|staakt|staken|einstellen)\\b( [a-z]+){0,3} ${SENDINGS}\\b|\\b(cesen|cessem|cessate|interrompete|cessez)\\b (de inmediato|inmediatamente|de imediato|imediatamente|immediatamente|subito|immediatement|ya|ja)\\b|\\b(diffido|diffidiamo|vi diffido|diffidarvi)\\b[^.!?\\n]{0,30}\\b(proseguire|continuare|inviare|invii|contattare|utilizzare)`), 'temporal'),
  s('unsubscribe', 4, 'exercises the right to object or to erasure', new RegExp(`\\b${EXERCISE}\\b[^.!?\\n]{0,40}\\b${RIGHT_TO_STOP}`)),
  s('unsubscribe', 4, 'threatens a complaint to the data-protection authority', new RegExp(`${NOT_A_RIGHT}\\b${WILL_ACT}\\b[^.!?\\n]{0,60}\\b${AUTHORITY}\\b`)),
  s('unsubscribe', 4, 'asks them to abstain from writing (es/it/fr/pt)', /\b(abstuviera|abstuvieran|abstenga|abstengan|abstenganse|abstengase|abstenerse|astenersi|astenervi|astenga|astengano|vous abstenir|abstenez vous|abster se|se abstenha|se abstenham|se abstivesse|se abstivessem|abstenham se)\b( [a-z]+){0,3}? (de |dal |dallo |dalla |dai |d |da )?(escribirme|contactarme|llamarme|enviarme|escribirnos|contactarnos|scrivermi|contattarmi|chiamarmi|inviarmi|scriverci|contattarci|m ecrire|me contacter|m appeler|m envoyer|me escrever|me contactar|me contatar|me ligar|me enviar|escrever me|contactar me|(mas |ulteriori |nuevos |novos |futuros |futuri |tout |todo |cualquier |qualquer )?(envios|invii|envois|contactos|contatti|contacto|contatto|comunicaciones|comunicazioni|comunicacoes|contact|envoi))\b/),
  s('unsubscribe', 4, 'wishes no correspondence with them', /\b(no|non|ne|nao)\b[^.!?\n]{0,25}\b(deseo|desejo|desidero|intendo|souhaite|quiero|quero|voglio|veux)\b (mantener|manter|intrattenere|entretenir|tener|ter|avere|avoir)( (ninguna|nenhuma|alcuna|aucune|qualquer|mas|mais|ulteriore|plus de))? (correspondencia|corrispondenza|correspondance)\b|\b(wens|wensen|wunsche|wunschen|mochte|mochten)\b (geen|keine|keinerlei)( verdere| weitere)? (correspondentie|korrespondenz)\b/),
  s('unsubscribe', 4, 'this address is not meant for commercial offers', new RegExp(`\\b(dit|dieses|diese|este|esta|questo|questa|cet|cette)( [a-z]+){0,2} (adres|e ?mailadres|mailadres|adresse|e ?mail ?adresse|direccion|endereco|indirizzo|postfach|buzon|caixa|casella)\\b[^.!?\\n]{0,100}\\b(niet bedoeld voor|nicht (fur|bestimmt fur|gedacht fur)|no (esta|es) (destinad[ao]|pensad[ao]) (a|para)|nao se destina a|nao (e|esta) destinad[oa] a|non e destinat[oa] a|non puo ricevere|n est pas destinee? (a|aux)|ne (peut|doit) pas recevoir|no (puede|debe) recibir)\\b[^.!?\\n]{0,40}\\b(${MARKETING}|aanbieding\\w*|angebot\\w*|offert\\w*|ofertas?|offres?|propostas?|propuestas?|proposte|sollicitations?)`)),
  s('unsubscribe', 4, 'would rather not be written to again (nl)', /\b(als|indien|wanneer|dat) (u|jullie) (mij|ons) (voortaan |in het vervolg |in de toekomst |vanaf nu )?(niet meer|niet langer|geen [a-z]+ meer) (aanschrijft|aanschrijven|mailt|mailen|belt|bellen|benadert|benaderen|contacteert|contacteren|stuurt|sturen|lastigvalt|lastig valt)\b/, 'temporal'),
];

// prettier-ignore
export const PROBE69_FORMAL_SIGNALS: Signal[] = [
  s('wrong_person', 4, 'the contact left, formally worded (es/fr/nl/de/pt/it)', /\bya no (presta|presto) (sus |mis )?servicios (en|para|con) (esta|este|la|el|nuestra|nuestro)\b|\bcauso baja (en|de) (la|esta|nuestra) (empresa|compania|sociedad|entidad|organizacion)\b|\bn exerce plus (au sein|dans|a|au|chez|en)\b|\bn (est|fait) plus partie (du personnel|de l equipe|de nos effectifs|de la societe|du cabinet)\b|\b(is |zijn )?niet langer (verbonden aan|werkzaam (bij|voor|in)|in dienst)\b|\b(is |zijn )?uit dienst (getreden|gegaan)\b|\bnicht mehr (in|bei|fur) (unserer|unserem|unserer) [a-z]+ tatig\b|\bdeixou de (colaborar|trabalhar) (connosco|conosco|com a nossa|com o nosso|na nossa|no nosso|aqui|com a empresa|nesta|neste)\b|\bja nao exerce (nesta|neste|na|no|aqui|em)\b|\b(non esercita|non collabora) piu (presso|con|nel|nella|in)\b|\bya no ejerce (en|aqui)\b/),
  s('interested', 3, 'gives consent to be sent information', new RegExp(`${NOT_BEFORE}(\\b(ich )?willige (ich )?(hiermit )?(ausdrucklich )?ein\\b|\\berteile (ich )?(hiermit )?(ausdrucklich )?(meine )?einwilligung\\b|\\bmeine einwilligung [a-z ]{0,40}erteile ich\\b|\\b(doy|otorgo|presto) (expresamente )?(mi )?consentimiento\\b|\\bautorizo (expresamente )?(el envio|que me (envien|manden|contacten|escriban))\\b|\\bacepto recibir\\b|\\bj accepte (de recevoir|que vous m)|\\bje donne (expressement )?mon (accord|consentement)\\b|\\bvous avez mon (accord|consentement)\\b|\\bj autorise (expressement )?(l envoi|que vous)|\\bacconsento (a|al|all|alla) (ricevere|invio|essere contattat[oa]|trattamento)\\b|\\b(do|presto) (espressamente )?il (mio )?consenso\\b|\\bautorizzo (espressamente )?l invio\\b|\\bik geef (hierbij )?(uitdrukkelijk |hierbij )?(mijn )?(toestemming|akkoord)\\b|\\b(dou|presto) (expressamente )?(o meu |a minha )?(consentimento|autorizacao)\\b|\\bautorizo (expressamente )?o envio\\b)`)),
  s('question', 3, 'an access request under Art. 15', /\b(art|artikel|article|articulo|articolo|artigo)\.? ?15\S*( (du|del|de la|van de|do|des|der|dell))? ?(dsgvo|rgpd|gdpr|avg|lgpd|regolamento|reglement|reglamento|regulamento)\b|\b(que )?vous detenez (sur moi|me concernant|a mon sujet)\b|\bdonnees personnelles me concernant que vous\b|\bwelke persoonsgegevens (u|jullie) (van|over) (mij|ons) (verwerkt|verwerken|heeft|hebben|bewaart|bewaren)\b|\bque dados pessoais (meus )?(tratam|tem|possuem|detem|guardam)\b|\bquali dati personali( che mi riguardano)? (sono in vostro possesso|trattate|conservate|detenete)\b/),
  s('out_of_office', 3, 'a public office or service closed for a while', /\b(oficinas?|bureaux?|services|servicios|servicos|uffici\w*|ufficio|kantoor\w*|gemeentekantoor|gemeentehuis|loket\w*|amt|behorde|mairie|ayuntamiento|camara municipal|comune|secretaria|secretariat|sportello)\b[^.!?\n]{0,60}\b(permaneceran|permanecen|permaneceram|estaran|estarao|resteranno|rimarranno|restent|resteront|seront|sont|sind|bleiben|blijft|blijven|is|zijn|estan|sono|estao|ist)\b (cerrad[oa]s?|fermes?|chius[oiea]|encerrad[oa]s?|fechad[oa]s?|geschlossen|gesloten)\b/),
  s('out_of_office', 3, 'reopens on a date', new RegExp(`\\b(reouverture|riapertura|reabertura|reapertura|heropening|wiedereroffnung)\\b[^.!?\\n]{0,20}\\b(\\d{1,2}|${WEEKDAYS})\\b`)),
  s('meeting_request', 3, 'plans a (video) call (nl)', /\b(videogesprek|videocall|video call|videomeeting|teamsgesprek|teams meeting|belafspraak|kennismakingsgesprek|gesprek|afspraak|meeting|demo)\b( [a-z]+){0,2} (in ?plannen|inplannen|inroosteren)\b/),
];
