import { s, type Signal } from './signal';

/** Positive interest and plain refusals, seven languages. Negated interest is guarded first. */

// prettier-ignore
export const REFUSAL_GUARDS: Signal[] = [
  s('question', 2, 'wants to know how they were found', /\binterested (in|to) (know|knowing|hear|hearing|learn|learning|find out|understand|understanding) (who|how|where|why|what)\b/, 'guard'),
  s('not_interested', 4, 'says not interested', /\b(not|no longer|never|isnt|is not|are not|was not|not really|not very|not at all|not currently|not even remotely|not overly) (really |very |at all |currently |remotely |that |particularly )?(interested|interesting|keen)\b/, 'guard'),
  s('not_interested', 4, 'says not interested', /\b(nicht|kein|keinerlei|nicht mehr|nicht wirklich) (mehr )?interess\w*|\bno (me|nos|le) interesa\w*|\b(pas|plus|guere) interess\w*|\bne (m|nous|me) interesse (pas|plus|guere)|\bnao (tenho|temos|estou|estamos|ha)( mais)? interess\w*|\bnon (mi|ci|m) interessa\w*|\bnon (sono|siamo) (piu )?interessat\w*|\bniet (geinteresseerd|interessant)|\b(geen|sin|aucun|nessun|sem|kein|ningun) (interesse|interes|interet)\b/, 'guard'),
];

const MATERIAL =
  '(info|information|details|deck|pitch deck|one pager|pricing|price list|prices|brochure|materials?|case stud(y|ies)|proposal|quote|overview|documentation|docs|specs|whitepaper|examples?|presentation|what you have|whatever you have|what you have got|what you got|it over|it through|it along|them over|over (the|some|more))';

