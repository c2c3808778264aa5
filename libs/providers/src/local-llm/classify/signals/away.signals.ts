import { MONTHS, s, type Signal } from './signal';

/** Automatic away replies (out of office, vacation, leave) and "not the right contact" replies, seven languages. */

// prettier-ignore
export const OUT_OF_OFFICE_SIGNALS: Signal[] = [
  // English
  s('out_of_office', 4, 'out of the office', /\bout of (the )?office\b/),
  s('out_of_office', 4, 'automatic reply', /\b(automatic reply|automated reply|auto ?reply|autoreply|auto response|automatic response|this is an automated|do not disturb)\b/),
  s('out_of_office', 4, 'on leave', /\b(on|taking|currently on|be on) (annual |parental |maternity |paternity |sick |medical |bereavement |study |family |extended |personal |holiday |vacation |adoption )?(leave|sabbatical|pto|holidays?|vacation|furlough)\b/),
  s('out_of_office', 4, 'on leave', /\b(maternity|paternity|parental|annual|sick|medical|bereavement) leave\b/),
  s('out_of_office', 4, 'away from the office', /\baway from (my |the )?(desk|office|email|e ?mail|computer|keyboard|work)\b/),
  s('out_of_office', 4, 'not reading email', /\b(will not|not|am not|be not) (be )?(checking|reading|monitoring|answering|responding to|accessing) (my )?(e ?mails?|emails?|messages|this inbox|my inbox|this mailbox)\b|\bnot monitoring (this|my) (inbox|email|mailbox)\b/),
  s('out_of_office', 3, 'limited email access', /\b(limited|no|intermittent|restricted|sporadic) (access to |access to my )?(email|e ?mail|internet|connectivity|emails)\b|\bwith limited access\b/),
  s('out_of_office', 3, 'currently away', /\b(i am|i will be) (currently )?(away|out|travell?ing|offline|off|unavailable|not available|at a conference|attending)\b(?! of (stock|budget))/),
  s('out_of_office', 3, 'away until', /\b(away|out|offline|travell?ing|unavailable|on the road) (until|till|through|thru|between|from \d|for the (week|day|holidays|rest of))\b/),
  s('out_of_office', 3, 'will be back', /\b(will|shall) be (back|returning|in the office|back in the office)\b|\b(returning|i return|i will return|back in (the )?office|back at my desk|back (on|tomorrow|monday|tuesday|wednesday|thursday|friday|next))\b/),
  s('out_of_office', 3, 'replies on return', /\b(respond|reply|get back to you|answer|attend to|read|see your message|look at)\b[^.\n]{0,40}\b(when|upon|as soon as|once|after) (i|i am) (return|am back|back|get back|get (where|to))/),
  s('out_of_office', 3, 'on my return', /\b(upon|on) my return\b|\b(in|during) my absence\b|\bwhile i am (away|out)\b/),
  s('out_of_office', 2, 'urgent matters elsewhere', /\b(for (urgent|immediate|pressing) (matters|inquiries|enquiries|requests|issues|questions)|if (this is|your (matter|request|message) is) urgent|if urgent)\b/),
  s('out_of_office', 2, 'thanks for your email (auto)', /^(hello,? |hi,? )?thank you for your (e ?mail|email|message|note)\b/),
  s('out_of_office', 3, 'office closed', /\b(public holiday|bank holiday|office (is |will be )?closed|offices are closed|closed for the holidays)\b/),
  // German
  s('out_of_office', 4, 'abwesend (de)', /\b(abwesend|abwesenheit|abwesenheitsnotiz|im urlaub|in urlaub|urlaubsbedingt|ausser haus|nicht im (buro|haus|office)|elternzeit|mutterschutz|krankheitsbedingt|automatische antwort|dienstreise|geschaftsreise)\b/),
  s('out_of_office', 3, 'wieder erreichbar (de)', /\b(wieder (erreichbar|im buro|da|zuruck|im hause|im office|verfugbar|am arbeitsplatz)|zuruck (am|ab)|ab dem [^.\n]{0,25}wieder|keinen zugriff auf (meine )?(e ?mails|emails|mails)|nach meiner ruckkehr)\b/),
  s('out_of_office', 2, 'in dringenden Faellen (de)', /\b(in dringenden fallen|bei dringenden (anliegen|fragen|angelegenheiten))\b/),
  s('out_of_office', 2, 'urlaub (de)', /\burlaub\b/),
  // French
  s('out_of_office', 4, 'absent (fr)', /\b(absente?|en conges?|en vacances|hors du bureau|reponse automatique|conge (maternite|parental|paternite|maladie)|je serai de retour|actuellement absente?|en arret maladie)\b/),
  s('out_of_office', 3, 'de retour (fr)', /\b(de retour (le|au|a|lundi|mardi|mercredi|jeudi|vendredi|des|a partir)|en deplacement|acces (limite|restreint) (a|aux) (mes )?(mails|emails|messagerie)|pendant mon absence|en mon absence|(a|des) mon retour)\b/),
  s('out_of_office', 2, 'en cas d urgence (fr)', /\b(en cas d urgence|pour toute urgence|pour les demandes urgentes)\b/),
  // Spanish
  s('out_of_office', 4, 'fuera de la oficina (es)', /\b(fuera de la oficina|de vacaciones|respuesta automatica|estare de (vuelta|regreso)|permiso de (maternidad|paternidad)|baja (por )?(maternidad|paternidad|medica)|fuera de oficina)\b/),
  s('out_of_office', 3, 'ausente (es)', /\b(ausente|volvere (el|a la oficina|a partir)|regreso (el|a la oficina)|me reincorporo|me reincorporare|sin acceso (al|a mi) correo|durante mi ausencia|a mi (regreso|vuelta))\b/),
  s('out_of_office', 2, 'en caso de urgencia (es)', /\b(en caso de urgencia|para (asuntos|temas) urgentes)\b/),
  // Portuguese
  s('out_of_office', 4, 'fora do escritorio (pt)', /\b(fora do escritorio|de ferias|resposta automatica|licenca (maternidade|paternidade|medica|parental)|estarei de volta|em licenca|de licenca)\b/),
  s('out_of_office', 3, 'ausente (pt)', /\b(ausente|ferias|retorno (em|no dia|dia|ao escritorio)|volto (em|no dia|dia|ao escritorio)|retornarei|voltarei|sem acesso (ao|a) (email|e mail)|durante minha ausencia|(no|ao) meu (retorno|regresso))\b/),
  s('out_of_office', 2, 'em caso de urgencia (pt)', /\b(em caso de urgencia|para assuntos urgentes)\b/),
  // Italian
  s('out_of_office', 4, 'fuori ufficio (it)', /\b(fuori (ufficio|sede)|in ferie|risposta automatica|congedo (di )?(maternita|paternita|parentale)|in maternita|saro di ritorno|non saro in ufficio|assente dall ufficio)\b/),
  s('out_of_office', 3, 'assente (it)', /\b(assente|ferie|rientrero|rientro (in ufficio|il|lunedi|martedi|mercoledi|giovedi|venerdi)|tornero (in ufficio|il)|accesso limitato (alla|alle) (posta|email|mail)|durante la mia assenza|al mio (rientro|ritorno))\b/),
  s('out_of_office', 2, 'per urgenze (it)', /\b(per urgenze|in caso di urgenza|per questioni urgenti)\b/),
  // Dutch
  s('out_of_office', 4, 'afwezig (nl)', /\b(afwezig|niet op kantoor|met vakantie|op vakantie|automatisch antwoord|zwangerschapsverlof|ouderschapsverlof|bevallingsverlof|met verlof|buiten kantoor)\b/),
  s('out_of_office', 3, 'weer terug (nl)', /\b((ben|weer|vanaf) (weer )?terug|weer aanwezig|weer bereikbaar|beperkt bereikbaar|vrij (tot|t m)|tijdens mijn afwezigheid|na mijn terugkeer|bij terugkomst)\b/),
  s('out_of_office', 2, 'dringende zaken (nl)', /\b(in dringende gevallen|voor dringende zaken|bij spoed)\b/),
];

