import type { AppConfig } from '@app/config';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** proxy-addr's names for address ranges, as TRUST_PROXY takes them (Fastify reads them the same way). */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** Whether the hop at `index` (0: the peer of the socket, then X-Forwarded-For from its end) is one of our proxies. */
export type TrustedHop = (address: string, index: number) => boolean;

function parsed(address: string): Address | null {
  try {
    return ipaddr.process(address);
  } catch {
    return null;
  }
}

/** TRUST_PROXY as a test of each hop, read once. */
export function trustedHop(trust: AppConfig['trustProxy']): TrustedHop {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_, index) => index < trust;
  const ranges = trust
    .flatMap((entry) => NAMED_RANGES[entry] ?? [entry])
    .map((entry) => {
      if (entry.includes('/')) return ipaddr.parseCIDR(entry);
      const address = ipaddr.process(entry);
      return [address, address.kind() === 'ipv4' ? 32 : 128] as [Address, number];
    });
  return (address) => {
    const hop = parsed(address);
    return !!hop && ranges.some(([range, bits]) => hop.kind() === range.kind() && hop.match(range, bits));
  };
}

/**
 * A client's IP as Fastify takes it for an HTTP request (so per-IP rate limits count a socket's handshake where they
 * count its requests): the socket's peer, or behind our proxies the first address in X-Forwarded-For, from its end,
 * that is not one of them. What comes before it is the client's own text.
 */
export function clientIp(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedHop,
): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = [
    peer,
    ...header
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean)
      .reverse(),
  ];
  let index = 0;
  while (index < hops.length - 1 && trusted(hops[index], index)) index++;
  return hops[index];
}
