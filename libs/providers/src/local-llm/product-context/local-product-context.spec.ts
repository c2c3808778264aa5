import { EMPTY_PRODUCT, type ProductMetadata } from '../../llm/llm-tasks';
import { findIndustries } from './industries';
import { productContextTurnLocally } from './local-product-context';

const turn = (user_message: string, metadata: ProductMetadata = EMPTY_PRODUCT) =>
  productContextTurnLocally({ user_message, metadata, history: [] });

describe('productContextTurnLocally', () => {
  it('extracts the product and description and asks for the next missing field', () => {
    const t = turn(
      'Our product is called Reachline. It is a multichannel outreach platform that answers replies with AI.',
    );
    expect(t.metadata.product).toBe('Reachline');
    expect(t.metadata.description).toBe('a multichannel outreach platform that answers replies with AI');
    expect(t.status).toBe('clarifying');
    expect(t.missing).toEqual(['value_propositions', 'industries', 'ideal_customer', 'tone']);
    expect(t.reply).toMatch(/^Got it — the product is Reachline/);
    expect(t.reply).toMatch(/benefits/);
  });

  it('confirms once product, value propositions, industries and ideal customer are known', () => {
    const t = turn(
      'We make Kanbo, a scheduling app for dental clinics and gyms. Benefits: fewer no-shows, online booking, automatic reminders. Tone should be formal.',
    );
    expect(t.metadata).toEqual({
      product: 'Kanbo',
      description: 'a scheduling app for dental clinics and gyms',
      value_propositions: ['fewer no-shows', 'online booking', 'automatic reminders'],
      industries: ['dental', 'fitness'],
      ideal_customer: 'dental clinics and gyms',
      tone: 'formal',
    });
    expect(t.status).toBe('confirmed');
    expect(t.missing).toEqual([]);
    expect(t.reply).toContain('Your product context is complete');
  });

  it('merges lists without duplicates, replaces the product, and a pivot replaces the industries', () => {
    const start: ProductMetadata = {
      product: 'Kanbo',
      description: null,
      value_propositions: ['Fewer no-shows'],
      industries: ['dental'],
      ideal_customer: null,
      tone: null,
    };
    const a = turn(
      'It reduces no-shows by 30% and saves front-desk time. Our customers are practice managers.',
      start,
    );
    expect(a.metadata.value_propositions).toEqual([
      'Fewer no-shows',
      'reduces no-shows by 30%',
      'saves front-desk time',
    ]);
    expect(a.metadata.ideal_customer).toBe('practice managers');
    const b = turn(
      'Our product is now called Kanbo Pro. We pivoted to logistics and manufacturing.',
      a.metadata,
    );
    expect(b.metadata.product).toBe('Kanbo Pro');
    expect(b.metadata.industries).toEqual(['logistics', 'manufacturing']);
    expect(b.metadata.value_propositions).toHaveLength(3);
    expect(b.status).toBe('confirmed');
  });

  it('asks for the industries when only they are missing', () => {
    const t = turn('Targeting heads of sales.', {
      ...EMPTY_PRODUCT,
      product: 'X',
      value_propositions: ['fast'],
    });
    expect(t.metadata.ideal_customer).toBe('heads of sales');
    expect(t.reply).toContain('Which industries');
  });

  it('recognises industries in several languages', () => {
    expect(findIndustries('Vendemos a inmobiliarias y clínicas dentales')).toEqual(['real estate', 'dental']);
    expect(findIndustries('Wir arbeiten mit Kanzleien und Logistik-Unternehmen')).toEqual([
      'legal',
      'logistics',
    ]);
    expect(findIndustries('hotels, restaurants and e-commerce shops')).toEqual(['hospitality', 'e-commerce']);
  });
});
