import { ipCaller } from './ip-caller';

describe('ipCaller (whom a per-IP rate limit counts)', () => {
  it('counts an IPv4 address as it is, and an IPv4-mapped IPv6 address as its IPv4', () => {
    expect(ipCaller('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipCaller('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipCaller('::FFFF:cb00:7107')).toBe('ip:203.0.113.7');
    expect(ipCaller('0:0:0:0:0:ffff:203.0.113.7')).toBe('ip:203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one caller, however it is written', () => {
    const caller = 'ip:2001:db8:a:b::/64';
    for (const ip of [
      '2001:db8:a:b::1',
      '2001:db8:a:b:ffff:ffff:ffff:fffe',
      '2001:0DB8:000A:000B:0000:0000:0000:0009',
      '2001:db8:a:b:1::',
      '2001:db8:a:b::203.0.113.7',
      '2001:db8:a:b::1%eth0',
    ])
      expect({ ip, caller: ipCaller(ip) }).toEqual({ ip, caller });
  });

  it('tells apart addresses of different /64s', () => {
    expect(ipCaller('2001:db8:a:c::1')).toBe('ip:2001:db8:a:c::/64');
    expect(ipCaller('2001:db8::1')).toBe('ip:2001:db8:0:0::/64');
    expect(ipCaller('::1')).toBe('ip:0:0:0:0::/64');
    expect(ipCaller('fe80::1%eth0')).toBe('ip:fe80:0:0:0::/64');
  });

  it('takes text that is no address as it is', () => {
    expect(ipCaller('not-an-ip')).toBe('ip:not-an-ip');
    expect(ipCaller('1:2:3')).toBe('ip:1:2:3');
    expect(ipCaller('')).toBe('ip:');
  });
});