// prettier-ignore
export const INTEREST_SIGNALS: Signal[] = [
  // English
  s('interested', 3, 'says interested', /\b(interested|intrigued)\b/, 'negatable'),
  s('interested', 3, 'good timing', /\b(great|perfect|good|excellent|impeccable|amazing) timing\b/, 'negatable'),
  s('interested', 3, 'sounds good', /\b(sounds|looks|seems|sound|look) (really |very |pretty |super |quite )?(good|great|interesting|promising|cool|awesome|amazing|useful|perfect|nice|intriguing|like a (good )?fit|relevant|helpful|exciting|valuable)\b/, 'negatable'),
  s('interested', 3, 'could work for them', /\b(could|might|would|should|can) (really |definitely )?(work|be useful|help) (for|with) (us|me|our|my)\b|\b(this|that|it) (could|might|would) (really )?(help|work)\b/, 'negatable'),
  s('interested', 3, 'asks to hear more', /\b(tell me more|learn more|hear more|know more|find out more|more info|more information|more details|further details|further information)\b/, 'negatable'),
  s('interested', 3, 'asks for material', new RegExp(`\\bsend (me |us |over |through |along )?(some |more |the |a |an |your |any |that |over )?${MATERIAL}\\b`), 'negatable'),
  s('interested', 2, 'asks whether there is material', /\b(do you have|can you send|could you send|can i get|could i get|can you share|could you share|is there) (a |an |the |some |any )?(one pager|deck|brochure|case stud(y|ies)|overview|demo video|video|trial|sample|pricing sheet)\b/),
  s('interested', 3, 'would love to try', /\b(would|i would|we would) (love|like|be happy|be glad) to (learn|hear|see|try|know|explore|give it a|test|check it out|find out|get started|start|discuss)\b/, 'negatable'),
  s('interested', 3, 'wants to go ahead', /\b(lets|let us) (do it|do this|give it a (try|shot|go)|try it|go ahead|proceed|move forward|get started|go for it)\b|\b(count (me|us) in|sign (me|us) up|i am in|we are in)\b|\b(whats|what are) (the )?next( steps?)?\b/),
  s('interested', 3, 'wants to try', /\b(we|i) (would|want to|wish to|need to|are ready to|am ready to) (like to )?(try|test|pilot|start|sign up|buy|purchase|get started|move forward|onboard)\b/, 'negatable'),
  s('interested', 3, 'wants it', /(^[^a-z]*|\b(we|i) )(really |definitely |absolutely |totally |so )?(need|want) (this|that|it|something like this)\b/),
  s('interested', 3, 'plans to buy', /\b(definitely|going to|planning to|plan to|will be|ready to) (buy|buying|purchase|purchasing|sign|signing|switch|switching|migrate|migrating)\b|\bon (the|our) short ?list\b|\b(we|a gente|nos) (want|quer|queremos|wollen|willen|vogliamo|queremos|voulons) (to )?(migrate|switch|move|migrar|mudar|wechseln|overstappen|migrare|cambiar|changer)\b/),
  s('interested', 3, 'says yes', /^[^a-z]*(yes|sure|absolutely|definitely|of course|certainly)\b[ ,.!]*(please|we (are|would|do|want)|i (am|would|do|want)|sounds|that sounds|go ahead|send|tell|lets)|\byes please\b/),
  s('interested', 3, 'what they need', /\b(this is|thats|that is|sounds like) (exactly |just )?what (we|i) (need|needed|are looking for|have been looking for|want)\b|\b(we|i) (have been|are|am) looking for (something like this|a solution like|exactly this|this)\b/),
  s('interested', 3, 'asks how to start', /\b(how|where) (do|can|could) (i|we) (sign up|get started|start|buy|try it|try|subscribe|onboard|get access)\b/),
  s('interested', 2, 'open to it', /\b(open to (it|this|learning|exploring|hearing|a conversation|chatting|that)|(could|might|may) be (a (good |great )?fit|useful|interesting|helpful|relevant|worth)|worth (a look|exploring|a try|considering|a conversation)|curious (to|about)|keen to|eager to|excited to|happy to (learn|hear|look|take a look|review))\b/, 'negatable'),
  s('interested', 2, 'asks about a trial', /\b(free trial|trial|pilot|proof of concept|poc|sandbox)\b/),
  s('interested', 1, 'positive words', /\b(great|awesome|perfect|excellent|fantastic|love (this|it|the idea)|nice|cool)\b|🔥|🙌|🚀|😍/),
  s('interested', -3, 'hedges', /\b(just|only) (want|wanted|looking|trying) to (compare|understand|check|know|see)\b|\bnot promising (anything|much)\b|\bno promises\b|\bnot committing\b|\bno commitment\b|\bjust (curious|browsing|asking)\b/),
  // Spanish
  s('interested', 3, 'dice que le interesa (es)', /\b(me|nos) interesa\w*|\binteresad[oa]s?\b|\bsuena (muy )?(bien|interesante|genial)\b|\b(cuentame|cuentenme|cuenteme|contadme) mas\b/, 'negatable'),
  s('interested', 3, 'pide informacion (es)', /\b(envi|mand)\w* (me|nos)? ?(mas )?(informacion|info|detalles|la propuesta|precios|tarifas|el dossier|la presentacion|una propuesta|un presupuesto|presupuesto)|\bme gustaria (saber|conocer|probar|ver|recibir) (mas|lo|la|informacion)|\b(quiero|queremos) (probar|empezar|contratar|saber mas)\b/),
  // French
  s('interested', 3, 'se dit interesse (fr)', /\binteresse(e|s|es)?\b|\b(ca|cela) (m|nous) interesse\b|\b(ca|cela) (a l air|semble|parait) (interessant|pertinent|bien|top|prometteur)\b/, 'negatable'),
  s('interested', 3, 'demande des informations (fr)', /\b(envoyez|envoie|envoyer|faites parvenir|transmettez)( moi| nous)? (plus d |davantage d |des |la |les |une |votre |vos |un )?(informations|infos|info|details|documentation|brochure|plaquette|presentation|tarifs|proposition|devis)\b|\b(j aimerais|je voudrais|nous aimerions|je souhaite|nous souhaitons) (en savoir plus|essayer|tester|en apprendre|decouvrir|un devis|recevoir)\b/),
  s('interested', 3, 'pourrait interesser (fr)', /\b(pourrait|pourraient|devrait|pourrait bien) (nous|m|me|vous) interesser\b/),
  s('interested', 2, 'demande une plaquette (fr)', /\b(une|la|votre|des) (plaquette|brochure|documentation|presentation|demo|grille tarifaire)\b/),
  s('interested', 2, 'volontiers (fr)', /\b(volontiers|avec plaisir|allons y)\b/),
  // German
  s('interested', 3, 'ist interessiert (de)', /\binteressiert\b|\b(klingt|hort sich|sieht|liest sich) (sehr |wirklich )?(gut|interessant|spannend|vielversprechend|super)( an)?\b/, 'negatable'),
  s('interested', 3, 'bittet um Unterlagen (de)', /\b(schicken|senden|ubermitteln|schick|sende)( sie)?( mir| uns)? (gerne |bitte )?(mehr |weitere |nahere )?(infos|informationen|unterlagen|details|preise|ein angebot|eine prasentation|material)\b|\b(gerne|gern) (mehr (erfahren|dazu|informationen)|testen|ausprobieren|weitere informationen|ein angebot)\b|\b(mochte|wurde|mochten|wurden) (gerne |gern )?(mehr (erfahren|wissen)|testen|ausprobieren|ein angebot)\b/),
  s('interested', 2, 'interessant (de/nl/it)', /\b(interessant|interessante|spannend)\b/, 'negatable'),
  // Portuguese
  s('interested', 3, 'tem interesse (pt)', /\b(tenho|temos) interesse\b|\binteressad[oa]s?\b|\b(parece|soa) (muito )?(interessante|bom|otimo|legal)\b/, 'negatable'),
  s('interested', 3, 'pede informacoes (pt)', /\b(me )?(envie|envia|mande|manda|enviem|mandem)( me)? (mais )?(informacoes|info|detalhes|a proposta|precos|valores|o material|a apresentacao|um orcamento|orcamento)\b|\bgostaria de (saber|conhecer|entender|testar|experimentar|receber)\b|\b(quero|queremos) (testar|experimentar|conhecer|saber mais)\b|\b(voces|voce) (podem|pode) (nos )?ajudar\b/),
  // Italian
  s('interested', 3, 'e interessato (it)', /\b(sono|siamo) (molto )?interessat[oiae]\b|\b(mi|ci) interessa\b|\b(sembra|suona) (molto )?(interessante|bene|ottimo)\b/, 'negatable'),
  s('interested', 3, 'chiede informazioni (it)', /\b(inviatemi|mandatemi|inviami|mandami|inviarmi|mandarmi|inviare|mandare)( pure)? (maggiori |piu |delle |le |ulteriori |un )?(informazioni|info|dettagli|materiale|proposta|prezzi|listino|presentazione|preventivo)\b|\bvorrei (saperne di piu|sapere di piu|provare|testare|maggiori informazioni|approfondire|un preventivo)\b/),
  s('interested', 3, 'chiede materiale (it)', /\b(mi|ci) (mandi|manda|mandate|invii|invia|inviate|mandereste|inviereste|potete mandare|puoi mandare|potrebbe mandare) (una |un |la |il |delle |qualche |maggiori |piu )?(presentazione|brochure|listino|preventivo|informazioni|info|dettagli|materiale|demo|offerta)\b/),
  s('interested', 2, 'volentieri (it)', /\bvolentieri\b/),
  // Dutch
  s('interested', 3, 'is geinteresseerd (nl)', /\bgeinteresseerd\b|\bklinkt (goed|interessant|prima|top|veelbelovend)\b|\bziet er (interessant|goed|veelbelovend|top) uit\b/, 'negatable'),
  s('interested', 3, 'vraagt informatie (nl)', /\b(stuur|stuurt|mail|mailt)( me| mij| ons)? (graag |gerust |maar )?(wat )?(meer )?(informatie|info|details|een voorstel|prijzen|de brochure|een offerte|documentatie)\b|\b(ik|wij|we) (wil|willen) (graag )?(meer weten|meer horen|het proberen|testen|een demo)\b|\bgraag meer (weten|informatie|horen)\b|\b(een )?offerte (bezorgen|sturen|ontvangen|opvragen|maken)\b/),
];

