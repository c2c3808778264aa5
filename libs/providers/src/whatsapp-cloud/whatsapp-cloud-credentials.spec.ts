import { graphBaseUrl, WHATSAPP_GRAPH_DEFAULT_VERSION } from './whatsapp-cloud-credentials';

describe('graphBaseUrl', () => {
  const credentials = { access_token: 't', phone_number_id: '106540352242922' };

  it("is Meta's Graph API at the default version, one Meta keeps until July 2028", () => {
    expect(WHATSAPP_GRAPH_DEFAULT_VERSION).toBe('v25.0');
    expect(graphBaseUrl(credentials)).toBe('https://graph.facebook.com/v25.0');
  });

  it("is at the tenant's version when its config names one, and at base_url when set", () => {
    expect(graphBaseUrl({ ...credentials, graph_api_version: 'v26.0' })).toBe(
      'https://graph.facebook.com/v26.0',
    );
    expect(
      graphBaseUrl({ ...credentials, graph_api_version: 'v26.0', base_url: 'http://127.0.0.1:9/v21.0' }),
    ).toBe('http://127.0.0.1:9/v21.0');
  });
});
