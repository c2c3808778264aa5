/**
 * Industries the product-context chat recognises, by their words in en/es/fr/de/pt/it/nl (normalised: lowercase,
 * no accents). The canonical English name is what the metadata stores.
 */
// prettier-ignore
const LEXICON: Record<string, string[]> = {
  'healthcare': ['healthcare', 'health care', 'health', 'hospital', 'hospitals', 'clinic', 'clinics', 'medical', 'salud', 'sanidad', 'sante', 'gesundheitswesen', 'gesundheit', 'kliniken', 'saude', 'sanita', 'ospedali', 'zorg', 'gezondheidszorg', 'ziekenhuizen'],
  'dental': ['dental', 'dentists', 'dentist', 'dental clinics', 'dental practices', 'clinicas dentales', 'clinicas odontologicas', 'cliniques dentaires', 'cabinets dentaires', 'zahnarztpraxen', 'studi dentistici', 'tandartspraktijken', 'dentistas', 'dentistes', 'zahnarzte', 'dentisti', 'tandartsen'],
  'real estate': ['real estate', 'realtors', 'property', 'properties', 'inmobiliaria', 'inmobiliarias', 'bienes raices', 'immobilier', 'immobilien', 'imobiliario', 'imobiliarias', 'immobiliare', 'vastgoed', 'makelaars'],
  'retail': ['retail', 'retailers', 'shops', 'stores', 'comercio minorista', 'tiendas', 'commerce de detail', 'einzelhandel', 'varejo', 'vendita al dettaglio', 'detailhandel', 'winkels'],
  'e-commerce': ['e commerce', 'ecommerce', 'e commerce shops', 'e commerce stores', 'ecommerce shops', 'ecommerce stores', 'ecommerce brands', 'e commerce brands', 'dtc brands', 'online shops', 'online stores', 'webshops', 'comercio electronico', 'commerce en ligne', 'onlinehandel', 'comercio eletronico'],
  'software': ['saas', 'software', 'tech companies', 'startups', 'tech startups', 'b2b saas', 'logiciel', 'empresas de software', 'softwarefirmen'],
  'manufacturing': ['manufacturing', 'manufacturers', 'factories', 'industrial', 'fabricacion', 'manufactura', 'industria', 'fabricants', 'industrie', 'fertigung', 'produktion', 'fabricacao', 'manifattura', 'maakindustrie', 'productiebedrijven'],
  'logistics': ['logistics', 'transport', 'transportation', 'shipping', 'freight', 'trucking', 'logistica', 'logistique', 'logistik', 'spedition', 'logistiek', 'transportbedrijven'],
  'financial services': ['finance', 'financial services', 'fintech', 'banks', 'banking', 'finanzas', 'banca', 'finance', 'banques', 'finanzen', 'banken', 'financas', 'bancos', 'finanza', 'financiele dienstverlening'],
  'insurance': ['insurance', 'insurers', 'seguros', 'aseguradoras', 'assurance', 'assurances', 'versicherung', 'versicherungen', 'assicurazioni', 'verzekeringen', 'verzekeraars'],
  'education': ['education', 'schools', 'universities', 'edtech', 'educacion', 'escuelas', 'universidades', 'enseignement', 'ecoles', 'bildung', 'schulen', 'hochschulen', 'educacao', 'istruzione', 'scuole', 'onderwijs', 'scholen'],
  'hospitality': ['hospitality', 'hotels', 'restaurants', 'hoteles', 'restaurantes', 'hotellerie', 'hotellerie restauration', 'gastronomie', 'gastgewerbe', 'hotelaria', 'ospitalita', 'horeca'],
  'construction': ['construction', 'contractors', 'builders', 'construccion', 'constructoras', 'batiment', 'btp', 'bauwesen', 'baugewerbe', 'bauunternehmen', 'construcao', 'edilizia', 'bouw', 'bouwbedrijven', 'aannemers'],
  'legal': ['legal', 'law firms', 'lawyers', 'attorneys', 'despachos de abogados', 'abogados', 'cabinets d avocats', 'avocats', 'kanzleien', 'anwaltskanzleien', 'escritorios de advocacia', 'studi legali', 'advocatenkantoren'],
  'marketing agencies': ['marketing agencies', 'ad agencies', 'digital agencies', 'agencias de marketing', 'agences marketing', 'agences de communication', 'marketingagenturen', 'werbeagenturen', 'agencias de publicidade', 'agenzie di marketing', 'marketingbureaus', 'reclamebureaus'],
  'automotive': ['automotive', 'car dealers', 'dealerships', 'automocion', 'concesionarios', 'automobile', 'concessionnaires', 'autohauser', 'automobil', 'automotivo', 'concessionarie', 'autodealers'],
  'energy': ['energy', 'utilities', 'solar', 'renewables', 'energia', 'energie', 'energieversorger', 'energiebedrijven'],
  'telecommunications': ['telecom', 'telecommunications', 'telcos', 'telecomunicaciones', 'telecommunications', 'telekommunikation', 'telecomunicacoes', 'telecomunicazioni'],
  'nonprofit': ['nonprofit', 'non profit', 'nonprofits', 'ngos', 'charities', 'ong', 'ongs', 'associations', 'vereine', 'onlus', 'goede doelen'],
  'government': ['government', 'public sector', 'municipalities', 'gobierno', 'sector publico', 'secteur public', 'offentlicher sektor', 'behorden', 'setor publico', 'pubblica amministrazione', 'overheid', 'gemeenten'],
  'food and beverage': ['food and beverage', 'food', 'beverage', 'alimentacion', 'agroalimentaire', 'lebensmittel', 'alimentos', 'alimentare', 'voedingsmiddelen'],
  'travel': ['travel', 'tourism', 'travel agencies', 'turismo', 'viajes', 'tourisme', 'reisebranche', 'tourismus', 'viagens', 'reisbranche', 'toerisme'],
  'media': ['media companies', 'publishing', 'publishers', 'medios', 'editoriales', 'medias', 'verlage', 'midia', 'editoria'],
  'pharmaceuticals': ['pharma', 'pharmaceutical', 'pharmaceuticals', 'life sciences', 'farmaceutica', 'farmaceuticas', 'pharmaceutique', 'pharmaindustrie', 'farmaceutico'],
  'agriculture': ['agriculture', 'farming', 'farms', 'agricultura', 'agriculture', 'landwirtschaft', 'agricoltura', 'landbouw'],
  'recruiting': ['recruiting', 'recruitment', 'staffing', 'hr', 'human resources', 'reclutamiento', 'recursos humanos', 'recrutement', 'ressources humaines', 'personalvermittlung', 'recrutamento', 'reclutamento', 'risorse umane', 'werving', 'uitzendbureaus'],
  'fitness': ['fitness', 'gyms', 'gimnasios', 'salles de sport', 'fitnessstudios', 'academias', 'palestre', 'sportscholen'],
  'beauty': ['beauty', 'salons', 'spas', 'belleza', 'salones', 'beaute', 'kosmetik', 'beleza', 'bellezza', 'schoonheidssalons'],
};

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ');

const ENTRIES = Object.entries(LEXICON)
  .flatMap(([name, words]) => words.map((w) => ({ name, re: new RegExp(`\\b${normalise(w)}\\b`) })))
  .sort((a, b) => b.re.source.length - a.re.source.length);

/** The canonical industries named in a text, in order of first mention, no duplicates. */
export function findIndustries(text: string): string[] {
  let t = normalise(text);
  const found: Array<{ name: string; at: number }> = [];
  // Longest words first; a match is blanked so "dental clinics" does not also count as "clinics".
  for (const entry of ENTRIES) {
    const m = entry.re.exec(t);
    if (!m) continue;
    if (!found.some((f) => f.name === entry.name)) found.push({ name: entry.name, at: m.index });
    t = t.slice(0, m.index) + ' '.repeat(m[0].length) + t.slice(m.index + m[0].length);
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}
