import { s, type Signal } from './signal';

/**
 * Replies in the languages the other signals do not read — Swedish, Romanian, Vietnamese, Tagalog, Greek, Korean,
 * Japanese — and the gaps probe 32 found in the thin ones (Russian, Polish, Turkish, Indonesian / Malay, Arabic):
 * requests to stop contact, away replies, the wrong person, refusals, timing, interest and meeting moves, so that
 * they are not left to a model trained on other languages. Patterns read the normalised text (see normalise-text):
 * Latin letters without accents (Vietnamese đ is d, Romanian ș is s, Swedish å and ä are a), Greek lowercase
 * without accents and with σ for ς, Hangul and kana composed, CJK punctuation as ASCII. \b knows only Latin
 * letters, hence the Greek edges; Korean and Japanese attach particles to words and are matched without edges.
 */

/** A Greek word edge before and after. */
const EL = (source: string) => new RegExp(`(?<![α-ω])(${source})(?![α-ω])`);
/** A Cyrillic word edge before and after. */
const RU = (source: string) => new RegExp(`(?<![а-я])(${source})(?![а-я])`);

/** Swedish: ways to contact someone, after "sluta" (stop). */
const SV_CONTACT = '(skicka|ringa|mejla|maila|messa|smsa|kontakta|hora av er|hora av dig|spamma)';
/** Romanian: contact verbs, second person plural (after "nu mă mai": "don't … me any more"). */
const RO_CONTACT = '(contactati|sunati|scrieti|deranjati|trimiteti|cautati|suna|contacta|scrie|trimite)';
/** Vietnamese: contact verbs (call, text, send, get in touch, bother). */
const VI_CONTACT = '(goi dien|goi|nhan tin|nhan|gui|lien lac|lien he|lam phien|spam)';
/** Greek: contact verbs, second person plural (send, call, bother, write), with the "again" prefix optional. */
const EL_CONTACT = '(ξανα)?(στελνετε|στειλετε|παρετε|παιρνετε|ενοχλειτε|καλειτε|γραφετε|γραψετε)';
/** Polish months, locative ("w marcu"). */
const PL_MONTH_IN =
  '(styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|wrzesniu|pazdzierniku|listopadzie|grudniu)';
/** Turkish months (accents gone). */
const TR_MONTH = '(ocak|subat|mart|nisan|mayis|haziran|temmuz|agustos|eylul|ekim|kasim|aralik)';

// prettier-ignore
export const PROBE32_LANGUAGE_GUARDS: Signal[] = [
  // "hindi po kami interesado": the Tagalog negation, so the Spanish / English "interested" does not read as interest
  s('not_interested', 3, 'hindi interesado (tl)', /\bhindi (po )?((ako|kami) )?(po )?(interesado|interesada|interested)\b/, 'guard'),
];