// prettier-ignore
export const REFUSAL_SIGNALS: Signal[] = [
  // English
  s('not_interested', 4, 'declines', /\b(no thanks|no thank you|thanks but no|thanks,? but no|thank you,? but no|i will pass(?! (this|it|that|your|the|them|along|on))|we will pass(?! (this|it|that|your|the|them|along|on))|hard pass|pass on this|going to pass|no interest|not for (us|me)|not a (good |great |right )?fit|not the right fit|not something (we|i) (would |will )?(ever )?(need|want|use|buy|are looking for))\b/),
  s('not_interested', 4, 'already has a solution', /\b(we|i) (already|currently) (use|have|work with|partner with|signed|bought|chose|went with|pay for|rely on|run|built|own)\b|\b(happy|satisfied|content|fine) with (our|my|the) (current|existing|present)|\b(built|build|have|developed|do it|do this|handle (it|this)) (our own|in house|internally|ourselves)\b|\bin house\b|\b(standardi[sz]ed|committed|locked in) (on|to|with)\b/),
  s('not_interested', 4, 'chose someone else', /\b(signed|went|partnered|contracted) with (a competitor|another (vendor|provider|company|tool|solution|agency)|someone else|a different (vendor|provider|tool|solution))\b|\bwent (another|a different|the other) (way|direction|route)\b|\bwent with (someone|another|a different|a competitor)\b|\b(chose|picked|selected) (another|a different|a competitor)\b/),
  s('not_interested', 3, 'does not need it', /\b(do not|dont|do not really|really do not|have no) (need|want|require|use for) (this|it|that|your|any|such|anything|a|an|one|more)\b|\bno need\b|\bnot (looking|in the market) (for|to|at)\b|\b(do not|dont) see (us|me|the need|a need|the value|a use|how this)\b|\bmore than (we|i) need\b|\boverkill\b|\btoo (big|complex|expensive|much|pricey|heavy) for (us|our|me|my)\b/),
  s('not_interested', 3, 'is set', /\b(we are|i am) all set\b|\b(we are|i am) (set|good|covered|sorted|fine|ok)( for now| thanks| on that| here|,|\.|$)/),
  s('not_interested', 3, 'not relevant', /\b(not (relevant|applicable|something we do|a priority|a need)|(does not|doesnt|will not|would not) (apply|work for us|fit|be a fit|help)|(decided|decide|chose|choose) (to go with|against|not to)|we (do not|dont) (do|sell|have|use|need) (that|this|any|those))\b/),
  s('not_interested', 2, 'does not do that', /\bwe (do not|dont) (do|use|need|buy|want) [a-z]+\b/),
  s('not_interested', 4, 'never will', /\bnever have,? never will\b|\bnot going (down that|to go down that) (road|path|route)\b|\b(tried|used) (something similar|that|this|it|one) (before|already)\b|\bwe tried something similar\b/),
  s('not_interested', 5, 'sarcastic brush off', /\b((oh |wow,? )?(great|wonderful|fantastic|perfect|lovely|awesome),? (another|more|yet another) ([a-z]+ )?(sales|cold|spam|marketing)? ?(email|pitch|message|vendor|tool|ai|bot|follow up|sequence)|just what i (needed|wanted|always wanted)|yeah,? right|thanks for the spam|as if|like i (need|care)|cannot wait for (your |the |another )?(next )?(email|message|pitch|follow up)|cannot wait to not|(i will|ill) get right on (that|it)|(just|exactly) what (my inbox|the world|we|i) (needed|needs|wanted)|good luck with that|no way|no chance|not in a million years|you must be joking|nice try)\b|\b(yeah|yes),? no\s*([.!]|$)|🙄|😒|🤦|🙃/),
  s('not_interested', 4, 'passes', /(^|[.!?]\s*)(i will |we will |i would |we would |gonna |going to )?pass[.!]*$/),
  s('not_interested', 3, 'annoyed by follow ups', /\b(you|u) (really |just )?(do not|dont|never) give up\b|\b(third|fourth|fifth|sixth|\d+(rd|th)) (follow up|email|message|reminder|attempt)\b/),
  s('not_interested', 3, 'will not buy', /\bnot (buy|buying|purchase|purchasing|sign up for|signing up)\b/),
  s('not_interested', 3, 'says no', /^((lol|lmao|lmfao|haha|hah|ha|rofl|nah|um|uh|hmm),? )*(no|no no|no sorry|sorry,? no|not interested|pass|no way|never)[.! ]*$/),
  s('not_interested', 2, 'thanks, but', /\b(thanks|thank you|appreciate (it|the note|the offer|you reaching out|the outreach|the email|the message)|merci|gracias|danke|obrigad[oa]|grazie|bedankt)\b[^.!?\n]{0,40}\b(but|mais|pero|aber|mas|ma|maar)\b/),
  s('not_interested', 2, 'wishes luck', /\b(good luck with|best of luck with|succes ermee|bonne chance|viel erfolg|buena suerte|boa sorte|buona fortuna)\b/),
  s('not_interested', 1, 'calls it spam', /\bspam\b/),
  // Spanish
  s('not_interested', 4, 'rechaza (es)', /\bno,? gracias\b|\bya (tenemos|usamos|trabajamos con|contamos con|utilizamos)\b|\bno (es|encaja) (para|con) nosotros\b|\bno (lo |la )?(necesitamos|necesito|necesitemos|necesitaremos)\b|\bno es algo que (necesit|busc|quer)\w*|\bno (estamos|estoy) buscando\b|\b(estamos|estoy) (bien|contentos|satisfechos|content[oa]) con\b/),
  // French
  s('not_interested', 4, 'refuse (fr)', /\bnon,? merci\b|\b(nous avons|on a|j ai|nous disposons) deja\b|\b(nous utilisons|on utilise|nous travaillons|j utilise) deja\b|\bpas (du tout |vraiment |tres )?(besoin|pour nous|pertinent|adapte|utile)\b|\b(ca|cela) ne (nous|me) concerne pas\b|\bsans facon\b|\bnous sommes (deja )?(bien )?equipes\b/),
  // German
  s('not_interested', 3, 'zufrieden (de/fr/nl)', /\b(anbieter|losung|tool|system|dienstleister|partner)\b[^.\n]{0,30}\bzufrieden\b|\bzufrieden mit (unserem|unserer|dem|der)\b|\bsatisfaits? (de|avec) (notre|nos|la solution|l outil)\b|\btevreden (met|over) (onze|ons|de huidige|het huidige)\b/),
  s('not_interested', 4, 'lehnt ab (de)', /\bnein,? danke\b|\b(wir|ich) (haben|nutzen|verwenden|arbeiten|setzen) (bereits|schon)\b|\bkein bedarf\b|\b(brauchen|benotigen) (wir|ich) nicht\b|\b(wir|ich) (brauchen|benotigen) (das |so etwas |sowas )?(nicht|kein)\b|\bpasst nicht (zu uns|fur uns)\b|\b(sind|bin) (gut |bestens )?(versorgt|aufgestellt|zufrieden)\b/),
  // Portuguese
  s('not_interested', 4, 'recusa (pt)', /\bnao,? obrigad[oa]\b|\bja (temos|usamos|utilizamos|trabalhamos com|contamos com)\b|\bnao (precisamos|preciso)\b|\bnao (e|faz sentido) (para nos|pra gente|para nossa empresa|pra nos)\b|\b(estamos|estou) (satisfeitos|satisfeito|bem servidos) com\b/),
  // Italian
  s('not_interested', 4, 'rifiuta (it)', /\bno,? grazie\b|\b(abbiamo|usiamo|utilizziamo|lavoriamo) gia\b|\bnon (ci|mi) serve\b|\bnon (fa|e) per (noi|me)\b|\b(siamo|sono) (gia )?(soddisfatti|a posto|coperti)\b/),
  // Dutch
  s('not_interested', 4, 'weigert (nl)', /\bnee,? (dank je|bedankt|dank u)\b|\b(we|wij|ik) (hebben|gebruiken|werken|heb|gebruik) al\b|\bgeen behoefte\b|\b(niet|geen) nodig\b|\bniet (voor|bij) ons\b|\b(zijn|ben) (al )?(tevreden|voorzien)\b/),
];
