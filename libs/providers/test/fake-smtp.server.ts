import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The DATA section as received (headers and body, CRLF line ends, dot-stuffing undone). */
  data: string;
  auth?: { user: string; pass: string };
}

/** Replies the fake gives at one step instead of its normal 2xx/3xx (e.g. `535 5.7.8 Authentication failed`). */
export interface SmtpFailures {
  auth?: string;
  rcpt?: string;
  data?: string;
  /** After the message's final dot, the message is taken and then: the line dropped, or never answered. */
  afterData?: 'drop' | 'silence';
}

/**
 * Just enough of an SMTP server (RFC 5321) on 127.0.0.1 to test the SMTP adapter offline: EHLO with AUTH PLAIN /
 * LOGIN and no STARTTLS, MAIL, RCPT, DATA, RSET, NOOP, QUIT. It records each accepted message.
 */
export class FakeSmtpServer {
  readonly mails: ReceivedMail[] = [];
  failures: SmtpFailures = {};
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSmtpServer> {
    const server = createServer();
    const fake = new FakeSmtpServer(server);
    server.on('connection', (socket: Socket) => fake.session(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private session(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const send = (line: string) => socket.write(`${line}\r\n`);
    let buffer = '';
    let inData = false;
    let data: string[] = [];
    let mail: Partial<ReceivedMail> = { to: [] };
    let auth: ReceivedMail['auth'];
    let loginStep: 'user' | 'pass' | undefined;
    let loginUser = '';
    send('220 fake-smtp.test ESMTP ready');
    const command = (line: string): void => {
      if (loginStep === 'user') {
        loginUser = Buffer.from(line, 'base64').toString('utf8');
        loginStep = 'pass';
        return void send('334 UGFzc3dvcmQ6');
      }
      if (loginStep === 'pass') {
        loginStep = undefined;
        return void this.authenticate(
          send,
          loginUser,
          Buffer.from(line, 'base64').toString('utf8'),
          (a) => (auth = a),
        );
      }
      const verb = line.split(' ')[0].toUpperCase();
      if (verb === 'EHLO') return void send('250-fake-smtp.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME');
      if (verb === 'HELO') return void send('250 fake-smtp.test');
      if (verb === 'AUTH') {
        const [, mechanism, initial] = line.split(' ');
        if (mechanism.toUpperCase() === 'LOGIN') {
          loginStep = 'user';
          return void send('334 VXNlcm5hbWU6');
        }
        const [, user, pass] = Buffer.from(initial ?? '', 'base64')
          .toString('utf8')
          .split('\u0000');
        return void this.authenticate(send, user ?? '', pass ?? '', (a) => (auth = a));
      }
      if (verb === 'MAIL') {
        mail = { from: /<([^>]*)>/.exec(line)?.[1] ?? '', to: [] };
        return void send('250 2.1.0 OK');
      }
      if (verb === 'RCPT') {
        if (this.failures.rcpt) return void send(this.failures.rcpt);
        mail.to?.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
        return void send('250 2.1.5 OK');
      }
      if (verb === 'DATA') {
        inData = true;
        data = [];
        return void send('354 End data with <CR><LF>.<CR><LF>');
      }
      if (verb === 'RSET') {
        mail = { to: [] };
        return void send('250 OK');
      }
      if (verb === 'NOOP') return void send('250 OK');
      if (verb === 'QUIT') {
        send('221 Bye');
        return void socket.end();
      }
      send('502 5.5.2 Command not recognized');
    };
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (!inData) {
          command(line);
          continue;
        }
        if (line !== '.') {
          data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        inData = false;
        if (this.failures.data) {
          send(this.failures.data);
          continue;
        }
        this.mails.push({ from: mail.from ?? '', to: mail.to ?? [], data: data.join('\r\n'), auth });
        if (this.failures.afterData === 'drop') return void socket.destroy();
        if (this.failures.afterData === 'silence') return;
        send('250 2.0.0 OK queued');
      }
    });
  }

  private authenticate(
    send: (line: string) => void,
    user: string,
    pass: string,
    remember: (auth: ReceivedMail['auth']) => void,
  ): void {
    if (this.failures.auth) return void send(this.failures.auth);
    remember({ user, pass });
    send('235 2.7.0 Authentication successful');
  }
}

/** The value of one header in a raw message (unfolded), or undefined. */
export function mailHeader(data: string, name: string): string | undefined {
  const head = data.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
