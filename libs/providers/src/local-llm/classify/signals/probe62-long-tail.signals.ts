import { s, type Signal } from './signal';

/**
 * The long-tail languages (probe 62): Polish, Turkish, Indonesian, Malay, Russian, Ukrainian, Danish, Norwegian,
 * Finnish, Hungarian, Czech, Romanian, Greek, Japanese, Chinese, Korean, Arabic, Hebrew, Hindi, Tagalog, Thai.
 * - opt-outs in forms the older word lists miss: "Wypisuję się", "Внесите мой номер в стоп-лист", "Припиніть
 *   дзвонити", "Jeg ønsker ikke at modtage flere mails", a bare "Lopeta", "töröljenek a levelezőlistájukról",
 *   "Vă rog să mă scoateți de pe listă", "αφαιρέστε με", "请把我从列表中删除", and an earlier opt-out that did not
 *   take ("jsem se odhlásil … a pořád mi chodí");
 * - look-alikes that are not opt-outs: "don't stop" asking for more ("Не останавливайтесь", "Stop ikke med",
 *   "Nu vă opriți", "멈추지 말고"), the recipients' opt-out talked about ("受信者が配信停止する仕組み",
 *   "支持客户退订"), "no need to remove me" ("אין צורך להסיר אותי", "list se hatane ki zaroorat nahi"), an old
 *   number dropped for a new one;
 * - the other labels where no cue fired: away replies ("bercuti", "меня не будет в офисе", "holder juleferie",
 *   "lipsesc din birou"), wrong person ("pomyłka", "bukan orang yang betul", "لست المسؤول", "गलत नंबर",
 *   "ไม่ได้ดูแลเรื่องนี้"), refusals, timing, interest, a Greek question (";") and bare acknowledgements the model
 *   reads as refusals ("Tamam, teşekkürler", "Selvä, kiitos", "Sige po, salamat").
 * Patterns read the normalised text: Latin letters without accents (Danish ø stays), Cyrillic й as и, Greek without
 * accents and ς as σ; \b knows only Latin letters, hence the explicit Cyrillic and Greek edges.
 */

/** A Cyrillic word edge before and after, Ukrainian letters included. */
const CY = (source: string) => new RegExp(`(?<![а-яёіє])(${source})(?![а-яёіє])`);
/** A Greek word edge before and after. */
const EL = (source: string) => new RegExp(`(?<![α-ω])(${source})(?![α-ω])`);

// prettier-ignore
export const PROBE62_LONG_TAIL_GUARDS: Signal[] = [
  s('interested', 3, "don't stop (ru/uk/ro/da/nb/ko/el)", new RegExp([
    CY('не (останавливаитесь|останавливаите|прекращаите|переставаите|зупиняитесь)').source,
    '\\bnu (va|te) (opriti|opri)\\b|\\bnu (incetati|renuntati)\\b',
    '\\b(stop|stopp) ikke\\b|\\bhold ikke op\\b',
    '멈추지 ?(말고|마세요|마)|중단하지 ?(말고|마세요)|그만 ?보내지 ?마',
    EL('μη(ν)? (σταματατε|σταματησετε|σταματασ)').source,
  ].join('|')), 'guard'),
  // "御社のサービスでは、受信者が配信停止する仕組みはありますか", "你们的系统支持客户自己退订短信吗": the recipients'
  // opt-out as a feature, not the writer's own.
  s('question', 2, "the recipients' opt-out talked about (ja/zh)", /(受信者|お客様|顧客|ユーザー|会員|購読者|相手)(が|は|側で|側が|の方で)[^。？?]{0,12}(配信停止|配信解除|退会|登録解除)|(配信停止|配信解除)(する|できる)?(の)?(仕組み|機能)|(支持|让|允许|能让|可以让)(客户|用户|联系人|收件人|会员|顾客)[^。？?]{0,8}(退订|取消订阅)|(客户|用户|联系人|收件人|顾客)(怎么|如何|可以|能)[^。？?]{0,6}(退订|取消订阅)/, 'guard'),
  s('neutral', 0, 'no need to remove me (he/hi/pl/ru/tr)', new RegExp([
    '(?<![\\u05d0-\\u05ea])(אין צורך|לא צריך|אל) (להסיר|תסירו|תמחקו) אותי',
    '\\b(list se )?(hatane|hatana|nikalne|remove karne|delete karne) ki (zaroorat|zarurat|jarurat|jaroorat|zarurat) nahi\\b',
    'हटाने की (ज़रूरत|जरूरत) नहीं',
    '\\bnie (musicie|trzeba) (mnie )?(usuwac|wypisywac)\\b',
    CY('не (нужно|надо) (меня )?(удалять|отписывать|убирать)').source,
    '\\b(listeden )?(cikarmaniza|silmenize|cikarmaya) gerek yok\\b',
  ].join('|')), 'guard'),
  // "Уберите старый номер …, теперь пишите на …": one address dropped for another, contact kept.
  s('neutral', 3, 'an old number swapped for a new one (ru/hi)', new RegExp([
    CY('(уберите|удалите|сотрите)[^.!?\\n]{0,25}(старыи|прежнии) (номер|адрес|email|e-mail|почту)(?=[^\\n]{0,80}(теперь|новыи|пишите на|звоните на))').source,
    '\\bpurana (number|no|nambar|email|mail)\\b[^.!?\\n]{0,20}\\b(hata|delete|remove|band)\\w*(?=[^\\n]{0,60}\\bnaya\\b)',
  ].join('|')), 'guard'),
];

