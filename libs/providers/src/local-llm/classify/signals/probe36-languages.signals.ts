import { s, type Signal } from './signal';

/**
 * Replies in languages no other signal reads — Chinese, Ukrainian, Czech, Danish, Norwegian, Finnish, Hungarian,
 * Hebrew, Thai — and the gaps probe 36 found in the thin ones (Russian, Turkish, Swedish, Greek, Malay, Tagalog,
 * Japanese, Arabizi): requests to stop contact worded without a STOP keyword and their bare short forms, and the
 * look-alikes that are not opt-outs ("don't stop sending", "stop by the office", "cancel my 3pm and move it to 4").
 * Patterns read the normalised text (see normalise-text): Latin letters without accents (Czech ě is e, Hungarian ő
 * is o, Danish æ is ae, å is a; ø stays), Cyrillic й and ї as и and і, and the Danish / Norwegian "til" spelled
 * "until" by the English typo table. \b knows only Latin letters, hence the Cyrillic and Hebrew edges; Chinese and
 * Thai have no spaces between words and are matched without edges.
 */

/** A Cyrillic word edge before and after, Ukrainian letters included. */
const UK = (source: string) => new RegExp(`(?<![а-яіє])(${source})(?![а-яіє])`);
/** A Hebrew word edge before and after (a prefix letter — ו, ל, ה, ב — is part of the word it starts). */
const HE = (source: string) => new RegExp(`(?<![\\u05d0-\\u05ea])(${source})(?![\\u05d0-\\u05ea])`);

/** Ukrainian contact verbs, imperative plural ("не пишіть": don't write). */
const UK_CONTACT = '(пишіть|дзвоніть|телефонуите|надсилаите|турбуите|спамте|присилаите)';
/** Czech contact verbs, negative imperative. */
const CS_CONTACT = '(neposilejte|nepiste|nevolejte|neobtezujte|nekontaktujte|nespamujte|neotravujte)';
/** Hungarian contact verbs, formal and informal imperative (after "ne"). */
const HU_CONTACT =
  '(kuldjenek|kuldjetek|kuldj|hivjanak|hivjatok|hivj|irjanak|irjatok|irj|zaklassanak|zaklassatok|keressenek|keressetek|spameljenek)';
/** Finnish contact verbs, negative imperative plural ("älkää …": don't …). */
const FI_CONTACT = '(lahettako|soittako|kirjoittako|spammatko|otta(ko)? yhteytta|hairitko|viestittako)';
/** Danish / Norwegian contact verbs, infinitive. */
const NORDIC_CONTACT = '(skrive|ringe|sende|kontakte|maile|mase|spamme|sms e|smse|tekste)';

// prettier-ignore
export const PROBE36_LANGUAGE_GUARDS: Signal[] = [
  // "don't stop (sending)": asking for more, in the languages whose stop verb the opt-out rules read
  s('interested', 3, "don't stop (cs/uk/hu/fi/he/th/ja/tl/nb/da/zh)", new RegExp([
    '\\bneprestavejte\\b',
    UK('не зупиняитеся|не зупиняитесь|не припиняите').source,
    '\\bne hagyj(ak|atok) abba\\b',
    '\\balkaa lopettako\\b',
    '(?<![\\u05d0-\\u05ea])אל תפסיקו',
    'อย่าหยุด(ส่ง)?',
    '(止め|やめ|停止し)ないで',
    '\\b(wag|huwag) (nyo |niyo |mo )?(po |pong )?(itigil|ihinto|tigilan)\\b',
    '\\b(ma|ma endelig) ikke (stoppe|holde op)\\b|\\bikke (stopp|stop) (med a )?(sende|a sende)\\b',
    '(别|不要)停',
  ].join('|')), 'guard'),
];