// prettier-ignore
export const PROBE32_LANGUAGE_OPT_OUT_SIGNALS: Signal[] = [
  // Swedish
  s('unsubscribe', 4, 'ber om att sluta (sv)', new RegExp(`\\bsluta ${SV_CONTACT}\\b|\\b(ring|mejla|maila|skriv|smsa|kontakta) (inte|aldrig) (till )?(mig|hit|oss)\\b|\\bhor inte av (er|dig)\\b|\\bvill inte (ha|fa|ta emot) (fler|mer|nagra|era)\\b|\\bavregistrera (mig|oss)\\b|\\bavsluta (min |mitt )?prenumeration\\w*|\\bta bort (mig|oss|mitt (nummer|namn)|min (e ?post|mejl|mail|adress)|mina uppgifter)\\b|\\bhur (avregistrerar|avanmaler|avslutar) (jag|man) (mig|prenumerationen)\\b`)),
  // Romanian
  s('unsubscribe', 4, 'cere sa nu mai fie contactat (ro)', new RegExp(`\\bnu (ma|ne|imi|mi|ne) mai ${RO_CONTACT}\\w*|\\bnu mai ${RO_CONTACT}\\w*( (mesaje|emailuri|e mailuri|sms))?\\b|\\b(stergeti|scoateti|eliminati)( ma| mi| ne)?\\b[^.!?\\n]{0,25}\\b(numarul|datele|adresa|din lista|din baza)\\b|\\bdezabon\\w*|\\bnu mai (vreau|doresc|dorim) sa (primesc|primim|fiu contactat)\\w*|\\bnu mai (vreau|doresc|dorim) (mesaje|emailuri|e mailuri|sms|sms uri|apeluri|telefoane)\\b|\\b(incetati|inceteaza|opriti va|opreste te) (sa|de a) (ma |mi |ne |imi )?(mai )?${RO_CONTACT}\\w*`)),
  // Vietnamese: "đừng / ngừng / không … nữa" (don't … any more), delete my number, cancel the subscription
  s('unsubscribe', 4, 'xin dung lien lac (vi)', new RegExp(`\\b(dung|ngung|khong|thoi) ${VI_CONTACT}\\b[^.!?\\n]{0,30}\\bnua\\b|\\bngung ${VI_CONTACT}\\b|\\bxoa (so|ten|email|thong tin)\\b[^.!?\\n]{0,20}\\b(toi|minh|em)\\b|\\bhuy (dang ky|nhan tin|theo doi)\\b|\\bkhong (muon )?nhan (them )?(tin|email|tin nhan)\\b`)),
  // Tagalog / Taglish
  s('unsubscribe', 4, 'pakitanggal (tl)', /\b(pakitanggal|tanggalin|alisin|burahin|pakibura|pakialis|paki remove|remove)( (nyo|niyo|na|po|mo|ako))*\b[^.!?\n]{0,25}\b(ako|number ko|numero ko|pangalan ko|email ko|listahan)\b|\b(wag|huwag) (na )?(po )?((kayo|kayong|nyo|niyo) )?(na )?(po )?(mag ?text|itext|i text|tumawag|tawagan|mag ?message|mag ?email|istorbohin|mag ?send)\w*|\btigilan (nyo|niyo|mo) na\b|\bayoko na (ng |makatanggap|matanggap)\w*|\bstop na( po)?\b(?=[^.!?\n]{0,30}\b(hindi|ayoko|ayaw|please|promo|texts?|messages?|emails?|spam|tawag)\b)/),
  // Greek (and Greeklish)
  s('unsubscribe', 4, 'zhtaei na stamatisoun (el)', EL(`σταματηστε|σταματα να|μη(ν)? (μου |με )?${EL_CONTACT}|διαγραψτε (με|μασ|τον αριθμο μου|το ονομα μου|το email μου|τα στοιχεια μου)|απεγγραφ[α-ω]*|να μη(ν)? (λαμβανω|ξαναλαβω)`)),
  s('unsubscribe', 4, 'min mou ksanasteilete (el, Latin)', /\b(min|mi) (mou |me )?(ksana|xana)?(steilete|stelnete|parete|pairnete|enoxleite)\b|\b(stamatiste|diagrapste)\b/),
  // Korean
  s('unsubscribe', 4, '수신거부 (ko)', /수신 ?거부|(문자|메일|메시지|연락|전화|광고)[^.!?\n]{0,10}(보내지|하지|주지) ?마(세요|십시오|라)|(번호|연락처|이메일|메일 주소|개인 ?정보)[^.!?\n]{0,6}(삭제|지워)|구독 ?(취소|해지)|그만 (보내|연락)/),
  // Japanese
  s('unsubscribe', 4, '配信停止 (ja)', /配信(を)?(停止|解除)|(メルマガ|メール|案内)[^.!?\n]{0,6}(解除|停止)|送らないで|(連絡|電話|メール|送信)(は|を)?(しないで|控えて|やめて|不要)|(リスト|名簿|配信先)から[^.!?\n]{0,15}(削除|外して|除外)|(アドレス|番号|連絡先|個人情報)を(削除|消して)|(もう|これ以上)[^.!?\n]{0,10}やめてください|しつこい/),
  // Gaps in the thin languages: Russian in Latin script, Polish "usunąć mój numer", Malay, Arabizi
  s('unsubscribe', 4, 'udalite moi nomer (ru, Latin)', /\budalite (moi|moy|moj|menya)( (nomer|adres|email|kontakt))?\b|\bhvatit (spamit|pisat|zvonit|slat)\b/),
  s('unsubscribe', 4, 'usunac moj numer (pl)', /\b(usunac|usuncie|usun|wykreslic|wykreslcie)( prosze)? (moj|moje|nasz|nasze) (numer|adres|dane|mail|e ?mail)\b/),
  s('unsubscribe', 4, 'berhenti hantar (ms)', /\b(berhenti|stop) (hantar|menghantar)\w*|\bjangan (hantar|ganggu|hubungi) (saya|kami|lagi)\b/),
  s('unsubscribe', 4, 'wa2fo el rasa2el (ar, Latin)', /\b(wa2fo|wa2ef|wa2efo|wa22fo|wa2afo)\b[^.!?\n]{0,15}\b(rasa2el|rasayel|rasa2il|msgs|messages|sms)\b/),
];