// prettier-ignore
export const PROBE62_LONG_TAIL_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'wypisuje sie (pl)', /\bwypisuje (sie|mnie)\b|\bdosc (tego|juz|tych) (spamu|smsow|esemesow|emaili|maili|wiadomosci|telefonow)\b/),
  s('unsubscribe', 4, 'v stop-list (ru)', CY('(внесите|добавьте|занесите|включите)[^.!?\\n]{0,30}(стоп-?\\s?лист|черныи список)|стоп-?\\s?лист[^\\n]{0,40}(внесите|добавьте|занесите) (туда |в него )?(меня|мои номер|мою почту|мои адрес)')),
  s('unsubscribe', 4, 'prypynit dzvonyty (uk)', CY('(припиніть|перестаньте|припиняите)( будь ласка,?)?( мені| нам)? (дзвонити|писати|надсилати|телефонувати|турбувати|спамити)')),
  s('unsubscribe', 4, 'onsker ikke at modtage flere (da/nb)', /(?<![a-zæøå])(ønsker|onsker|vil) (ikke|ikkje) (at |a )?(modtage|motta|fa) (flere|fler|mere|mer|nogen|noen|yderligere|ytterligere)\b|\bfrabe(der|r) (mig|meg|os|oss) (flere|fler|yderligere|ytterligere|videre)\b/),
  s('unsubscribe', 4, 'lopeta (fi, alone)', /^(lopeta|lopettakaa|riittaa)( jo| heti| nyt)?[.!]*$/, 'whole'),
  s('unsubscribe', 4, 'toroljenek a listarol (hu)', /\btorol(jenek|jetek|jon|j|jek|je)( ki)?\b[^.!?\n]{0,40}\w*(lista(juk|m|nk|tok|juk)?rol|adatbazis(uk|ukbol|bol)|nyilvantartas(ukbol|bol))\b/),
  s('unsubscribe', 4, 'odhlasil jsem se, a porad chodi (cs)', /\bodhlasil\w*\b[^.!?\n]{0,60}\b(porad|stale|furt|presto|i tak|dal)\b[^.!?\n]{0,15}\b(chodi|chodej|prichazi|dostavam|dostavame|posilate|pisete|volate)\b/),
  s('unsubscribe', 4, 'sa ma scoateti de pe lista (ro)', /\b(sa ma|ma) (scoateti|stergeti|eliminati|radiati)\b|\b(scoateti|stergeti|eliminati)[ -]?ma\b|\b(scoateti|stergeti)[^.!?\n]{0,10}\b(numarul|adresa|datele) (meu|mea|mele)\b|\bdezabonati[ -]?ma\b|\bvreau sa ma dezabonez\b/),
  s('unsubscribe', 4, 'afairesete me (el)', EL('(αφαιρεστε|διαγραψτε|βγαλτε|αφαιρεσε|διαγραψε|βγαλε) (με|μασ|τον αριθμο μου|το email μου|το e-mail μου|τα στοιχεια μου)')),
  s('unsubscribe', 4, '把我从列表中删除 (zh)', /把我(的(号码|邮箱|电话|手机号|信息|联系方式))?从[^。！!？?]{0,15}(列表|名单|通讯录|数据库)[^。！!？?]{0,4}(删除|移除|去掉|删掉|拿掉)|从[^。！!？?]{0,10}(列表|名单)(中|里)?(把我)?(删除|移除|去掉|删掉)(我|吧)/),
];

