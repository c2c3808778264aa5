import { s, type Signal } from './signal';

/**
 * Replies in languages beyond the seven the other signals read: Polish, Turkish, Indonesian, Hindi written in Latin
 * script, Russian and Arabic (issue 7: an opt-out "in any language the classifier knows" opts the lead out). Mostly
 * requests to stop contact, plus away replies in the first person, the plain refusals, interest and meeting moves,
 * so that those replies are not left to a model trained on other languages. Patterns read the normalised text: Polish ł and Turkish ı are l and
 * i, accents are gone ("proszę" → "prosze", "çıkarın" → "cikarin"), Cyrillic stays Cyrillic with й read as и,
 * Arabic is spelled one way (see normalise-text). JavaScript's \b knows only Latin letters, hence the Cyrillic
 * edges below; Arabic words take clitics (و، ف، ب، ل) in front, so they are matched without a leading edge.
 */

/** A Cyrillic word edge before and after. */
const RU = (source: string) => new RegExp(`(?<![а-я])(${source})(?![а-я])`);

/** Ways to contact someone, as a Polish infinitive or plural imperative. */
const PL_CONTACT =
  '(pisac|piszcie|pisz|dzwonic|dzwoncie|dzwon|kontaktowac|kontaktujcie|wysylac|wysylajcie|przysylac|przysylajcie|spamowac|spamujcie|nekac|nekajcie|zawracac mi glowy|zawracajcie mi glowy)';
/** Russian: write, call, send, bother — infinitive or imperative (normalised: й → и). */
const RU_CONTACT =
  '(писать|пишите|пиши|звонить|звоните|звони|присылать|присылаите|присылаи|слать|шлите|отправлять|отправляите|беспокоить|беспокоите|названивать|названиваите|спамить|тревожить|тревожьте|связываться|звонить мне|писать мне)';

