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

/**
 * A Devanagari word edge before and after (the vowel signs are inside the block, so a word ends at a space or a
 * mark). Hindi in Devanagari is normalised without nukta and with anusvara for candrabindu (see normalise-text).
 */
const HI = (source: string) => new RegExp(`(?<![\\u0900-\\u097f])(${source})(?![\\u0900-\\u097f])`);
/** Hindi: the messages and calls themselves, or bothering (Devanagari, English loans as Hindi writes them). */
const HI_CONTACT =
  '(मैसेज|मेसेज|मैसेजेस|मेसेजेस|संदेश|संदेशों|एसएमएस|ईमेल|इमेल|ई-मेल|मेल|कॉल|काल|फोन|संपर्क|सम्पर्क|व्हाट्सऐप|व्हाट्सएप|टेक्स्ट|प्रचार|परेशान|तंग)';
/** Hindi: do / send, as a request (imperative or polite form). */
const HI_DO = '(करो|करना|करें|करे|कीजिए|कीजिये|करिए|करिये|किया करो|भेजो|भेजना|भेजें|भेजे|भेजिए|भेजिये|भेजा करो)';
const HI_SEND = '(भेजो|भेजना|भेजें|भेजे|भेजिए|भेजिये|भेजा करो)';
/** Hindi: remove, take out, delete — with its courtesy ("हटा दीजिए", "निकाल दें", "मिटा दो"). */
const HI_REMOVE =
  '(हटा|हटाओ|हटाइए|हटाएं|निकाल|निकालो|निकालिए|मिटा|मिटाओ|डिलीट)( (दो|दें|दीजिए|दीजिये|देना|दीजे|कर दो|कर दें|कर दीजिए|करो|करें|कीजिए))?';
/** Hindi: a list, a database, a record or a group one can be taken off. */
const HI_LIST = '(लिस्ट|सूची|डेटाबेस|डाटाबेस|रिकॉर्ड|रिकार्ड|ग्रुप|समूह)';

/** Ways to contact someone, as a Polish infinitive or plural imperative. */
const PL_CONTACT =
  '(pisac|piszcie|pisz|dzwonic|dzwoncie|dzwon|kontaktowac|kontaktujcie|wysylac|wysylajcie|przysylac|przysylajcie|spamowac|spamujcie|nekac|nekajcie|zawracac mi glowy|zawracajcie mi glowy)';
/** Russian: write, call, send, bother — infinitive or imperative (normalised: й → и). */
const RU_CONTACT =
  '(писать|пишите|пиши|звонить|звоните|звони|присылать|присылаите|присылаи|слать|шлите|отправлять|отправляите|беспокоить|беспокоите|названивать|названиваите|спамить|тревожить|тревожьте|связываться|звонить мне|писать мне)';

/** A Polish refusal limited to some times ("nie dzwońcie przed 10", "po 20", "w weekendy", "teraz", "dzisiaj"). */
const PL_NOT_SOME_TIMES =
  '(?![^.!?\\n]{0,25}\\b(przed|po|w (weekend|weekendy|nocy|pracy|godzinach)|wieczorem|rano|teraz|dzisiaj|dzis|jutro|do (poniedzialku|piatku|jutra|\\d)|miedzy)\\b)';

/** Not when what is sent is an invoice or a document ("berhenti kirim invoice ke email saya, kirim ke finance@…"). */
const NOT_A_DOCUMENT = '(?! (invoice|invoicenya|tagihan|faktur|kwitansi|nota|laporan|dokumen|file|pdf)\\b)';