// prettier-ignore
export const PROBE62_LONG_TAIL_SIGNALS: Signal[] = [
  // away replies
  s('out_of_office', 4, 'away (ms/id)', /\b(saya )?(sedang )?(bercuti|cuti tahunan|di luar pejabat|tidak berada di pejabat)\b/),
  s('out_of_office', 4, 'away (ru)', CY('меня не будет (в офисе|на работе|на месте|на связи)|буду отсутствовать|нахожусь вне офиса|вне офиса до')),
  s('out_of_office', 4, 'away (da/nb)', /\bholder (jule|vinter|sommer|efterars|paske|pinse)?ferie\b|\ber (tilbage|tilbake) (pa kontoret )?(mandag|tirsdag|onsdag|torsdag|fredag|den|d)\b/),
  s('out_of_office', 4, 'away (ro)', /\blipsesc (din birou|de la birou)\b|\bsunt (in concediu|in afara biroului|plecat in concediu|plecata in concediu)\b|\brevin (la birou |in birou )?(pe|la) \d/),
  // wrong person
  s('wrong_person', 4, 'wrong person (pl)', /^pomylka\b|\bnie znam (zadnej |tej )?(firmy|pana|pani|osoby)\b/),
  s('wrong_person', 4, 'wrong person (ms/id)', /\bbukan orang yang (betul|tepat|sesuai|bertanggungjawab|bertanggung jawab)\b|\bbukan (bahagian|bagian) saya\b/),
  s('wrong_person', 4, 'wrong person (ar)', /لست (الشخص )?(المسوول|المسؤول|المختص|المناسب)|ليس من (اختصاصي|مسووليتي|مسؤوليتي)/),
  s('wrong_person', 4, 'wrong person (hi)', /(गलत|ग़लत|रॉन्ग) (नंबर|नम्बर|व्यक्ति|इंसान|आदमी)|\b(galat|wrong) (number|nambar|insaan|banda|aadmi) (hai|he)\b/),
  s('wrong_person', 4, 'wrong person (th)', /ไม่ได้ดูแล(เรื่องนี้|ส่วนนี้|งานนี้)/),
  // "ติดต่อคุณสมชายแทน" (contact X instead) also closes an away reply, which it must not outweigh
  s('wrong_person', 3, 'contact someone instead (th)', /ติดต่อคุณ[^ ]{1,20}แทน/),
  // refusals, timing, interest
  s('not_interested', 3, 'not interested (pl)', /\bnie wchodzimy w to\b|\bzarzad (zdecydowal|postanowil)[^.!?\n]{0,30}\bnie\b|\bmamy juz (swojego |innego |stalego )?(dostawce|dostawcow|system|rozwiazanie|partnera|program|narzedzie)\b(?![^.!?\n]{0,40}\b(ale|lecz|jednak|chetnie)\b)|\b(juz )?(kupilismy|kupilem|kupilam|zamowilismy|wykupilismy|podpisalismy umowe)( [a-z]+){0,2} (u|z|od|w) (konkurencji|innej firmy|innego dostawcy|kogos innego)\b|\bwybralismy (innego dostawce|inna firme|konkurencje|inne rozwiazanie|konkurencyjna oferte)\b|(?<!\bteraz )\bnie skorzystamy\b(?! (teraz|w tym (roku|miesiacu|kwartale)))|\bzamknelismy (firme|sklep|dzialalnosc|biznes|salon|restauracje)\b/),
  s('not_interested', 3, 'not interested (id)', /\b(sudah|udah|dah) (pakai|pake|punya|menggunakan|ada) (aplikasi|sistem|software|vendor|provider|layanan)( lain)?\b|\b(tidak|ga|gak|nggak|ngga|tak) (perlu|butuh)[.! ]*$/),
  s('not_interested', 3, 'not interested (zh)', /[，,。]\s*(不需要|不用了)[。.!！]*$/),
  s('not_now', 3, 'later (hi)', /बजट नहीं|के बाद (संपर्क|बात) (करें|कीजिए|करना|करिए)/),
  s('interested', 3, 'interested (ro)', /(?<!\bnu (prea |mai |chiar |deloc )?)\b(ne|ma) intereseaza\b/),
  s('interested', 3, 'interested (hi)', /(मुझे|हमें) (इसमें |इस में )?रुचि है|(ब्रोशर|कोटेशन|प्राइस लिस्ट|रेट लिस्ट|डिटेल्स) (भेजें|भेजिए|भेज दें|भेजो)/),
  s('question', 2, 'a Greek question mark', /^[^\n]*[α-ω][^\n]*[;;]\s*$/m),
  // bare acknowledgements
  s('neutral', 3, 'an acknowledgement alone (tr/fi/tl)', /^(tamam|peki|tamamdir|anladim|selva|okei|sige|noted|ok|okay)( po)?[,.! ]*(tesekkurler|tesekkur ederim|sagolun|sag olun|kiitos|kiitti|salamat|thank you|thanks)?( po)?[.! ]*$/, 'whole'),
];