// prettier-ignore
export const MORE_LANGUAGE_OPT_OUT_SIGNALS: Signal[] = [
  // Polish
  s('unsubscribe', 4, 'prosi o wypisanie (pl)', /\b(usun|usuncie|wypisz|wypiszcie|wykresl|wykreslcie|skresl|skreslcie)( prosze)? (mnie|nas|moj (adres|numer|mail|e ?mail)|moje dane)\b|\b(usuniecie|wypisanie|wykreslenie) (mnie|nas|moich danych|mojego (adresu|numeru|maila|e ?maila))\b|\b((mnie|nas) )?(usunac|wypisac|wykreslic)( (mnie|nas))? z (listy|bazy|newslettera|mailingu|waszej)\b|\brezygnuje z (newslettera|subskrypcji|otrzymywania|mailingu|wiadomosci)\b/),
  s('unsubscribe', 4, 'prosi, by nie pisac (pl)', new RegExp(`\\b(prosze|wiecej|juz|prosze wiecej|prosze juz)( do mnie| mnie| ze mna)? nie ${PL_CONTACT}\\b|\\bnie ${PL_CONTACT}( do mnie| mnie| ze mna)?( wiecej| juz)\\b|\\b(do mnie|ze mna) (wiecej |juz )?nie ${PL_CONTACT}\\b|\\b(przestancie|przestan|prosze przestac)( do mnie| mnie)? ${PL_CONTACT}\\b`)),
  s('unsubscribe', 4, 'nie chce wiadomosci (pl)', /\bnie (chce|chcemy|zycze sobie)( juz| wiecej)* (otrzymywac|dostawac|zadnych)( juz| wiecej| zadnych)* (wiadomosci|maili|e ?maili|emaili|sms|smsow|telefonow|ofert|newslettera|informacji|powiadomien)\b|\b(odczepcie sie|odczep sie|dajcie mi|daj mi)( (wreszcie|juz|w koncu|nareszcie|prosze))* (swiety )?spokoj\b|\bodczepcie sie\b/),
  s('unsubscribe', 4, 'sprzeciw wobec marketingu (pl)', /\b(wnosze|zglaszam|sklada(m|my)) sprzeciw (wobec|przeciwko|na) (przetwarzani\w*|wykorzystywani\w*|marketing\w*|otrzymywani\w*)|\b(cofam|wycofuje|odwoluje) (moja |swoja )?zgode\b|\bprosze o (ich |natychmiastowe |niezwloczne )?usuniecie( (moich|tych) danych)?\b/),
  // Turkish
  s('unsubscribe', 4, 'iletisimi durdurmasini istiyor (tr)', /\b(mesaj|mail|e ?posta|eposta|sms|email|bildirim) (atmayin|atma|gondermeyin|gonderme|yollamayin|yollama)\b|\b(beni|bana) (bir daha |artik |lutfen )*(aramayin|arama|yazmayin|yazma|rahatsiz etmeyin|ulasmayin)\b|\b(bir daha|artik) (beni |bana )?(aramayin|yazmayin|ulasmayin|rahatsiz etmeyin)\b|\b(gondermeyi|aramayi|yazmayi|atmayi|rahatsiz etmeyi|mesajlari|mailleri|e ?postalari|aramalari)( (artik|lutfen|hemen|derhal))* (birakin|kesin|birak|kes|durdurun|durdur)\b/),
  s('unsubscribe', 4, 'listeden cikarilmak istiyor (tr)', /\b(beni )?(listenizden|listeden|listenden|listelerinizden|veritabaninizdan) (beni )?(cikarin|cikartin|silin|cikar|sil)\b|\bbeni silin\b|\babonelikten (cik|cikmak|cikar|cikarin)\w*|\b(verilerimin|bilgilerimin|numaramin) (silinmesini|kaldirilmasini)\b|\b(artik )?(mesaj|mail|e ?posta|eposta|sms|arama|bildirim)( almak)? istemiyorum\b|\b(listenizden|listeden|listelerinizden|abonelikten)\b (cikmak|cikarilmak|ayrilmak|silinmek) (istiyorum|istiyoruz)\b/),
  // Indonesian
  s('unsubscribe', 4, 'minta tidak dihubungi (id)', /\bjangan (lagi )?(hubungi|menghubungi|telepon|telpon|tlp|kirim|kirimi|mengirim|sms|wa|email|ganggu|spam)\b|\bberhenti (mengirim|kirim|menghubungi|menelepon|sms|spam|berlangganan)\b|\b(hapus|keluarkan)( saya| sy| nomor saya| nomor sy| email saya| data saya)\b|\b(tidak|gak|nggak|ga) (mau|ingin) (menerima|terima|dapat|dikirimi|dihubungi)( pesan| email| sms| wa)?( lagi)?\b/),
  // Hindi (Latin script)
  s('unsubscribe', 4, 'message mat bhejo (hi)', /\b(message|messages|call|calls|phone|sms|email|emails|mail|whatsapp|contact|text|texts|pareshan|tang)( bhi)? (mat|na|nahi|mat hi) (karo|karna|karein|kijiye|kare|bhejo|bhejna|bhejiye|bhejein|bhejo na)\b|\b(mat|na) bhejo\b/),
  s('unsubscribe', 4, 'list se naam hatao (hi)', /\b(list|database|list se mera naam)\b[^.!?\n]{0,30}\b(hata|hatao|hata do|hata dijiye|nikal|nikalo|nikal do|remove kar|delete kar)\w*|\b(mera|meri|mere|hamara|hamari) (naam|number|details|data|email|contact)\b[^.!?\n]{0,20}\b(hata|hatao|nikalo|delete|remove)\b/),
  // Russian
  s('unsubscribe', 4, 'просит не писать (ru)', RU(`(больше |прошу |пожалуиста )*не ${RU_CONTACT}|(хватит|прекратите|прекрати|перестаньте|перестань|прошу прекратить)( мне| меня)? (${RU_CONTACT}|рассылку|спам|эти письма|эти сообщения|присылать сообщения|звонки)`)),
  s('unsubscribe', 4, 'просит удалить (ru)', RU('(удалите|удалить|исключите|исключить|уберите|убрать|отпишите|отписать|вычеркните)( меня| мои| мои номер| мои адрес| мою почту| мои персональные данные| мои данные)|отписаться|отписка|не хочу (больше )?получать|оставьте меня в покое|отстаньте|отстань|отвяжитесь|отвяжись')),
  s('unsubscribe', 4, 'ne pishite (ru, Latin)', /\b((bolshe|pozhalu[iy]?sta|proshu|bolche) )*ne (pishite|pishi|zvonite|zvoni|prisylaite|prisylayte|bespokoite|bespokoyte|trevozhte)( (mne|menya))?( (bolshe|bolche))?\b/),
  // Arabic
  s('unsubscribe', 4, 'يطلب عدم التواصل (ar)', /لا (ت|تقوم ب)?(راسل|تراسل|تتصل|تتصلوا|ترسل|ترسلوا|تكتب|تكتبوا|تزعج|تزعجوا)|(توقف|توقفوا|وقفوا|وقف|كفى|كفايه)( عن)? (ال)?(اتصال|مراسل|ارسال|رسائل|رسايل|ازعاج)|لا (اريد|نريد|ارغب|نرغب) (استلام|تلقي|استقبال|وصول)|(الغاء|الغي) (اشتراكي|الاشتراك)|عدم (ال)?(ارسال|مراسل|اتصال|تواصل|ازعاج)/),
  s('unsubscribe', 4, 'يطلب حذف بياناته (ar)', /(ازاله|حذف|احذف|احذفوا|امسح|امسحوا|شطب)( رقمي| اسمي| بريدي| بياناتي| بيانات)|(حذف|ازاله) (ي|ني) من/),
];

