/**
 * Month names chrono-node does not read, in the order of the year, for the return dates of away replies: Polish
 * (genitive), Turkish, Indonesian, Russian (genitive), Arabic (the names used in Egypt and the Gulf), Czech
 * (genitive), Romanian, Ukrainian (genitive), Greek (genitive), Danish / Norwegian, Hindi and Thai, accents optional.
 * Each is written after the day ("10 grudnia", "7. ledna", "5 มกราคม").
 */
// prettier-ignore
export const OTHER_MONTHS: string[][] = [
  ['stycznia', 'ocak', 'januari', 'января', 'يناير', 'ledna', 'ianuarie', 'січня', 'ιανουαρ[ιί]ου', 'januar', 'जनवरी', 'มกราคม'],
  ['lutego', '[sş]ubat', 'februari', 'февраля', 'فبراير', '[uú]nora', 'februarie', 'лютого', 'φεβρουαρ[ιί]ου', 'februar', 'फ़?रवरी|फ़रवरी', 'กุมภาพันธ์'],
  ['marca', 'mart', 'maret', 'марта', 'مارس', 'b[rř]ezna', 'martie', 'березня', 'μαρτ[ιί]ου', 'marts', 'मार्च', 'มีนาคม'],
  ['kwietnia', 'nisan', 'april', 'апреля', '[اأإ]بريل', 'dubna', 'aprilie', 'квітня', 'απριλ[ιί]ου', 'april', 'अप्रैल', 'เมษายน'],
  ['maja', 'may[iı]s', 'mei', 'мая', 'مايو', 'kv[eě]tna', 'mai', 'травня', 'μα[ιΐί]ου', 'maj', 'मई', 'พฤษภาคม'],
  ['czerwca', 'haziran', 'juni', 'июня', 'يونيو', '[cč]ervna', 'iunie', 'червня', 'ιουν[ιί]ου', 'juni', 'जून', 'มิถุนายน'],
  ['lipca', 'temmuz', 'juli', 'июля', 'يوليو', '[cč]ervence', 'iulie', 'липня', 'ιουλ[ιί]ου', 'juli', 'जुलाई', 'กรกฎาคม'],
  ['sierpnia', 'a[gğ]ustos', 'agustus', 'августа', '[اأ]غسطس', 'srpna', 'august', 'серпня', 'αυγο[υύ]στου', 'august', 'अगस्त', 'สิงหาคม'],
  ['wrze[sś]nia', 'eyl[uü]l', 'september', 'сентября', 'سبتمبر', 'z[aá][rř][ií]', 'septembrie', 'вересня', 'σεπτεμβρ[ιί]ου', 'september', 'सितंबर|सितम्बर', 'กันยายน'],
  ['pa[zź]dziernika', 'ekim', 'oktober', 'октября', '[اأ]كتوبر', '[rř][ií]jna', 'octombrie', 'жовтня', 'οκτωβρ[ιί]ου', 'oktober', 'अक्टूबर|अक्तूबर', 'ตุลาคม'],
  ['listopada', 'kas[iı]m', 'november', 'ноября', 'نوفمبر', 'listopadu', 'noiembrie', 'листопада', 'νοεμβρ[ιί]ου', 'november', 'नवंबर|नवम्बर', 'พฤศจิกายน'],
  ['grudnia', 'aral[iı]k', 'desember', 'декабря', 'ديسمبر', 'prosince', 'decembrie', 'грудня', 'δεκεμβρ[ιί]ου', 'december|desember', 'दिसंबर|दिसम्बर', 'ธันวาคม'],
];

/** Hungarian month names, written before the day ("január 7-én"), accents optional. */
// prettier-ignore
export const HUNGARIAN_MONTHS = [
  'janu[aá]r', 'febru[aá]r', 'm[aá]rcius', '[aá]prilis', 'm[aá]jus', 'j[uú]nius',
  'j[uú]lius', 'augusztus', 'szeptember', 'okt[oó]ber', 'november', 'december',
];
