import { connectLiveClient, waitFor } from '@app/testing';
import type { Socket } from 'socket.io-client';

/** A `campaign:progress` event as a live client hears it. */
export interface ProgressTotals {
  campaign_id: string;
  totals: Record<string, number>;
}

/** The first event heard, from the `from`th on, whose totals include every one of `totals`. */
export function hearProgress(
  heard: ProgressTotals[],
  totals: Record<string, number>,
  what: string,
  from = 0,
): Promise<ProgressTotals> {
  return waitFor(
    () => heard.slice(from).find((e) => Object.entries(totals).every(([k, v]) => e.totals[k] === v)),
    8_000,
    what,
  );
}

/** A live client of the tenant (kept in `sockets`, for the spec to close), and the progress events it hears. */
export async function listenProgress(
  url: string,
  token: string,
  sockets: Socket[],
): Promise<ProgressTotals[]> {
  const { socket } = await connectLiveClient(url, token);
  sockets.push(socket);
  const heard: ProgressTotals[] = [];
  socket.on('campaign:progress', (payload: ProgressTotals) => heard.push(payload));
  return heard;
}