const POINT_TO =
  '(talk|speak|reach out|contact|email|write|get in touch|connect|ping|ask|direct|address|send)';

// prettier-ignore
export const WRONG_PERSON_SIGNALS: Signal[] = [
  // English
  s('wrong_person', 4, 'no longer at the company', new RegExp(`\\b(no longer (with|at|works? (at|for|with|here)|employed|part of|in this role|in that role|working (at|for|with|here)|handles?|responsible|the right)|(left|departed) (the company|the firm|the business|the organi[sz]ation|the team|the group)|moved on from|left [a-z]+ (in (20\\d\\d|[a-z]+ 20\\d\\d|${MONTHS})|last (year|month|week|summer|spring|fall|autumn|winter)|a (few|couple of) (weeks|months)|earlier this (year|month)))`)),
  s('wrong_person', 4, 'not the right person', /\b(not|isnt|is not|are not|am not) the (right|best|correct|appropriate|relevant|proper|person you want|decision maker)( person| contact| one| point of contact| guy| fit|\b)|\bwrong (person|contact|number|guy|department|email|address|team|recipient|list|company|lead|account|firm)\b/),
  s('wrong_person', 4, 'no longer in the role', /\b(retired|passed away|deceased|changed roles|moved to another (role|team|company|department|position)|this (mailbox|inbox|address|email address|email) is (no longer|not) (monitored|active|in use|checked)|not an employee|shared inbox|(meant|intended) for (my colleague|a colleague|someone else|another|somebody else))\b/),
  s('wrong_person', 4, 'does not decide', /\b(i|we) (do not|dont|cannot) (make|handle|own|manage|oversee|deal with|decide on|sign off on) (the )?(purchasing |buying |final |any |those |these |such )?(decisions?|purchasing|procurement|buying|vendors?|tools|budget)\b/),
  s('wrong_person', 3, 'not their area', /\b(not (my|in my) (area|department|dept|team|job|responsibility|role|remit|wheelhouse|domain|call|decision|field|problem)|ask (hr|it|legal|procurement|purchasing|finance|marketing|sales|ops|my boss|my manager|our cto|our ceo)\b|(i|we) (do not|dont) (handle|manage|deal with|own|work on|oversee|look after|run) (this|that|these|purchasing|procurement|marketing|sales|vendor|tools))\b|\bmore (your|his|her|their) (area|thing|department|topic)\b/),
  s('wrong_person', 3, 'points to a colleague', new RegExp(`\\b(you should|you will want to|you would want to|you would need to|you will need to|you need to|you want to|better to|best to|please|try|you might want to|you may want to|suggest you|recommend you|i would suggest)( instead)? ${POINT_TO}( to| with)? (my colleague|our (head|director|vp|manager|cto|ceo|cfo|coo|team|procurement|purchasing|it|marketing|sales|ops|operations|finance|hr|owner|founder)|the (right|person|team|department|owner|head|relevant|appropriate)|[a-z]+ (at|in|from) |him|her|them)`)),
  s('wrong_person', 3, 'says who they want', /\byou (probably |likely |really |actually )?(want|need) (our|my|to talk to|to speak (to|with)|to reach|to contact|someone in|the)\b/),
  s('wrong_person', 2, 'handles something else', /\b(i|we) (only )?(handle|do|cover|run|manage|look after) [a-z ]{1,25}, not [a-z]+/),
  s('wrong_person', 3, 'points elsewhere', new RegExp(`(^|[.!?,]\\s*)(please |kindly |best |better )?((talk|speak|reach out|get in touch|connect) (to|with)|contact|email|write to|ping) (?!(me|us|my team|our team|me back|soon|later|again)\\b)([a-z0-9._%+-]+@[a-z0-9.-]+|[a-z]+( [a-z]+)?),? (about|regarding|on|re|instead|for this|for that|they|she|he|who|as)\\b|\\b${POINT_TO}( to| with)? [^.\\n]{1,40} instead\\b|\\b(the person|the one|who) you (want|need|should talk to|are looking for)\\b`)),
  s('wrong_person', 3, 'names who handles it', /\b(handles|is responsible for|is in charge of|takes care of|looks after|makes the decisions|is the decision maker|is your (person|contact|guy)|would be (the )?(right|best|better) (person|contact|fit)|is the (right|best|better) (person|contact)|(shes|hes|she is|he is|they are) (the|our|in charge|responsible)( (decision maker|right person|person|owner|buyer|one|contact|head|lead))?)\b|\bowns (this|that|the (decision|budget|relationship|tooling|process))\b/),
  s('wrong_person', 2, 'passes it on', /\b(forwarding|forwarded|passing|passed|ccing|cced|copying|looping in|looped in|redirecting|redirected|adding|added|handing|handed)( this| that| it| your (email|message|note|request)| you)?( on| along| over)?( to| in| on)?\b|\b(in cc|cc ing|cc d)\b/),
  s('wrong_person', 2, 'names the decision maker', /\b(who|she|he|they) (makes|make|takes|owns|signs off on) (these|the|those|such|purchasing|buying|final|all (the )?) ?(decisions?|calls)\b|\bpassed (your|this|the) (note|email|message|request|info)\b/),
  s('wrong_person', 3, 'forwards to a colleague', /\b(forwarding|forwarded|passing|passed|handing|handed|redirecting) (this |it |your (email|message|note) )?(on |along |over )?to (our|my) [a-z ]{0,25}\b(head|lead|manager|director|colleague|cto|ceo|cfo|coo|vp|boss|owner|founder)\b|\b(reenvio|reenviando|paso|lo paso|se lo paso|je transfere|je transmets|leite|encaminho|encaminhei|inoltro|giro|stuur) [^.!?\n]{0,20}\b(a mi|al|a la|a nuestro|a nuestra|a mon|a ma|au|a notre|an (meine|meinen|unsere|unseren)|para (o|a|meu|minha|nosso|nossa)|al mio|alla mia|a (un|una) collega|naar (mijn|onze))\b/),
  s('wrong_person', 4, 'is not the one who handles it', /\b(i am not|im not) the one (who|that) (handles|decides|manages|deals with|makes)\b|\bnon sono io (che|a) (mi occupo|gestisco|seguo|decido)|\bnon mi occupo (io )?di\b|\bce n est pas moi qui (gere|m occupe|decide|s occupe)\b|\bnao sou eu (quem|que) (cuida|decide|trata)\b|\bik ga (hier|daar) niet over\b|\bdas entscheide nicht ich\b/),
  s('wrong_person', 3, 'has a new number', /\bnew (#|number|phone|phone number|cell)(?![a-z])|\b(got|has|have) a new (number|phone)\b|\bthis is not [a-z]+s (number|phone|email)\b/),
  s('wrong_person', 2, 'just a role', /\b(i am|im) (just|only) (the|a|an) [a-z]+\b/),
  s('wrong_person', 3, 'does not answer sales', /\b(cannot|can not|do not|dont) (respond|reply) to (sales|vendor|marketing|unsolicited|commercial)\b|\b(direct|forward|send|address) (sales|your|this|all|such) [a-z ]{0,25}to (the )?(relevant|appropriate|right|correct|proper)\b/),
  // German
  s('wrong_person', 4, 'nicht mehr im Unternehmen (de)', /\b(nicht mehr (bei|im unternehmen|fur|in der firma|tatig|zustandig|beschaftigt)|(hat|habe|haben) (das unternehmen|die firma|uns) verlassen|ausgeschieden)\b/),
  s('wrong_person', 4, 'nicht zustaendig (de)', /\b(nicht (der|die) (richtige|zustandige)( ansprechpartner(in)?| person| kontakt)?|nicht zustandig|falsche? (person|nummer|adresse|ansprechpartner(in)?)|falsch verbunden)\b/),
  s('wrong_person', 3, 'verweist auf Kollegen (de)', /\b((wenden sie sich|wende dich|melden sie sich) (bitte )?(an|bei)|(ist|ware) (dafur |hierfur )?(zustandig|der richtige ansprechpartner|die richtige ansprechpartnerin)|leite(te)? (ihre|die|deine) (e ?mail|nachricht|anfrage) (an [^.\n]{0,30})?weiter|ansprechpartner(in)? (ist|ware|dafur)|(ist )?eher (dein|ihr|sein) thema)\b/),
  // French
  s('wrong_person', 4, 'a quitte la societe (fr)', /\b(ne (suis|travaille|fait) plus (chez|dans|au sein|a|partie)|a quitte (la societe|l entreprise|la boite|le groupe|[a-z]+)|n est plus (chez|dans|au sein|en poste|a))/),
  s('wrong_person', 4, 'pas la bonne personne (fr)', /\b(pas (la bonne personne|le bon interlocuteur|la bonne interlocutrice|le bon contact)|mauvaise? (personne|numero|interlocuteur|interlocutrice|contact|adresse))\b/),
  s('wrong_person', 3, 'renvoie vers un collegue (fr)', /\b((adressez vous|adresse toi|voyez|ecrivez|contactez|contacter) (plutot|a mon collegue|a ma collegue|avec)|(est|serait) (la personne|le bon interlocuteur|la bonne personne|plus a meme|en charge|responsable)|pas (de|dans) mon (ressort|perimetre)|je transmets (votre|ton|a))\b/),
  // Spanish
  s('wrong_person', 4, 'ya no trabaja alli (es)', /\b(ya no (trabajo|trabaja|estoy|esta|formo parte|forma parte)|(dejo|deje|ha dejado|he dejado) la empresa)\b/),
  s('wrong_person', 4, 'no es la persona (es)', /\bno soy (yo )?quien (decide|lleva|gestiona|se encarga|decido|llevo)\b|\b(no soy (yo )?(la persona|el contacto|quien) (adecuad[oa]|indicad[oa]|correct[oa]|responsable|lleva)|persona equivocada|numero equivocado|contacto equivocado)\b/),
  s('wrong_person', 3, 'remite a un colega (es)', /\b((hable|habla|hablen|contacte|contacta|contacten|escriba|escribe|dirijase|dirigete) (con|a) (mi companer[oa]|mi colega|nuestr[oa]|el responsable|la responsable|el encargado|la encargada)|(es|seria) (la persona|el responsable|la responsable|quien lleva|quien se encarga|el indicado|la indicada)|se encarga de|reenvio (tu|su) (correo|mensaje)|no me corresponde|no es mi area)\b/),
  s('wrong_person', 3, 'remite a alguien (es)', /\b(habla|hable|hablen|contacta|contacte|contacten|escribe|escriba|escriban|pregunta|pregunte) (con|a) (?!(mi|me|nosotros|nos|usted|ti|mas)\b)[a-z]+/),
  // Portuguese
  s('wrong_person', 4, 'nao trabalha mais (pt)', /\b(nao (trabalho|trabalha|estou|esta|faco parte|faz parte) mais|ja nao (trabalho|trabalha|faco parte|faz parte)|(deixei|saiu|sai|deixou) (da|a) empresa)\b/),
  s('wrong_person', 4, 'nao e a pessoa (pt)', /\b(nao sou (eu )?(a pessoa|o contato) (certa|indicada|correta|responsavel|certo)|(pessoa|numero|contato) errad[oa])\b/),
  s('wrong_person', 3, 'indica um colega (pt)', /\b((fale|falar|entre em contato|contate|contacte|procure|escreva) (com |para )?(o |a )?(meu colega|minha colega|nosso|nossa|responsavel|gerente|diretor|diretora)|sugiro que (contacte|contate|fale|entre em contato|procure)|(e|seria) (a pessoa|o responsavel|a responsavel|quem cuida)|quem cuida (disso|desse assunto)|encaminhei|vou encaminhar)\b/),
  s('wrong_person', 3, 'indica alguem (pt)', /\b(fale|fala|falar|contate|contacte|procure|procura|pergunte) (com )?(o|a) (?!(gente|senhor|senhora)\b)[a-z]+/),
  // Italian
  s('wrong_person', 4, 'non lavora piu (it)', /\b(non (lavoro|lavora|sono|e|faccio|fa) piu (in|presso|con|per|parte)|(ha|ho) lasciato (l azienda|la societa))\b/),
  s('wrong_person', 4, 'non e la persona (it)', /\b(non sono (io )?(la persona|il referente|la referente) (giusta|corretta|indicata|di riferimento|giusto)|(persona|numero|contatto) sbagliat[oa])\b/),
  s('wrong_person', 3, 'rimanda a un collega (it)', /\b((contatti|contattate|scriva|scrivete|rivolgersi|si rivolga|rivolgetevi|senta) (a |al |alla |con )?(il mio collega|la mia collega|mio collega|mia collega|il responsabile|la responsabile|il nostro|la nostra)|(e|sarebbe) (la persona giusta|il referente|la referente|il responsabile|la responsabile)|si occupa (di|lui|lei)|(che|chi) segue (il|la|lo|questo|questa|questi)|(inoltro|giro|passo) (a|al|alla|la|il) )/),
  s('wrong_person', 2, 'rimanda a qualcuno (it)', /\b(senta|sentite|contatti|contattate|chieda|chiedete) (a |al |alla |con )?(?!(me|noi|mi|pure)\b)[a-z]+ (del|della|dell|in|che)\b/),
  // Dutch
  s('wrong_person', 4, 'werkt hier niet meer (nl)', /\b((werk|werkt) (hier )?niet meer\b|(heeft|heb) het bedrijf verlaten|niet meer in dienst|niet meer werkzaam)\b/),
  s('wrong_person', 4, 'niet de juiste persoon (nl)', /\b(niet de (juiste|aangewezen|goede) (persoon|contactpersoon)|verkeerde? (persoon|nummer|contactpersoon))\b/),
  s('wrong_person', 3, 'verwijst naar collega (nl)', /\b((neem contact op met|wend u tot|mail naar|bel met|spreek met) (mijn collega|onze|de)|(is|zou) (de juiste persoon|het aanspreekpunt|verantwoordelijk)|gaat hierover|beslist over|stuur (je|uw) (mail|bericht) door|stuur (dit|het|je bericht|uw bericht|je mail|uw mail) door)\b|\b(probeer|contacteer|vraag) (het eens bij |eens |het bij )?(?!(me|mij|ons|het)\b)[a-z]+ (van|bij|op)\b/),
];