// prettier-ignore
export const MORE_LANGUAGE_OPT_OUT_SIGNALS: Signal[] = [
  // Polish
  s('unsubscribe', 4, 'prosi o wypisanie (pl)', /\b(usun|usuncie|wypisz|wypiszcie|wykresl|wykreslcie|skresl|skreslcie)( prosze)? (mnie|nas|moj (adres|numer|mail|e ?mail)|moje dane)\b|\b(usuniecie|wypisanie|wykreslenie) (mnie|nas|moich danych|mojego (adresu|numeru|maila|e ?maila))\b|\b((mnie|nas) )?(usunac|wypisac|wykreslic)( (mnie|nas))? z (listy|bazy|newslettera|mailingu|waszej)\b|\brezygnuje z (newslettera|subskrypcji|otrzymywania|mailingu|wiadomosci)\b|\bjak (moge |mam |mozna )?sie wypisac\b|\bprzestac (do mnie |mi |mnie )?(pisac|dzwonic|wysylac|przysylac|spamowac)\b/),
  s('unsubscribe', 4, 'prosi, by nie pisac (pl)', new RegExp(`\\b(prosze|wiecej|juz|prosze wiecej|prosze juz)( do mnie| mnie| ze mna)? nie ${PL_CONTACT}\\b|\\bnie ${PL_CONTACT}( do mnie| mnie| ze mna)?( wiecej| juz)\\b|\\b(do mnie|ze mna) (wiecej |juz )?nie ${PL_CONTACT}\\b|\\b(przestancie|przestan|prosze przestac)( do mnie| mnie)? ${PL_CONTACT}\\b|\\b(prosze|prosimy|uprzejmie prosze) o (nie ?kontaktowanie|nie ?pisanie|nie ?dzwonienie|nie ?wysylanie|nie ?przysylanie|zaprzestanie (kontaktu|kontaktowania|pisania|dzwonienia|wysylania)|brak (dalszego )?kontaktu)( sie)?( (ze mna|z nami|do mnie|do nas))?\\b`)),
  s('unsubscribe', 4, 'nie piszcie, zapomnijcie o numerze (pl)', new RegExp(`\\bnie (dzwoncie|piszcie|kontaktujcie sie|wysylajcie|przysylajcie|spamujcie|nekajcie)( (do mnie|ze mna|mnie|do nas|z nami))?\\b${PL_NOT_SOME_TIMES}|\\b(zapomnijcie|zapomnij|prosze zapomniec) (o )?(moim numerze|moim (e ?)?mailu|moim adresie|moj numer|moj adres|mnie)\\b|\\b(prosze|prosimy) (mi|nam) (wreszcie )?dac spokoj\\b|\\bnie (chce|chcemy)( juz| wiecej)*( od (was|pana|pani|panstwa))?( juz| wiecej)* (nic |niczego )?(dostawac|otrzymywac)\\b|\\b(koniec|dosc) z (tymi|waszymi) (wiadomosciami|mailami|smsami|telefonami)\\b|(^|[.!?\\n] ?)(wypisac|usunac|wykreslic) (mnie|nas)\\s*[.!]*\\s*$|\\b(moj|moje|moim) (numer|mail|e ?mail|adres|dane)\\b[^\\n]{0,60}\\b(usuncie|usun|skasujcie|wykasujcie) (go|je|to)\\b`)),
  s('unsubscribe', 4, 'nie chce wiadomosci (pl)', /\bnie (zycze|zyczymy) sobie (dalszego |dalszych |zadnego |zadnych |wiecej )?(kontaktu|kontaktow|telefonow|wiadomosci|maili|ofert)\b|\bnie (chce|chcemy|zycze sobie)( juz| wiecej)* (otrzymywac|dostawac|zadnych)( juz| wiecej| zadnych)* (wiadomosci|maili|e ?maili|emaili|sms|smsow|telefonow|ofert|newslettera|informacji|powiadomien)\b|\b(odczepcie sie|odczep sie|dajcie mi|daj mi)( (wreszcie|juz|w koncu|nareszcie|prosze))* (swiety )?spokoj\b|\bodczepcie sie\b/),
  s('unsubscribe', 4, 'sprzeciw wobec marketingu (pl)', /\b(wnosze|zglaszam|sklada(m|my)) sprzeciw (wobec|przeciwko|na) (przetwarzani\w*|wykorzystywani\w*|marketing\w*|otrzymywani\w*)|\b(cofam|wycofuje|odwoluje) (moja |swoja )?zgode\b|\bprosze o (ich |natychmiastowe |niezwloczne )?usuniecie( (moich|tych) danych)?\b/),
  // Turkish
  s('unsubscribe', 4, 'iletisimi durdurmasini istiyor (tr)', /\b(mesaj|mail|e ?posta|eposta|sms|email|bildirim) (atmayin|atma|gondermeyin|gonderme|yollamayin|yollama)\b|\b(beni|bana) (bir daha |artik |lutfen )*(aramayin|arama|yazmayin|yazma|rahatsiz etmeyin|ulasmayin)\b|\b(bir daha|artik) (beni |bana )?(aramayin|yazmayin|ulasmayin|rahatsiz etmeyin)\b|\b(gondermeyi|aramayi|yazmayi|atmayi|rahatsiz etmeyi|mesajlari|mailleri|e ?postalari|aramalari)( (artik|lutfen|hemen|derhal))* (birakin|kesin|birak|kes|durdurun|durdur)\b|\b(mesaj|sms|e ?posta|mail|email) (atmayi|gondermeyi|yollamayi) (birakir|keser|birakabilir|kesebilir) (misiniz|misin|mi)\b/),
  s('unsubscribe', 4, 'listeden cikarilmak istiyor (tr)', /\b(beni )?(listenizden|listeden|listenden|listelerinizden|veritabaninizdan) (beni )?(cikarin|cikartin|silin|cikar|sil)\b|\bbeni silin\b|\babonelikten (cik|cikmak|cikar|cikarin)\w*|\b(verilerimin|bilgilerimin|numaramin) (silinmesini|kaldirilmasini)\b|\b(numarami|numaramizi|verilerimi|bilgilerimi|adresimi|mailimi|e ?posta adresimi|kaydimi) (hemen |lutfen |derhal |artik )?(silin|sil|kaldirin|cikarin)\b|\b(artik )?(mesaj|mail|e ?posta|eposta|sms|arama|bildirim)( almak)? istemiyorum\b|\b(listenizden|listeden|listelerinizden|abonelikten)\b (cikmak|cikarilmak|ayrilmak|silinmek) (istiyorum|istiyoruz)\b|\b(listeden|listenizden|abonelikten) nasil (cikarim|cikabilirim|cikilir|ayrilirim|ayrilabilirim)\b/),
  // Indonesian
  s('unsubscribe', 4, 'minta tidak dihubungi (id)', new RegExp(`\\bjangan (lagi )?(hubungi|menghubungi|telepon|telpon|tlp|kirim|kirimi|mengirim|sms|wa|email|ganggu|spam)\\b${NOT_A_DOCUMENT}|\\bberhenti (mengirim|kirim|menghubungi|menelepon|sms|spam|berlangganan)\\b${NOT_A_DOCUMENT}|\\b(hapus|keluarkan)( saya| sy| nomor saya| nomor sy| email saya| data saya)\\b|\\b(tidak|gak|nggak|ga) (mau|ingin) (menerima|terima|dapat|dikirimi|dihubungi)( pesan| email| sms| wa)?( lagi)?\\b|\\b(gimana|bagaimana) (caranya |cara )?(berhenti|stop) (dapat|dapet|menerima|terima) (pesan|sms|email|wa)\\b`)),
  // Hindi (Latin script)
  s('unsubscribe', 4, 'message mat bhejo (hi)', /\b(message|messages|call|calls|phone|sms|email|emails|mail|whatsapp|contact|sampark|text|texts|pareshan|tang)( bhi)? (mat|na|nahi|mat hi) (karo|karna|karein|kijiye|kare|bhejo|bhejna|bhejiye|bhejein|bhejo na)\b|\b(mat|na) bhejo\b/),
  s('unsubscribe', 4, 'list se naam hatao (hi)', /\b(list|database|list se mera naam)\b[^.!?\n]{0,30}\b(hata|hatao|hata do|hata dijiye|nikal|nikalo|nikal do|remove kar|delete kar)\w*|\b(mera|meri|mere|hamara|hamari) (naam|number|details|data|email|contact)\b[^.!?\n]{0,20}\b(hata|hatao|nikalo|delete|remove)\b(?! (hoga|hogi|ho jayega|ho jaega|ho jayegi|hota|hoti|hua|hui|ho gaya|ho gayi)\b)/),
  // Hindi (Devanagari)
  s('unsubscribe', 4, 'मैसेज मत भेजो (hi)', HI(`${HI_CONTACT}( भी| और| अब| कभी)? (मत|न|ना) ${HI_DO}|(सब|कुछ|कुछ भी|और|दोबारा|फिर से|आगे से|अब से) (मत|न|ना) ${HI_SEND}|${HI_CONTACT} (करना|भेजना|करने|भेजने) बंद (करो|करें|कीजिए|कीजिये|करिए|कर दो|कर दें|कर दीजिए)|(ये|यह) (सब|मैसेज|मेसेज|कॉल|ईमेल|संदेश) बंद (करो|करें|कीजिए|कर दो|कर दीजिए)|बंद (करो|करें|कीजिए) (ये|यह) (सब|मैसेज|मेसेज|कॉल|ईमेल|संदेश)|(मैसेज|मेसेज|कॉल|ईमेल|संदेश|एसएमएस) बंद (करो|करें|कीजिए|कीजिये|कर दो|कर दें|कर दीजिए)`)),
  s('unsubscribe', 4, 'लिस्ट से हटाओ (hi)', HI(`${HI_LIST} से( (मुझे|मेरा|मेरी|मेरे|हमें|हमारा|हमारी|हमारे|नाम|नंबर|ईमेल|आईडी|इसे|कृपया|तुरंत|जल्दी))* ${HI_REMOVE}|(सदस्यता|सब्सक्रिप्शन) (समाप्त|खत्म|रद्द|कैंसल)|(अनसब्सक्राइब|unsubscribe) (कर दो|कर दें|कर दीजिए|कर दीजिये|करो|करें|कीजिए)|(dnd|डीएनडी) (में|पर) डाल|(कोई|कोई भी) (ईमेल|मैसेज|मेसेज|संदेश|कॉल|संपर्क)( [^ .!?]+)? नहीं (चाहिए|चाहता|चाहती|चाहते)|(संपर्क|मैसेज|ईमेल|संदेश|कॉल) नहीं (चाहिए|चाहता|चाहती|चाहते)|(मुझे|मुझको) परेशान (मत|न) (करो|करें|कीजिए)|(मेरा|मेरी|मेरे|हमारा|हमारी|हमारे) (नंबर|नम्बर|ईमेल|डिटेल्स|डेटा|डाटा|जानकारी|कॉन्टैक्ट)( (यहां|यहाँ|अपने सिस्टम|सिस्टम|कृपया|तुरंत|जल्दी|से))* ${HI_REMOVE}(?! (होगा|होगी|हो जाएगा|हो जाएगी|हो जायेगा|होता|होती|हुआ|हुई|हो गया|हो गई))`)),
  // Russian
  s('unsubscribe', 4, 'просит не писать (ru)', RU(`(больше |прошу |пожалуиста )*не ${RU_CONTACT}|(хватит|прекратите|прекрати|перестаньте|перестань|прошу прекратить)( мне| меня)? (${RU_CONTACT}|рассылку|спам|эти письма|эти сообщения|присылать сообщения|звонки)|(можете|можно|могли бы)( вы)? (перестать|прекратить) (мне |нам )?(писать|звонить|присылать|слать|отправлять)|как (мне )?отписаться`)),
  s('unsubscribe', 4, 'просит удалить (ru)', RU('(удалите|удалить|исключите|исключить|уберите|убрать|отпишите|отписать|вычеркните)( меня| мои| мои номер| мои адрес| мою почту| мои персональные данные| мои данные)|отписаться|отписка|не хочу (больше )?получать|оставьте меня в покое|отстаньте|отстань|отвяжитесь|отвяжись')),
  s('unsubscribe', 4, 'ne pishite (ru, Latin)', /\b((bolshe|pozhalu[iy]?sta|proshu|bolche) )*ne (pishite|pishi|zvonite|zvoni|prisylaite|prisylayte|bespokoite|bespokoyte|trevozhte)( (mne|menya))?( (bolshe|bolche))?\b/),
  // Arabic
  s('unsubscribe', 4, 'يطلب عدم التواصل (ar)', /لا (ت|تقوم ب)?(راسل|تراسل|تتصل|تتصلوا|ترسل|ترسلوا|تكتب|تكتبوا|تزعج|تزعجوا)|(توقف|توقفوا|وقفوا|وقف|كفى|كفايه)( عن)? (ال)?(اتصال|مراسل|ارسال|رسائل|رسايل|ازعاج)|لا (اريد|نريد|ارغب|نرغب) (استلام|تلقي|استقبال|وصول)|(الغاء|الغي) (اشتراكي|الاشتراك)|عدم (ال)?(ارسال|مراسل|اتصال|تواصل|ازعاج)/),
  s('unsubscribe', 4, 'يطلب حذف بياناته (ar)', /(ازاله|حذف|احذف|احذفوا|امسح|امسحوا|شطب)( رقمي| اسمي| بريدي| بياناتي| بيانات)|(حذف|ازاله) (ي|ني) من/),
];

