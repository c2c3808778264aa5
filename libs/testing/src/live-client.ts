import { io, Socket } from 'socket.io-client';

/** What a live client heard, in order. */
export interface HeardEvent {
  event: string;
  payload: Record<string, unknown>;
}

/** A connected socket.io client of the API (handshake with the token) that records every event it hears. */
export async function connectLiveClient(
  url: string,
  token: string,
): Promise<{ socket: Socket; heard: HeardEvent[] }> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const heard: HeardEvent[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => heard.push({ event, payload }));
  return { socket, heard };
}
