import * as dns from 'node:dns';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProviderError } from '../provider-error';
import { EgressDeniedError, EgressPolicy, egressRefusal } from './egress-policy';
import { requestJson } from './json-http';
import { downloadMedia } from './media-download';

/**
 * The egress policy for tenants' own endpoints: public unicast addresses only, plus what the operator allows;
 * checked on the addresses a name resolves to when the connection is made.
 */
describe('EgressPolicy', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** A look-up that resolves `name` to `address`, every other name as usual. */
  function resolving(name: string, address: string): typeof dns.lookup {
    return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      if (hostname !== name) return dns.lookup(hostname, options, callback as never);
      const family = address.includes(':') ? 6 : 4;
      return options.all ? callback(null, [{ address, family }]) : callback(null, address, family);
    }) as unknown as typeof dns.lookup;
  }

  it('allows public unicast addresses and refuses private, loopback, link-local and reserved ones', () => {
    const policy = new EgressPolicy();
    for (const address of ['8.8.8.8', '2606:4700::1111', '52.1.2.3'])
      expect([address, policy.allowsAddress(address)]).toEqual([address, true]);
    for (const address of [
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::ffff:127.0.0.1',
      'fd00::1',
      'fe80::1',
      '224.0.0.1',
      'not-an-ip',
    ])
      expect([address, policy.allowsAddress(address)]).toEqual([address, false]);
  });

  it('allows what the operator lists: addresses, CIDRs and host names', () => {
    const policy = new EgressPolicy(['10.0.5.0/24', '127.0.0.1', 'ollama', '[::1]']);
    expect(policy.refusal('http://[::1]:8080/')).toBeNull();
    expect(policy.allowsAddress('10.0.5.7')).toBe(true);
    expect(policy.allowsAddress('10.0.6.1')).toBe(false);
    expect(policy.allowsAddress('127.0.0.1')).toBe(true);
    expect(policy.allowsAddress('127.0.0.2')).toBe(false);
    expect(policy.refusal('http://ollama:11434/v1')).toBeNull();
    expect(policy.refusal('http://127.0.0.1:11434/v1')).toBeNull();
  });

  it('tells what the operator listed from what is merely public (plain http is allowed only to the former)', () => {
    const policy = new EgressPolicy(['10.0.5.0/24', '127.0.0.1', 'Ollama', '[::1]']);
    for (const host of ['10.0.5.7', '127.0.0.1', 'ollama', 'OLLAMA', '[::1]', '::1'])
      expect({ host, allowed: policy.operatorAllows(host) }).toEqual({ host, allowed: true });
    for (const host of ['10.0.6.1', '127.0.0.2', '8.8.8.8', 'hooks.slack.com', 'localhost', 'not an ip'])
      expect({ host, allowed: policy.operatorAllows(host) }).toEqual({ host, allowed: false });
  });

  it('refuses, before any look-up, a URL that is not http(s), a literal private address and localhost', () => {
    const policy = new EgressPolicy();
    expect(policy.refusal('https://api.openai.com/v1')).toBeNull();
    expect(policy.refusal('ftp://files.example.com/')).toBe('must be an absolute http(s) URL');
    expect(policy.refusal('not a url')).toBe('must be an absolute http(s) URL');
    for (const url of [
      'http://127.0.0.1:6379/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/',
      'http://localhost:3000/',
      'http://api.localhost/',
      'http://0x7f000001/',
    ])
      expect([url, policy.refusal(url)]).toEqual([
        url,
        expect.stringContaining('private, loopback or reserved'),
      ]);
  });

  it('connects to a literal address it allows, and never to one it refuses', async () => {
    const before = hits;
    const refused = await new EgressPolicy().fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(egressRefusal('test', refused)).toMatchObject({ kind: 'rejected', providerCode: 'EGRESS_DENIED' });
    expect(hits).toBe(before);

    const allowed = await new EgressPolicy(['127.0.0.1']).fetch(`http://127.0.0.1:${port}/`);
    expect(allowed.status).toBe(200);
    expect(hits).toBe(before + 1);
  });

  it('refuses a name that resolves to a private address when the connection is made', async () => {
    const lookUp = resolving('llm.internal.example', '127.0.0.1');
    const before = hits;
    const policy = new EgressPolicy([], lookUp);
    expect(policy.refusal(`http://llm.internal.example:${port}/`)).toBeNull();
    const error = await requestJson({
      provider: 'telegram',
      method: 'GET',
      url: `http://llm.internal.example:${port}/`,
      fetch: policy.fetch,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      provider: 'telegram',
      kind: 'rejected',
      retryable: false,
      mayHaveBeenSent: false,
      providerCode: 'EGRESS_DENIED',
    });
    await expect(
      downloadMedia({
        provider: 'twilio',
        url: `http://llm.internal.example:${port}/f`,
        maxBytes: 10,
        fetch: policy.fetch,
      }),
    ).rejects.toMatchObject({ kind: 'rejected', providerCode: 'EGRESS_DENIED' });
    await expect(policy.resolve('llm.internal.example')).rejects.toBeInstanceOf(EgressDeniedError);
    expect(hits).toBe(before);

    // Allowed by name, the same host is reached.
    const named = new EgressPolicy(['llm.internal.example'], lookUp);
    const ok = await requestJson({
      provider: 'telegram',
      method: 'GET',
      url: `http://llm.internal.example:${port}/`,
      fetch: named.fetch,
    });
    expect(ok).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('resolves a public name to its address', async () => {
    const policy = new EgressPolicy([], resolving('api.example.net', '93.184.216.34'));
    await expect(policy.resolve('api.example.net')).resolves.toEqual({
      address: '93.184.216.34',
      family: 4,
    });
  });
});
