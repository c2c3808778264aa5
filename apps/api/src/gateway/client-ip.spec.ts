import { clientIp, trustedHop } from './client-ip';

describe('clientIp (a socket handshake, as Fastify reads an HTTP request)', () => {
  const xff = '198.51.100.1, 203.0.113.5, 10.0.0.2';

  it('without trusted proxies is the peer, whatever X-Forwarded-For says', () => {
    expect(clientIp('10.0.0.9', xff, trustedHop(false))).toBe('10.0.0.9');
  });

  it('behind n proxies is the address the outermost one saw', () => {
    expect(clientIp('10.0.0.9', xff, trustedHop(1))).toBe('10.0.0.2');
    expect(clientIp('10.0.0.9', xff, trustedHop(2))).toBe('203.0.113.5');
    // A request that came past fewer proxies than configured: the furthest address there is.
    expect(clientIp('10.0.0.9', undefined, trustedHop(2))).toBe('10.0.0.9');
    expect(clientIp('10.0.0.9', ['203.0.113.7', '10.0.0.3'], trustedHop(1))).toBe('10.0.0.3');
  });

  it('behind proxies named by address is the first hop, from the end, that is none of them', () => {
    const trusted = trustedHop(['10.0.0.0/8', '192.168.1.7']);
    expect(clientIp('10.0.0.9', xff, trusted)).toBe('203.0.113.5');
    expect(clientIp('::ffff:192.168.1.7', '203.0.113.8', trusted)).toBe('203.0.113.8');
    expect(clientIp('192.168.1.8', '203.0.113.8', trusted)).toBe('192.168.1.8');
    expect(clientIp('127.0.0.1', '203.0.113.8', trustedHop(['loopback']))).toBe('203.0.113.8');
    expect(clientIp('10.0.0.9', 'not-an-ip, 203.0.113.8', trusted)).toBe('203.0.113.8');
  });
});
