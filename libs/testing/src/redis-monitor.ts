import { connect } from 'node:net';

export interface RedisMonitor {
  stop(): void;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  '"': '"',
  '\\': '\\',
};

/** The arguments of one MONITOR line (`+1712.5 [0 lua] "ZADD" "key" "1" "m"`), unescaped as Redis quoted them. */
export function monitorArgs(line: string): string[] {
  const args: string[] = [];
  for (const [, quoted] of line.matchAll(/"((?:[^"\\]|\\.)*)"/g))
    args.push(
      quoted.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
        e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
      ),
    );
  return args;
}

/**
 * Who ran a MONITOR line's command: `lua` for a command a script ran, else the client's address. Answers '' for a
 * line without one.
 */
export function monitorSource(line: string): string {
  return /^\+\S+ \[\d+ ([^\]]*)\]/.exec(line)?.[1] ?? '';
}

/**
 * Every command Redis runs (scripts' commands included, with their source: `lua` for those, see monitorSource), from
 * a MONITOR on a plain socket: ioredis's monitor mode threw "Command queue state error" when a monitor line came in
 * with its ready check (a loaded CI run).
 */
export async function monitorRedis(
  url: string,
  onCommand: (args: string[], source: string) => void,
): Promise<RedisMonitor> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname || '127.0.0.1', port: Number(port) || 6379 });
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.write('MONITOR\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (line === '+OK') resolve();
        else if (line.startsWith('+')) onCommand(monitorArgs(line), monitorSource(line));
        else if (line.startsWith('-')) reject(new Error(line.slice(1)));
      }
    });
  });
  socket.on('error', () => undefined);
  return { stop: () => socket.destroy() };
}