// prettier-ignore
export const MORE_LANGUAGE_SIGNALS: Signal[] = [
  s('out_of_office', 4, 'away (pl/tr/id/hi/ru/ar)', /\b(jestem|bede|przebywam) (poza (biurem|firma)|na urlopie|nieobecn\w*|na zwolnieniu)\b|\b(ofis disindayim|ofis disinda olacagim|izindeyim|izinliyim|tatildeyim|yillik izindeyim)\b|\bsaya (sedang |lagi )?(cuti|di luar kantor|berlibur|dinas luar)\b|\b(main|mai|hum)\b[^.!?\n]{0,30}\b(chutti|chhutti|leave|office se bahar)( pe| par)? (hoon|hu|hain|rahunga|rahungi)\b|(?<![а-я])((я|сеичас) )?(в отпуске|вне офиса|на больничном|в командировке|нет в офисе|не в офисе)(?![а-я])|(انا|ساكون) (خارج المكتب|في اجازه)/),
  s('interested', 3, 'interest (pl/tr/id/hi/ru/ar, more)', /\b(ilgimi cekti|ilgimizi cekti|ilgileniyorum|ilgileniyoruz)\b|\b(boleh minta|tolong kirim)\b[^.!?\n]{0,20}\b(harga|daftar harga|proposal|penawaran|brosur)\b|\b(price|prices|rate|rates|quote|details) (bhejo|bhej do|bhejiye|bhejna)\b|\b(prosze|prosimy) (przeslac|wyslac|o) (oferte|cennik|wycene)\b|\bkirim(kan)? (saja |aja |dong |ya )?(proposal|penawaran|harga|daftar harga|brosur|detail)\w*|\b(teklif|fiyat|sunum|katalog|detay)\w* (mail atar|mail atabilir|gonderir|gonderebilir|yollar|yollayabilir|iletir|iletebilir)\w*|(?<![а-я])(пришлите|отправьте|скиньте|вышлите)( мне| нам)?( [а-я]+)? (предложение|кп|презентацию|праис|прайс|цены|расценки|каталог)(?![а-я])|(ارسلوا|ارسل|ابعثوا|ابعث|ارسلي) (لي|لنا) (العرض|عرض|الاسعار|التفاصيل|الكتالوج)/),
  s('meeting_request', 3, 'asks to talk (pl/ar)', /\b(mozemy|moglibysmy|mozna) (porozmawiac|sie spotkac|umowic)\b|متي (يمكننا|نستطيع|ممكن) (التحدث|الحديث|نتكلم|الاجتماع|نلتقي)/),
  s('not_interested', 3, 'not interested (pl/tr/id/hi/ru/ar)', /\bnie (jestesmy|jestem) zainteresowan\w*|\bnie jestesmy tym zainteresowani\b|\bilgilenmiyor(uz|um)\b|\b(tidak|tdk|gak|nggak|belum) tertarik\b|\b(interest|interested|zaroorat|jarurat) nahi\b|\bnahi chahiye\b|(?<![а-я])(нам |мне )?(это )?(не интересно|не интересует|не нужно)(?![а-я])|(?<![а-я])у нас уже есть(?![а-я])|(لسنا|لست|غير) مهتم/),
  s('interested', 3, 'interested (pl/tr/id/hi/ru/ar)', /\b(brzmi ciekawie|prosze o (wiecej )?informacj\w*|ilginc gorunuyor|fiyat bilgisi|(sangat )?menarik|details bhejo|interested hoon)\b|(?<![а-я])(?<!не )(интересно|пришлите[^.!?\n]{0,20}(цены|праис|детали|информацию))(?![а-я])|(?<!(لست|غير|لسنا) )مهتم/),
  s('meeting_request', 3, 'moves a meeting (pl/tr/id/hi/ru/ar)', /\b(przelozyc|przelozmy|przesunac) (spotkanie|rozmowe|call)\b|\btoplanti\w*\b|\b(jadwal ulang|pindahkan) (rapat|meeting|panggilan)\b|(?<![а-я])(перенес[а-я]*|назначим|созвон[а-я]*|встреч[а-я]*|звонок)(?![а-я])|(اجتماع|موعد)/),
];