// prettier-ignore
export const PROBE36_LANGUAGE_OPT_OUT_SIGNALS: Signal[] = [
  // Chinese: unsubscribe, don't send / call again, delete my number from your list
  s('unsubscribe', 4, '退订 (zh)', /退订|取消订阅|(别|不要|请勿|勿|请不要)再?(给我|跟我|向我)?(发|打)(短信|邮件|消息|信息|广告|了)|(别|不要|请勿|勿|请不要)再?(给我|跟我)?(打电话|打来|联系我|打扰|推送|骚扰)|(删|删除|移除|去掉)[^.,!?\n]{0,4}我的(号码|电话|手机号|邮箱|联系方式)|我的(号码|电话|手机号|邮箱|联系方式)[^.,!?\n]{0,14}(删掉|删除|删了|移除|去掉)/),
  // Ukrainian
  s('unsubscribe', 4, 'не пишіть мені (uk)', UK(`(більше |вже |будь ласка,? )*не ${UK_CONTACT}( мені| мене| нам| нас)?( більше| вже)|більше не ${UK_CONTACT}|не ${UK_CONTACT} (мені|мене|нам|нас) (більше|вже|ніколи)|(видаліть|видалити|приберіть|виключіть|відпишіть)( будь ласка)? (мене|нас|міи|мою|мої|наш|нашу)|відпишіть|відписатися|не хочу (більше )?отримувати`)),
  s('unsubscribe', 4, 'досить (uk/ru, alone)', /^(досить|хватит|годі)( вже| уже)?[.!]*$|^(отпишите|отпишись|отписать)( меня)?[.!]*$/, 'whole'),
  // Czech
  s('unsubscribe', 4, 'uz mi nepiste (cs)', new RegExp(`\\b(uz|vice|nikdy)( mi| nam| me| nas)?( uz)? ${CS_CONTACT}\\b|\\b${CS_CONTACT}( mi| nam| me| nas)?( prosim)? (uz|vice|nikdy)\\b|\\bodhlas(it|te|te me|im|ujte)\\w*|\\b(vymazte|smazte|odstrante|vyradte)( prosim)? (me|moje|muj|moji|nas|nase)\\b|\\bnechci (uz )?(dostavat|dalsi)\\b|\\bprestat? (mi |me |nam |nas )?(psat|volat|posilat|obtezovat)\\b`)),
  // Danish / Norwegian
  s('unsubscribe', 4, 'hold op med at skrive (da/nb)', new RegExp(`\\b(lad|la) (venligst |vaer sa snill og |vaer so venlig at )?(vaere|vaer) med at ${NORDIC_CONTACT}\\b|\\b(hold( nu| dog| bare)? op|holde op|stop|stoppe|slutt|slutte|stopp) (med )?(at|a) ${NORDIC_CONTACT}\\b|\\bikke (send|ring|skriv|kontakt|mail)( (until|til))? (meg|mig|oss|os)\\b|\\b(meld|afmeld) (meg|mig|oss|os) (av|af)\\b|\\bafmeld(es)?\\b|\\b(slet|fjern|sletta) (meg|mig|oss|os|mit nummer|nummeret mitt|min mail|mine oplysninger|mine opplysninger)\\b(?! (fra )?(kopi|cc|invitasjonen|invitationen|motet|modet)\\b)|\\b(ingen|ikke) (flere|fler|mere|mer) (sms|sms er|mails|emails|eposter|beskeder|meldinger|opkald|oppringninger)\\b|\\bhvordan (melder|afmelder) (jeg|man) (mig|meg|sig|seg) (fra|af|av)\\b|\\b(fjerne|slette) (meg|mig|oss|os) fra (listen|lista|listene|listerne|e ?postlisten|mailinglisten|nyhetsbrevet|registeret|databasen)\\b(?! (over|for|til) )`)),
  // Finnish
  s('unsubscribe', 4, 'alkaa enaa lahettako (fi)', new RegExp(`\\balkaa (enaa|koskaan) ${FI_CONTACT}\\b|\\b${FI_CONTACT} enaa\\b|\\blopettakaa( jo| nyt)?( taa| tama| tuo| nama)? (soittelu|soittaminen|viestittely|spammays|spammaaminen|lahettaminen|viestien lahettaminen|soittelunne|viestinne)\\b|\\bpoista(kaa)? (minut|numeroni|tietoni|osoitteeni|sahkopostini)\\b|\\b(en|emme) halua (enaa )?(viesteja|sahkoposteja|soittoja|markkinointia|uutiskirjettanne)\\b|\\bperu(n|kaa)? tilau\\w*|\\b(voitteko|voisitteko|voitko|voisitko|voisitteko te) (jo )?lopettaa (viestien |sahkopostien |tekstiviestien |mainosten )?(lahettamisen|lahettelyn|soittelun|soittamisen|viestittelyn|spammaamisen)\\b|\\b(miten|kuinka) (paasen|paasee|paasisin) pois (talta|tasta|teidan) (listalta|postituslistalta|listasta)\\b`)),
  // Hungarian
  s('unsubscribe', 4, 'ne kuldjenek tobbet (hu)', new RegExp(`\\bne ${HU_CONTACT}( nekem| nekunk| engem| minket)?( tobbet| tobb| tobbe| soha| mar)\\b|\\b(tobbet|tobbe|soha|mar) ne ${HU_CONTACT}\\b|\\btorol(jek|jetek|je)( ki)? (a )?(szamomat|adataimat|email cimemet|cimemet|engem|minket)\\b|\\bleiratkoz\\w*|\\biratkoztass(anak|atok) ki\\b|\\biratkoz\\w* le\\b`)),
  // Hebrew: "הסר" alone is the legal opt-out word of Israeli SMS ads
  s('unsubscribe', 4, 'תפסיקו לשלוח (he)', HE('(?<!אל )תפסיקו (לשלוח|להתקשר|לכתוב|להטריד|לפנות)|אל (ת|תמשיכו ל)(שלחו|תקשרו|כתבו|טרידו|פנו)( לי| אליי| אלי| אלינו)?|(תמחקו|תסירו|מחקו|הסירו) (את )?(המספר|הפרטים|המייל|אותי|אותנו)|להסיר אותי|הסירו אותי')),
  s('unsubscribe', 4, 'הסר (he, alone)', /^(הסר|הסרה|להסרה)[.!]*$/, 'whole'),
  // Thai: delete my number, don't send / call again, stop sending, cancel alone
  s('unsubscribe', 4, 'ลบเบอร์ (th)', /ลบ(เบอร์|ชื่อ|อีเมล|ข้อมูล)|ลบ[^ .!?\n]{0,8}ออกจาก(รายชื่อ|ระบบ|ลิสต์)|(ไม่ต้อง|อย่า)(ส่ง|โทร|ติดต่อ)[^ .!?\n]{0,10}(อีก|แล้ว)|เลิก(ส่ง|โทร|ติดต่อ)|ยกเลิก(การ)?(รับ|สมัคร|ข่าวสาร)|^ยกเลิก(ค่ะ|ครับ|คะ)?[.!]*$/),
  // Gaps in the thin languages
  s('unsubscribe', 4, 'mesajlar gelmesin (tr)', /\b(mesaj|mesajlar|mesajlariniz|sms|smsler|e ?posta|e ?postalar|mail|mailler|arama|aramalar)\w*( l[ae]r\w*)? (artik |bir daha |hic )?(gelmesin|gondermeyin|atmayin)\b/),
  s('unsubscribe', 4, 'skicka inga fler (sv)', /\b(skicka|ring|mejla|maila|smsa) (inga|inte nagra) (fler|mer)\b|\bvill inte (bli kontaktad\w*|bli uppringd\w*|bli stord)\b/),
  s('unsubscribe', 4, 'σβηστε τον αριθμο μου (el)', /(?<![α-ω])σβηστε (τον αριθμο|το ονομα|το email|τα στοιχεια|με|μασ)(?![α-ω])/),
  s('unsubscribe', 4, 'buang nombor saya (ms)', /\b(buang|padam|keluarkan|hapuskan) (nombor|nama|emel|no|email)( telefon| fon)? (saya|aku|kami)\b/),
  s('unsubscribe', 4, 'pakiremove (tl)', /\bpaki ?(remove|delete|unsubscribe|erase)( na| po| nyo| niyo)*\b[^.!?\n]{0,25}\b(ako|number ko|numero ko|pangalan ko|email ko|list|listahan)\b/),
  s('unsubscribe', 4, '配信不要 (ja)', /配信(は|を)?(不要|結構|止めて|やめて)|(もう|これ以上)(送って|送ら)/),
  s('unsubscribe', 4, 'matb3atoosh rasa2el (ar, Latin)', /\bkhalas\b[^.!?\n]{0,20}\bma ?t?b[3e]a?t(o|oo|u|ou)?(sh|ch|lish|lesh|li)\b|\bma ?t?b[3e]a?t(o|oo|u|ou)?(sh|ch|lish|lesh|li)\b[^.!?\n]{0,20}\b(rasa2el|rasayel|rasa2il|messages|sms|tany|tani|taany|tani)\b/),
];