// prettier-ignore
export const MORE_LANGUAGE_SIGNALS: Signal[] = [
  // Hindi (Devanagari): away in the first person, refusals, timing, meetings, interest, the wrong person, receipts
  s('out_of_office', 4, 'away (hi)', HI('(कार्यालय|ऑफिस|दफ्तर) से बाहर (हूं|रहूंगा|रहूंगी|हैं)|छुट्टी पर (हूं|रहूंगा|रहूंगी|हैं)|स्वचालित (उत्तर|जवाब)')),
  s('not_interested', 3, 'not interested (hi)', HI('(दिलचस्पी|रुचि|रूचि|इंटरेस्ट) नहीं|जरूरत नहीं|पहले से (दूसरा|दूसरी|एक|कोई)')),
  s('not_now', 3, 'later (hi)', HI('अभी नहीं|अगले (महीने|साल|हफ्ते|सप्ताह|क्वार्टर)|(दिवाली|होली|नए साल|छुट्टियों) के बाद|बाद में (संपर्क|बात)')),
  s('meeting_request', 3, 'a time to talk (hi)', HI('\\d{1,2} बजे|(मीटिंग|कॉल|डेमो)[^.!?\\n]{0,20}(रद्द|शिफ्ट|सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार)|(सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार)[^.!?\\n]{0,20}(मीटिंग|कॉल|डेमो|बात)')),
  s('interested', 3, 'send the details (hi)', HI('(डिटेल्स|जानकारी|प्राइस लिस्ट|कोटेशन|ब्रोशर|कीमत|प्रपोजल)[^.!?\\n]{0,15}(भेज दीजिए|भेज दीजिये|भेजिए|भेजिये|भेजो|भेज दो|भेज दें|भिजवाओ|भिजवाइए|भिजवा दीजिए)|(भेजिए|भेज दीजिए|भेजो) (डिटेल्स|जानकारी|कोटेशन|ब्रोशर)|डेमो देखना')),
  s('wrong_person', 4, 'not the one who handles it (tr/ru/hi)', /\b(bu konuyla|bu konu ile|bu isle) (ben )?ilgilenmiyorum\b(?=[^\n]{0,80}\b(yazin|ulasin|iletisime gecin|gorusun|arayin|konusun|yazabilirsiniz)\b)|\b(ben )?(bu konuda |bu konudan )?(yetkili|sorumlu|dogru kisi) degilim\b|(?<![а-я])(это не ко мне|вы не по адресу|я (этим|этои темои|этим вопросом) не занимаюсь|я не занимаюсь (этим|этои темои|этим вопросом))(?![а-я])|\b(main|mai|hum) (ye|yeh|is|iss|ye sab) ((kaam|cheez|department) )?(nahi|nahin) (dekhta|dekhti|dekhte|sambhalta|sambhalti|handle karta|handle karti)\b|\bsahi (person|insaan|aadmi|banda) nahi\b/),
  s('interested', 3, 'asks the price (hi)', HI('(कीमत|दाम|प्राइस|रेट) क्या (होगी|होगा|है|रहेगी|रहेगा)')),
  s('wrong_person', 4, 'not the right person (hi)', HI('सही (व्यक्ति|इंसान|आदमी) नहीं')),
  s('neutral', 2, 'thanks, received (hi)', HI('(धन्यवाद|शुक्रिया)[, ]*(मिल गया|मिल गई|ठीक है)')),
  s('neutral', 2, 'sends the invoices to another address (id)', /\b(berhenti|jangan) (kirim|mengirim)\w* (invoice|tagihan|faktur|kwitansi)\w*\b[^.!?\n]{0,40}\bkirim\w* (saja |aja )?ke\b/),
  s('neutral', 2, 'received, will look (hi, Latin)', /\b(thik|theek|thk) (hai|h),? (mil gaya|mil gayi|mil gaye)\b|\b(mil gaya|mil gayi|mil gaye)\b[^.!?\n]{0,4}\b(kal|baad mein|baad me|shaam ko) (dekhta|dekhti|dekh|dekhenge|dekh lunga|dekh lungi)\b/),
  s('out_of_office', 4, 'away (pl/tr/id/hi/ru/ar)', /\b(jestem|bede|przebywam) (poza (biurem|firma)|na urlopie|nieobecn\w*|na zwolnieniu)\b|\b(ofis disindayim|ofis disinda olacagim|izindeyim|izinliyim|tatildeyim|yillik izindeyim)\b|\bsaya (sedang |lagi )?(cuti|di luar kantor|berlibur|dinas luar)\b|\b(main|mai|hum)\b[^.!?\n]{0,30}\b(chutti|chhutti|leave|office se bahar)( pe| par)? (hoon|hu|hain|rahunga|rahungi)\b|(?<![а-я])((я|сеичас) )?(в отпуске|вне офиса|на больничном|в командировке|нет в офисе|не в офисе)(?![а-я])|(انا|ساكون) (خارج المكتب|في اجازه)/),
  s('interested', 3, 'interest (pl/tr/id/hi/ru/ar, more)', /\b(ilgimi cekti|ilgimizi cekti|ilgileniyorum|ilgileniyoruz)\b|\b(saya|kami) (sangat |cukup |jadi )?tertarik\b|\b(boleh minta|tolong kirim)\b[^.!?\n]{0,20}\b(harga|daftar harga|proposal|penawaran|brosur)\b|\b(price|prices|rate|rates|quote|details) (bhejo|bhej do|bhejiye|bhejna)\b|\b(prosze|prosimy) (przeslac|wyslac|o) (oferte|cennik|wycene)\b|\bkirim(kan)? (saja |aja |dong |ya )?(proposal|penawaran|harga|daftar harga|brosur|detail)\w*|\b(teklif|fiyat|sunum|katalog|detay)\w* (mail atar|mail atabilir|gonderir|gonderebilir|yollar|yollayabilir|iletir|iletebilir)\w*|(?<![а-я])(пришлите|отправьте|скиньте|вышлите)( мне| нам)?( [а-я]+)? (предложение|кп|презентацию|праис|прайс|цены|расценки|каталог)(?![а-я])|(ارسلوا|ارسل|ابعثوا|ابعث|ارسلي) (لي|لنا) (العرض|عرض|الاسعار|التفاصيل|الكتالوج)/),
  s('meeting_request', 3, 'asks to talk (pl/ar)', /\b(mozemy|moglibysmy|mozna) (porozmawiac|sie spotkac|umowic)\b|متي (يمكننا|نستطيع|ممكن) (التحدث|الحديث|نتكلم|الاجتماع|نلتقي)/),
  // "abhi nahi, next month baat karte hain": not now, with the later time named (Hindi in Latin script)
  s('not_now', 3, 'later (hi, Latin)', /\babhi (nahi|nhi|nahin|zaroorat nahi|busy hoon|busy hu)\b[^.!?\n]{0,40}\b(baad mein|baad me|next (week|month|year|quarter)|agle (hafte|mahine|saal)|(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec) (mein|me|ke baad))\b/),
  s('not_interested', 3, 'no thanks (ar)', /^(لا|كلا)[ ,،.!]*(شكرا|متشكر|مشكور)[ .!]*$/),
  s('not_interested', 3, 'not interested (pl/tr/id/hi/ru/ar)', /\bnie (jestesmy|jestem) zainteresowan\w*|\bnie jestesmy tym zainteresowani\b|\bilgilenmiyor(uz|um)\b|\b(tidak|tdk|gak|nggak|belum) tertarik\b|\b(interest|interested|zaroorat|jarurat) nahi\b|\bnahi chahiye\b|(?<![а-я])(нам |мне )?(это )?(не интересно|не интересует|не нужно)(?![а-я])|(?<![а-я])у нас уже есть(?![а-я])|(لسنا|لست|غير) مهتم/),
  s('interested', 3, 'interested (pl/tr/id/hi/ru/ar)', /\b(brzmi ciekawie|prosze o (wiecej )?informacj\w*|ilginc gorunuyor|fiyat bilgisi|(sangat )?menarik|details bhejo|interested hoon)\b|(?<![а-я])(?<!не )(интересно|пришлите[^.!?\n]{0,20}(цены|праис|детали|информацию))(?![а-я])|(?<!(لست|غير|لسنا) )مهتم/),
  s('meeting_request', 3, 'moves a meeting (pl/tr/id/hi/ru/ar)', /\b(przelozyc|przelozmy|przesunac) (spotkanie|rozmowe|call)\b|\btoplanti\w*\b|\b(jadwal ulang|pindahkan) (rapat|meeting|panggilan)\b|(?<![а-я])(перенес[а-я]*|назначим|созвон[а-я]*|встреч[а-я]*|звонок)(?![а-я])|(اجتماع|موعد)/),
];
