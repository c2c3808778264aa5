import { createTenant, createTestApi, ISO_TIMESTAMP, TestApi, waitFor } from '@app/testing';
import { io, Socket } from 'socket.io-client';
import { type Lead, leadRequests, sleep } from './lead-requests.fixture';

describe('leads: lead.created live event (e2e)', () => {
  let api: TestApi;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await api.close();
  });

  const { post, createLead } = leadRequests(() => api);

  describe('lead.created live event', () => {
    function connect(token: string): Promise<Socket> {
      const socket = io(api.url, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }
    function collect(socket: Socket): unknown[] {
      const seen: unknown[] = [];
      socket.on('lead.created', (payload: unknown) => seen.push(payload));
      return seen;
    }

    it("reaches the tenant's sockets once per create (count 1, then 3 for an array) and no other tenant", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const [socketA, socketB] = [await connect(a.admin.token), await connect(b.admin.token)];
      const [seenA, seenB] = [collect(socketA), collect(socketB)];
      await sleep(100);

      const one = await createLead(a, {
        name: 'Live One',
        email: 'one@live.test',
        phone: '+1 212 555 0101',
        source: 'web',
      });
      const batch = await post(a, [
        { name: 'Live Two', email: 'two@live.test' },
        { firstName: 'Live', lastName: 'Three', phone: '(212) 555-0103', country: 'US' },
        { email: 'one@live.test' },
        { name: 'Live Four', phone: '+351 912 345 678', source: 'import' },
      ]);
      expect(batch.status).toBe(200);
      expect(batch.body.data).toMatchObject({ created: 3, failed: 1 });
      await waitFor(() => (seenA.length >= 2 ? true : undefined), 5000, 'two lead.created events for A');

      const summary = (l: Lead) => ({
        id: l.id,
        name: l.name,
        email: l.email,
        phone: l.phone_normalized,
        source: l.source,
      });
      expect(seenA).toEqual([
        { count: 1, leads: [summary(one)], timestamp: api.clock.now().toISOString() },
        {
          count: 3,
          leads: (batch.body.data.leads as Lead[]).map(summary),
          timestamp: api.clock.now().toISOString(),
        },
      ]);
      expect(seenA[0]).toEqual({
        count: 1,
        leads: [
          { id: one.id, name: 'Live One', email: 'one@live.test', phone: '+12125550101', source: 'web' },
        ],
        timestamp: expect.stringMatching(ISO_TIMESTAMP),
      });

      // B's socket works: its own lead reaches it, while none of A's ever did.
      const own = await createLead(b, { name: 'Bee', email: 'bee@b.test' });
      await waitFor(() => (seenB.length >= 1 ? true : undefined), 5000, 'a lead.created event for B');
      expect(seenB).toEqual([
        { count: 1, leads: [summary(own)], timestamp: expect.stringMatching(ISO_TIMESTAMP) },
      ]);
      await sleep(100);
      expect(seenA).toHaveLength(2);

      // A refused create raises nothing.
      expect((await post(a, { email: 'one@live.test' })).status).toBe(409);
      await sleep(200);
      expect(seenA).toHaveLength(2);
      expect(seenB).toHaveLength(1);
    });

    it("is followed by metrics.update with the tenant's leads created today (seed 004), its own tenant's only", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const [socketA, socketB] = [await connect(a.admin.token), await connect(b.admin.token)];
      const metrics = (socket: Socket) => {
        const seen: unknown[] = [];
        socket.on('metrics.update', (payload: unknown) => seen.push(payload));
        return seen;
      };
      const [seenA, seenB] = [metrics(socketA), metrics(socketB)];
      await sleep(100);
      await createLead(a, { name: 'Metric One', email: 'm1@live.test' });
      await post(a, [{ email: 'm2@live.test' }, { email: 'm3@live.test' }]);
      await waitFor(() => (seenA.length >= 2 ? true : undefined), 5000, 'two metrics.update events for A');
      const timestamp = api.clock.now().toISOString();
      expect(seenA).toEqual([
        { metric: 'leads_today', value: 1, change: '+1', change_type: 'increase', timestamp },
        { metric: 'leads_today', value: 3, change: '+2', change_type: 'increase', timestamp },
      ]);
      await sleep(100);
      expect(seenB).toEqual([]);
    });
  });
});