// prettier-ignore
export const PROBE36_LANGUAGE_SIGNALS: Signal[] = [
  // Chinese
  s('out_of_office', 4, 'away (zh)', /自动回复|休假|不在办公室|出差期间|回来上班|返岗/),
  s('wrong_person', 4, 'wrong person (zh)', /发错人|打错了|发错了|不是我负责|不归我管|(这块|这事|这个)(是|由)[^.,!?\n]{1,8}负责/),
  s('not_now', 3, 'later (zh)', /年后再|以后再(说|联系)|过段时间再|明年再|现在(太|很|比较)?忙|晚点再联系/),
  s('not_interested', 3, 'not interested (zh)', /^不需要|不感兴趣|没(有)?兴趣|不考虑了|暂不需要/),
  s('interested', 3, 'interested (zh)', /(?<!不)感兴趣|(发|寄)[^.,!?\n]{0,4}(报价|资料)|合同发(过来|给我)|继续发给我/),
  s('meeting_request', 3, 'a time to talk (zh)', /(会|会议|通话|电话会)[^.!?\n]{0,6}(改到|改成|约在|定在)|(改到|改成|约在|定在)[^.!?\n]{0,4}(点|号|周)|开个会|见个面/),
  // Ukrainian
  s('out_of_office', 4, 'away (uk)', UK('автовідповідь|у відпустці|поза офісом|на лікарняному|у відрядженні')),
  s('wrong_person', 4, 'wrong person (uk)', UK('ви помилилися|не заиматися|не заимаюся|цим заимається|не за адресою')),
  s('not_now', 3, 'later (uk)', UK('після свят|не на часі|пізніше|після нового року|наступного (місяця|року|тижня)')),
  s('not_interested', 3, 'not interested (uk)', UK('не цікаво|не цікавить|нам це не потрібно|не потрібно')),
  s('interested', 3, 'interested (uk)', UK('(надсилаите|надішліть|пришліть) (договір|прайс|пропозицію|комерційну)|цікаво,? (розкажіть|надішліть)')),
  s('meeting_request', 3, 'a time to talk (uk)', UK('зустріч[а-яі]*|перенесіть на|дзвінок о \\d')),
  s('question', 2, 'asks the price (uk)', UK('скільки (це )?(коштує|коштуватиме)')),
  s('neutral', 3, 'received (uk)', /^(дякую|дякуємо)[,.! ]*(отримав|отримала|отримали)[.!]*$/),
  // Czech
  s('out_of_office', 4, 'away (cs)', /\b(jsem|budu) (na dovolene|mimo kancelar|nemocny|nemocna|na sluzebni ceste)\b|\bautomaticka odpoved\b|\bbudu (opet|zpet) v kancelari\b/),
  s('wrong_person', 4, 'wrong person (cs)', /\btim se nezabyvam\b|\bna starosti (to )?ma\b|\bspatne cislo\b|\bnepracuji uz\b/),
  s('not_now', 3, 'later (cs)', /\bozvete se (po|v|za|pristi|az)\b|\bted to neresime\b|\bpo novem roce\b|\bted ne\b/),
  s('not_interested', 3, 'not interested (cs)', /\bnemam(e)? zajem\b|\bnezajima (me|nas)\b/),
  s('interested', 3, 'interested (cs)', /\bposlat (i )?(cenik|nabidku|smlouvu)\b|\bposlete (mi )?(cenik|nabidku|smlouvu)\b|\bzni zajimave\b/),
  s('neutral', 3, 'only by e-mail (cs)', /\b(piste|volejte|kontaktujte)( mi| nam)? (jen|pouze|radeji) (e ?mailem|telefonicky|pres)\b/),
  s('meeting_request', 3, 'a time to talk (cs)', /\bschuzk\w*|\bpresunout na\b|\bstavte se\b/),
  // Danish / Norwegian
  s('out_of_office', 4, 'away (da/nb)', /\bautomatisk svar\b|\ber pa (ferie|kurs|barsel|reise|forretningsrejse)\b|\b(tilbage|tilbake) (pa kontoret|den|igen)\b|\bsykmeldt\b|\bsygemeldt\b/),
  s('wrong_person', 4, 'wrong person (da/nb)', /\bfeil (person|nummer)\b|\bforkert (person|nummer)\b|\bdet er ikke mig,? der\b|\bsom har ansvaret for\b/),
  s('not_now', 3, 'later (da/nb)', /\bikke lige nu\b|\bikke akkurat na\b|\b(tag|ta) (fat i|kontakt med) (mig|meg)? ?(igen|igjen) (efter|etter|i|om)\b|\b(efter|etter) nytar\b|\bta kontakt igjen\b/),
  s('not_interested', 3, 'not interested (da/nb)', /\bnej tak\b|\bnei takk\b|\bikke (brug|behov) for\b|\bikke interesseret\b|\bikke interessert\b/),
  s('interested', 3, 'interested (da/nb)', /\b(hores|lyder) interessant\b|\bsend (meg|mig) (gjerne|gerne) (mer|mere) informasjon\b|\bsend gerne et tilbud\b/),
  s('meeting_request', 3, 'a time to talk (da/nb)', /\b(mote|moedet|modet|motet)\b|\bmøte\w*|\bmøde\w*|\b(kig|kom|stikk) (forbi|innom)\b/),
  // Finnish
  s('out_of_office', 4, 'away (fi)', /\bolen (lomalla|poissa|sairaslomalla|matkoilla)\b|\bpalaan toimistolle\b|\bautomaattinen vastaus\b/),
  s('wrong_person', 4, 'wrong person (fi)', /\bvaara henkilo\b|\bvaara numero\b|\bhankinnoista vastaa\b|\ben ole oikea henkilo\b/),
  s('not_now', 3, 'later (fi)', /\bensi (vuonna|kuussa|viikolla)\b|\bpalataan asiaan\b|\bei ole oikea hetki\b|\bmyohemmin\b/),
  s('not_interested', 3, 'not interested (fi)', /\bei kiinnosta\b|\bei kiitos\b|\bemme tarvitse\b/),
  s('interested', 3, 'interested (fi)', /\b(kuulostaa|vaikuttaa) (hyvalta|kiinnostavalta)\b|\blahettaa hinnasto\w*|\blahettakaa (hinnasto|tarjous|sopimus)\w*/),
  s('meeting_request', 3, 'a time to talk (fi)', /\bpalaveri\w*|\bpalaverin\b|\bsiirretaan\b|\btapaaminen\b/),
  // Hungarian
  s('out_of_office', 4, 'away (hu)', /\bszabadsagon vagyok\b|\birodan kivul\b|\bautomatikus valasz\b|\bujra elerheto\b/),
  s('wrong_person', 4, 'wrong person (hu)', /\bnem en foglalkozom\b|\brossz szam\b|\bintezi\b/),
  s('not_now', 3, 'later (hu)', /\bmost nem aktualis\b|\bkeress(enek|etek) (januarban|februarban|kesobb|jovore|majd)\b|\bjovore\b/),
  s('not_interested', 3, 'not interested (hu)', /\bnem erdekel\w*|\bnincs szuksegunk\b/),
  s('interested', 3, 'interested (hu)', /\barajanlat\w*/),
  s('meeting_request', 3, 'a time to talk (hu)', /\bmegbeszeles\w*|\bteg(yek|yetek) at\b|\btalalkoz\w*/),
  // Hebrew
  s('out_of_office', 4, 'away (he)', HE('מענה אוטומטי|בחופשה|מחוץ למשרד|אחזור למשרד')),
  s('wrong_person', 4, 'wrong person (he)', HE('טעות במספר|מספר שגוי|לא (ה)?אחראי|פנו ל')),
  s('not_now', 3, 'later (he)', HE('לא עכשיו|אחרי החגים|בשנה הבאה|בחודש הבא|מאוחר יותר')),
  s('not_interested', 3, 'not interested (he)', HE('לא מעוניי(ן|נת|נים)|לא רלוונטי')),
  s('interested', 3, 'interested (he)', HE('(?<!לא )מעוניי(ן|נת|נים)|הצעת מחיר')),
  s('meeting_request', 3, 'a time to talk (he)', HE('(ה)?פגישה|נקבע שיחה|ותעבירו ל')),
  s('question', 2, 'asks the price (he)', HE('כמה (זה )?(עולה|עולים)')),
  // Thai
  s('out_of_office', 4, 'away (th)', /ตอบกลับอัตโนมัติ|ลาพักร้อน|ไม่อยู่ที่สำนักงาน|จะกลับมาทำงาน/),
  s('wrong_person', 4, 'wrong person (th)', /ผิดคน|ผิดเบอร์|ไม่ใช่ผู้รับผิดชอบ/),
  s('not_now', 3, 'later (th)', /ปีหน้า|เดือนหน้า|ยังไม่สะดวก|ไว้ค่อย/),
  s('not_interested', 3, 'not interested (th)', /ไม่สนใจ/),
  s('interested', 3, 'interested (th)', /ขอใบเสนอราคา|(?<!ไม่)สนใจ/),
  s('meeting_request', 3, 'a time to talk (th)', /ประชุม|นัดคุย|เลื่อนเป็น/),
  s('neutral', 3, 'received (th)', /^ได้รับแล้ว(ครับ|ค่ะ)?[ ,.!]*(ขอบคุณ(ครับ|ค่ะ)?)?[.!]*$/),
  // Gaps in the thin languages: "no more questions, send the contract", "stop by the office"
  s('interested', 3, 'send the contract (tr/ru)', /\bsozlesme\w* (gonderin|gonderebilir|yollayin|iletin)\b|(?<![а-я])(присылаите|пришлите|высылаите|вышлите) договор/),
  s('meeting_request', 3, 'stop by the office (id/ms/sv/tl)', /\b(mampir|singgah|titta forbi|kom forbi|daan kayo)\b[^.!?\n]{0,30}\b(kantor|pejabat|kontoret|office|opisina|jam|pukul|kl|bukas|besok)\b/),
  s('not_now', 3, 'later (ar, Egyptian)', /مش دلوقتي|بعد راس السنه|كلمني بعد/),
];
