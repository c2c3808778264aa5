import { extractReferral } from './referral';

describe('a referral names the person in Polish, Indonesian, Vietnamese, Romanian, Swedish and German with ß', () => {
  it.each([
    ['Nie zajmuję się tym. Osoba kontaktowa: Łukasz Wróbel, 601 234 567', 'Łukasz Wróbel'],
    ['Maaf, bukan bagian saya. Silakan hubungi Pak Budi di 0813-2222-3333', 'Pak Budi'],
    ['Tôi không phụ trách, bạn liên hệ chị Hương nhé', 'chị Hương'],
    ['Nu mă ocup eu. Vorbiți cu Ștefan Ionescu de la achiziții.', 'Ștefan Ionescu'],
    ['Fel person, kontakta istället vår inköpare. Prata med Sven Åström.', 'Sven Åström'],
    ['Yanlış kişi, satın alma için Mehmet Yılmaz (mehmet@akdeniz.com.tr) ile görüşün.', 'Mehmet Yılmaz'],
    ['Zuständig ist Herr Jörg Strauß, j.strauss@lindenhof-bau.de', 'Herr Jörg Strauß'],
    ['Wenden Sie sich bitte an Frau Weißbach, weissbach@kontor-nord.de', 'Frau Weißbach'],
    ['Das Thema liegt nun bei Frau Anja Preuß: a.preuss@holzhaus-nord.de', 'Frau Anja Preuß'],
  ])('%s -> %s', (text, name) => {
    expect(extractReferral(text)?.name).toBe(name);
  });

  it('a contact phrase followed by no capitalised name names nobody', () => {
    expect(extractReferral('Silakan hubungi saya lagi bulan depan.')).toBeNull();
  });
});