// prettier-ignore
export const PROBE32_LANGUAGE_SIGNALS: Signal[] = [
  // Swedish
  s('out_of_office', 4, 'away (sv)', /\b(ar|befinner mig) (pa semester|ledig|tjanstledig|franvarande|bortrest|pa tjansteresa|sjukskriven|foraldraledig)\b|\bater (pa kontoret|i tjanst|pa plats)\b|\bautomatiskt svar\b/),
  s('wrong_person', 4, 'wrong person (sv)', /\bfel (person|nummer|mottagare)\b|\binte (ratt|den ratta) person\b|\bjag (jobbar|arbetar) inte (kvar|langre)\b/),
  s('not_interested', 3, 'not interested (sv)', /\b(inte|ej) intresserad\w*|\bnej tack\b/),
  s('interested', 3, 'interested (sv)', /\b(later|verkar) (intressant|spannande|bra)\b|\bberatta (garna )?mer\b|\b(?<!inte )(?<!ej )intresserade?\b|\bvi vill (garna )?ga vidare\b/),
  s('not_now', 3, 'later (sv)', /\bhor av (er|dig) (efter|i|om|till|nasta)\b|\b(inte just nu|fullt upp|efter nyar|efter jul|efter semestern)\b/),
  s('meeting_request', 3, 'a time to talk (sv)', /\b(samtal|mote|motet|ses)\b[^.!?\n]{0,30}\b(kl|mandag|tisdag|onsdag|torsdag|fredag|imorgon|i morgon)\b|\bstalla in motet\b/),
  // Romanian
  s('out_of_office', 4, 'away (ro)', /\b(sunt|ma aflu) (in concediu|plecat\w*|in afara biroului)\b|\braspuns automat\b|\brevin (la birou|in birou)\b/),
  s('wrong_person', 4, 'wrong person (ro)', /\bnumar gresit\b|\bpersoana gresita\b|\bnu ma ocup (eu )?de\b|\bnu mai lucrez (la|in)\b/),
  s('not_interested', 3, 'not interested (ro)', /\bnu (sunt|suntem) interesat\w*|\bnu ne intereseaza\b|\bnu avem nevoie\b/),
  s('interested', 3, 'interested (ro)', /\bsuna (bine|interesant)\b|\b(as vrea|vreau|doresc|dorim) (mai multe )?(detalii|informatii|oferta)\b|\b(?<!nu )(sunt|suntem) interesat\w*/),
  s('not_now', 3, 'later (ro)', /\breveniti (in|dupa|la|peste)\b|\bacum nu\b|\bmai tarziu\b|\bdupa sarbatori\b/),
  s('meeting_request', 3, 'a time to talk (ro)', /\b(putem|am putea) (vorbi|discuta|sa vorbim|ne vedea|sa ne vedem)\b|\bintalnire\w*|\bla ora \d/),
  // Vietnamese
  s('out_of_office', 4, 'away (vi)', /\b(dang )?nghi phep\b|\btra loi tu dong\b|\bvang mat\b/),
  s('wrong_person', 4, 'wrong person (vi)', /\bnham (so|nguoi)\b|\bsai so\b|\bkhong phu trach\b/),
  s('not_interested', 3, 'not interested (vi)', /\b(khong|ko) (quan tam|co nhu cau|can)\b/),
  s('interested', 3, 'interested (vi)', /\b(?<!khong )(?<!ko )quan tam\b|\bgui (them )?(thong tin|bao gia|chi tiet)\b/),
  s('not_now', 3, 'later (vi)', /\bsau tet\b|\b(thang|nam|tuan) sau\b|\blien he lai (sau|vao)\b|\bde sau\b/),
  s('meeting_request', 3, 'a time to talk (vi)', /\b(goi dien|cuoc hop|hop|gap|trao doi)\b[^.!?\n]{0,30}\b(duoc khong|nhe)\b|\b\d{1,2}h\b[^.!?\n]{0,20}\b(goi|hop|gap)\b/),
  // Tagalog / Taglish
  s('wrong_person', 4, 'wrong person (tl)', /\bhindi na (po )?ako ang (in ?charge|humahawak|bahala)\b|\bwrong (number|person) po\b|\bwalang? (pong )?[a-z]+ (dito|rito)\b/),
  s('not_now', 3, 'later (tl)', /\b(next (week|month|year)|sa susunod na (linggo|buwan|taon)|saka na|mamaya na)\b[^.!?\n]{0,10}\bna lang\b|\b(saka|mamaya) na (lang|muna)\b|\bbusy pa( (kami|ako|po))?\b/),
  // Greek
  s('out_of_office', 4, 'away (el)', EL('απουσιαζω|αυτοματη απαντηση|εκτοσ γραφειου|ειμαι σε αδεια|θα επιστρεψω')),
  s('wrong_person', 4, 'wrong person (el)', EL('λαθοσ (αριθμοσ|ατομο|νουμερο)|δεν ειμαι (ο υπευθυνοσ|η υπευθυνη)|δεν δουλευω πια')),
  s('not_interested', 3, 'not interested (el)', EL('δεν (μασ |με )?ενδιαφερ[α-ω]*|οχι ευχαριστω')),
  s('interested', 3, 'interested (el)', EL('(?<!δεν )ενδιαφερ(ομαι|ομαστε)|στειλτε μου (περισσοτερεσ )?πληροφοριεσ')),
  s('not_now', 3, 'later (el)', EL('μετα τισ γιορτεσ|αργοτερα|τωρα δεν (προλαβαινω|μπορω)|τον επομενο μηνα|του χρονου')),
  s('meeting_request', 3, 'a time to talk (el)', EL('συναντηση[α-ω]*|να μιλησουμε|ραντεβου|στισ \\d{1,2}')),
  // Korean
  s('out_of_office', 4, 'away (ko)', /자동 ?응답|휴가 ?(중|입니다)|부재 ?중|출장 ?중|복귀합니다/),
  s('wrong_person', 4, 'wrong person (ko)', /잘못 (보내|아셨|거셨|연락)|담당자가 아닙|번호 (잘못|틀)/),
  s('not_interested', 3, 'not interested (ko)', /관심 ?(이 )?없|필요 ?없/),
  s('interested', 3, 'interested (ko)', /관심 ?(이 )?있|자료[^.!?\n]{0,6}보내 ?주/),
  s('not_now', 3, 'later (ko)', /다시 연락 ?(주세요|드릴게요|부탁)|내년에|나중에|지금은 (바빠|어렵)/),
  s('meeting_request', 3, 'a time to talk (ko)', /통화|회의|미팅|\d{1,2}시/),
  // Japanese
  s('out_of_office', 4, 'away (ja)', /自動返信|不在に(して|し)|出張のため|休暇(中|を)|日より(順次)?(対応|出社)/),
  s('wrong_person', 4, 'wrong person (ja)', /担当(が|者が)?(違います|ちがいます|ではありません|ではございません)|番号(を|が)?間違|宛先(を|が)?間違/),
  s('not_interested', 3, 'not interested (ja)', /見送らせて|結構です|必要ありません|興味(は|が)?ありません/),
  s('interested', 3, 'interested (ja)', /興味(が|を)?(あります|持ちました)|資料を(送って|お送り)|前向きに検討/),
  s('not_now', 3, 'later (ja)', /改めて(ご)?連絡|今は(検討できません|難しい|忙しい)|また今度/),
  s('meeting_request', 3, 'a time to talk (ja)', /打ち合わせ|ミーティング|面談|\d{1,2}時/),
  s('neutral', 3, 'noted (ja)', /^(承知(しました|いたしました)|了解(しました|です)|受け取りました)[.!]*$/),
  // Gaps in the thin languages
  s('not_now', 3, 'later (ru)', RU('после нового года|после праздников|сеичас не до этого|(напишите|свяжитесь|позвоните) (позже|после|через|в январе|в следующем)')),
  s('question', 2, 'asks the price (ru)', RU('сколько (это |оно )?(стоит|стоят|будет стоить)|какая (цена|стоимость)')),
  s('not_now', 3, 'later (pl)', new RegExp(`\\bodezwijcie sie (w ${PL_MONTH_IN}|po|za|w przyszlym)\\b|\\bpo (nowym roku|swietach)\\b`)),
  s('meeting_request', 3, 'a time to talk (pl)', /\bpasuje mi (jutro|w|o|we)\b|\b(wyslac|przeslac) zaproszenie\b/),
  s('wrong_person', 4, 'no longer works there (pl)', /\bnie pracuje juz w\b|\bto pomylka\b/),
  s('neutral', 3, 'received (pl)', /^(dzieki|dziekuje)[,.! ]*(otrzymalem|otrzymalam|dostalem|dostalam)[.!]*$/),
  s('not_now', 3, 'later (tr)', new RegExp(`\\b${TR_MONTH} (ayinda|ayi|sonrasi)\\b[^.!?\\n]{0,20}\\b(tekrar|yeniden)\\b|\\bsu an yogunuz\\b`)),
  s('not_now', 3, 'later (id/ms)', /\bnanti (aja|saja|dulu)\b|\b(bulan|tahun|minggu) depan\b/),
  s('not_interested', 3, 'not interested (ms)', /\b(tidak|tak|tdk) berminat\b/),
  s('interested', 3, 'interested (ms)', /\b(?<!tidak )(?<!tak )(?<!tdk )berminat\b|\bhantar maklumat\b/),
  s('not_now', 3, 'later (ar)', /الشهر (الجاي|القادم)|(مو|مش|ليس) (الحين|الان|هلا)|بعد (رمضان|العيد)/),
  s('wrong_person', 4, 'not the one responsible (ar)', /(لست|مو|مش) (انا )?(المسوول|المسول|المختص)/),
];
