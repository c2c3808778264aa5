import * as dns from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { lazyPackage } from '@app/common';
import type * as Undici from 'undici';
import { ProviderError } from '../provider-error';

/** undici (about 3 MB of heap), loaded by the first request through a policy rather than at start. */
const undici = lazyPackage(() => import('undici'));

/** `fetch` as the HTTP helpers call it. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** A connection a tenant's endpoint asked for that the egress policy refuses. */
export class EgressDeniedError extends Error {
  readonly code = 'EGRESS_DENIED';

  constructor(readonly host: string) {
    super(
      `${host} is a private, loopback or reserved address; the platform does not connect to it for a tenant`,
    );
    this.name = 'EgressDeniedError';
  }
}

/**
 * Where a tenant's own endpoint (an LLM `base_url`, a channel's `base_url`, an SMTP host) may take our servers:
 * public unicast addresses, plus what the operator allows (EGRESS_ALLOWED: host names, IPs or CIDRs, e.g. a local
 * Ollama). Checked when the connection is made, on the addresses the name resolved to, so a name that resolves
 * to an internal address (or changes to one after it was saved) is refused as well as a literal one.
 */
export class EgressPolicy {
  private readonly hosts = new Set<string>();
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  private dispatcher?: Undici.Agent;

  /** `lookUp`: how names are resolved (tests give their own). */
  constructor(
    allowed: readonly string[] = [],
    private readonly lookUp: typeof dns.lookup = dns.lookup,
  ) {
    for (const raw of allowed) {
      const entry = raw
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, '');
      if (!entry) continue;
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const ip = ipaddr.process(entry);
        this.ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
      } else this.hosts.add(entry);
    }
  }

  /** Whether the platform may connect to this resolved address for a tenant. */
  allowsAddress(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    const ip = ipaddr.process(address);
    if (ip.range() === 'unicast') return true;
    return this.ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
  }

  /** Whether the operator named this host in EGRESS_ALLOWED (a name, or a literal address in an allowed range). */
  operatorAllows(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.hosts.has(host)) return true;
    if (!ipaddr.isValid(host)) return false;
    const ip = ipaddr.process(host);
    return this.ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
  }

  /** Why a tenant may not use this URL as an endpoint (a scheme other than http(s), an address refused), or null. */
  refusal(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'must be an absolute http(s) URL';
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an absolute http(s) URL';
    return this.hostRefusal(parsed.hostname);
  }

  /** Why a tenant may not use this host (an address refused before any look-up), or null. */
  hostRefusal(hostname: string): string | null {
    return this.refusesHost(hostname) ? new EgressDeniedError(hostname).message : null;
  }

  /**
   * A host refused before any look-up: a literal address that is not allowed, or a `localhost` name (with or
   * without the root's trailing dot: `localhost.` resolves to the loopback too).
   */
  refusesHost(hostname: string): boolean {
    const host = hostname
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '')
      .toLowerCase();
    if (this.hosts.has(host)) return false;
    if (isIP(host)) return !this.allowsAddress(host);
    return host === 'localhost' || host.endsWith('.localhost');
  }

  /** `dns.lookup` that refuses a name resolving to any address the policy does not allow. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    if (this.hosts.has(hostname.toLowerCase())) return this.lookUp(hostname, options, callback);
    if (this.refusesHost(hostname)) return callback(new EgressDeniedError(hostname), '', 0);
    this.lookUp(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      if (addresses.length === 0 || addresses.some((a) => !this.allowsAddress(a.address)))
        return callback(new EgressDeniedError(hostname), '', 0);
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };

  /** The address to connect to for `hostname` (its first), looked up through the policy. */
  readonly resolve = (hostname: string): Promise<{ address: string; family: 4 | 6 }> =>
    new Promise((resolve, reject) =>
      this.lookup(hostname, {}, (err, address, family) =>
        err ? reject(err) : resolve({ address: String(address), family: family === 6 ? 6 : 4 }),
      ),
    );

  /** `fetch` whose connections the policy checks (undici, with a connector that looks up through the policy). */
  readonly fetch: FetchLike = async (input, init = {}) => {
    const lib = await undici.load();
    return lib.fetch(input, {
      ...(init as Parameters<typeof lib.fetch>[1]),
      dispatcher: this.shared(lib),
    }) as unknown as Promise<Response>;
  };

  private shared(lib: typeof Undici): Undici.Agent {
    if (!this.dispatcher) {
      const connect = lib.buildConnector({ lookup: this.lookup });
      this.dispatcher = new lib.Agent({
        connect: (options, callback) => {
          // A literal address is connected to without a look-up: checked here.
          if (this.refusesHost(options.hostname))
            return callback(new EgressDeniedError(options.hostname), null);
          connect(options, callback);
        },
      });
    }
    return this.dispatcher;
  }
}

/**
 * The ProviderError for a connection the egress policy refused (found anywhere in `error`'s causes), else undefined:
 * `rejected`, not retried, nothing sent.
 */
export function egressRefusal(provider: string, error: unknown): ProviderError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof EgressDeniedError)
      return new ProviderError({ provider, kind: 'rejected', providerCode: e.code, message: e.message });
  }
  return undefined;
}
