import { ERROR_STATUS, ErrorCode, errorEnvelope } from '@app/common';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** What Node's HTTP parser refused, as DESIGN §3 answers it; undefined for a timeout, which gets no body. */
function answerFor(code: string | undefined): [ErrorCode, string] | undefined {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return undefined;
  if (code === 'HPE_HEADER_OVERFLOW')
    return [ErrorCode.HEADERS_TOO_LARGE, 'The request line and headers are too large'];
  return [ErrorCode.VALIDATION_ERROR, 'Malformed request'];
}

/**
 * Node's `clientError`, for a request its parser refused before Fastify saw it (a URL or headers past
 * `maxHeaderSize`, 16 KB; a request line that is no HTTP): answered in our envelope on the raw socket, where Fastify
 * and Node answer their own JSON or a bare 431. A timed-out request is told 408 with no body, as Node tells it.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const answer = answerFor(err.code);
    const status = answer ? ERROR_STATUS[answer[0]] : 408;
    const body = answer ? JSON.stringify(errorEnvelope(...answer)) : '';
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Connection: close',
      ...(body ? ['Content-Type: application/json; charset=utf-8'] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
