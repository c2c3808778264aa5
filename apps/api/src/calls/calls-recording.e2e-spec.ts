import { SimulatorRuntime } from '@app/domain';
import { ProviderError, SimulatorTelephonyAdapter } from '@app/providers';
import {
  createApiKey,
  createTenant,
  createUser,
  getBytes,
  insertAgentRow,
  insertCallRow,
  useTestApi,
} from '@app/testing';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * GET /api/calls/:id/recording: a call's recording streamed from the tenant's telephony provider (the simulator
 * here: a silent WAV of the recording's length), so a dashboard can play it with our JWT or API key; the call's
 * recording_path points there. The Twilio side (its media URL and basic auth) is tested in the adapter's spec.
 */

const NOW = '2025-02-03T10:00:00.000Z';
const SECONDS = 3;

const newSid = () => `RE${randomBytes(16).toString('hex')}`;
const recordingUrl = (sid: string) =>
  `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/${sid}`;

describe('calls: recordings (e2e)', () => {
  const api = useTestApi();
  let runtime: SimulatorRuntime;

  beforeAll(async () => {
    runtime = api.app.get(SimulatorRuntime);
  });
  beforeEach(() => api.clock.set(NOW));
  afterEach(() => jest.restoreAllMocks());

  /** A call of the tenant whose recording the simulated provider holds (unless `atProvider` is false). */
  async function recordedCall(
    tenantId: string,
    fields: Parameters<typeof insertCallRow>[2] = {},
    atProvider = true,
  ): Promise<{ id: string; sid: string }> {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const id = await insertCallRow(api.db, tenantId, {
      call_sid: callSid,
      disposition: 'answered',
      ...fields,
    });
    const sid = newSid();
    if (atProvider)
      await runtime.telephonyLedger.saveRecording({
        tenant_id: tenantId,
        recording_sid: sid,
        call_sid: callSid,
        url: recordingUrl(sid),
        duration_seconds: SECONDS,
        source: 'OutboundAPI',
        created_at: NOW,
      });
    await api.db.query(
      `UPDATE calls SET recording_sid = $3, recording_url = $4, recording_duration = $5
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, sid, recordingUrl(sid), SECONDS],
    );
    return { id, sid };
  }

  const recording = (id: string, headers: Record<string, string>) =>
    getBytes(api.http, `/api/calls/${id}/recording`, headers);
  const errorOf = (res: { status: number; body: Buffer }) => ({
    status: res.status,
    body: JSON.parse(res.body.toString('utf8')) as unknown,
  });

  /** A silent 8 kHz 8-bit mono WAV `seconds` long. */
  function expectSilentWav(body: Buffer, seconds: number) {
    const data = seconds * 8000;
    expect(body.length).toBe(44 + data);
    expect(body.toString('ascii', 0, 4)).toBe('RIFF');
    expect(body.readUInt32LE(4)).toBe(36 + data);
    expect(body.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect([
      body.readUInt16LE(20),
      body.readUInt16LE(22),
      body.readUInt32LE(24),
      body.readUInt16LE(34),
    ]).toEqual([1, 1, 8000, 8]);
    expect(body.toString('ascii', 36, 40)).toBe('data');
    expect(body.readUInt32LE(40)).toBe(data);
    expect(body.subarray(44).every((b) => b === 0x80)).toBe(true);
  }

  it("streams the recording with a JWT or an API key, and the call's recording_path points there", async () => {
    const tenant = await createTenant(api.http);
    const { id } = await recordedCall(tenant.id);
    const key = await createApiKey(api.http, tenant, 'manager');

    for (const headers of [tenant.admin.headers, { 'X-API-Key': key.key }]) {
      const res = await recording(id, headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('audio/wav');
      expect(res.headers['content-length']).toBe(String(44 + SECONDS * 8000));
      expect(res.headers['content-disposition']).toBe(`inline; filename="call-${id}.wav"`);
      expectSilentWav(res.body as Buffer, SECONDS);
    }

    const call = await api.http.get(`/api/calls/${id}`).set(tenant.admin.headers).expect(200);
    expect(call.body.data.recording_path).toBe(`/api/calls/${id}/recording`);
    expect(call.body.data.recording_url).toMatch(/^https:\/\/api\.twilio\.com\/.+\/Recordings\/RE/);
    const listed = await api.http.get('/api/calls').set(tenant.admin.headers).expect(200);
    expect(listed.body.data.map((c: { recording_path: string }) => c.recording_path)).toEqual([
      `/api/calls/${id}/recording`,
    ]);
  });

  it("answers another tenant's call id exactly as an unknown id: 404, and streams nothing", async () => {
    const owner = await createTenant(api.http);
    const other = await createTenant(api.http);
    const { id } = await recordedCall(owner.id);
    const otherKey = await createApiKey(api.http, other, 'admin');

    const foreign = await recording(id, other.admin.headers);
    const unknown = await recording(randomUUID(), other.admin.headers);
    expect(errorOf(foreign)).toEqual(errorOf(unknown));
    expect(errorOf(foreign)).toEqual({
      status: 404,
      body: { success: false, error: { code: 'NOT_FOUND', message: 'Call not found', details: null } },
    });
    expect(errorOf(await recording(id, { 'X-API-Key': otherKey.key }))).toEqual(errorOf(unknown));
    expect((await recording(id, {})).status).toBe(401);
  });

  it('shows an agent-role user the recordings of its own calls only', async () => {
    const tenant = await createTenant(api.http);
    const agentUser = await createUser(api.http, tenant, 'agent');
    const own = await insertAgentRow(api.db, tenant.id, { name: 'Me', user_id: agentUser.id });
    const mine = await recordedCall(tenant.id, { agent_id: own });
    const theirs = await recordedCall(tenant.id, { agent_id: await insertAgentRow(api.db, tenant.id) });

    expect((await recording(mine.id, agentUser.headers)).status).toBe(200);
    expect(errorOf(await recording(theirs.id, agentUser.headers))).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
  });

  it('answers 404 for a call without a recording, one whose recording the provider no longer has, and an erased one', async () => {
    const tenant = await createTenant(api.http);
    const plain = await insertCallRow(api.db, tenant.id, { disposition: 'no_answer' });
    const gone = await recordedCall(tenant.id, {}, false);
    const recordingNotFound = {
      status: 404,
      body: { success: false, error: { code: 'NOT_FOUND', message: 'Recording not found', details: null } },
    };

    expect(errorOf(await recording(plain, tenant.admin.headers))).toEqual(recordingNotFound);
    const call = await api.http.get(`/api/calls/${plain}`).set(tenant.admin.headers).expect(200);
    expect(call.body.data.recording_path).toBeNull();
    expect(errorOf(await recording(gone.id, tenant.admin.headers))).toEqual(recordingNotFound);

    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ name: 'Erin Erased', phone: '+12125550150' })
      .expect(201);
    const erased = await recordedCall(tenant.id, { lead_id: lead.body.data.id, to_number: '+12125550150' });
    expect((await recording(erased.id, tenant.admin.headers)).status).toBe(200);
    await api.http.delete(`/api/leads/${lead.body.data.id}?erase=true`).set(tenant.admin.headers).expect(200);
    expect(errorOf(await recording(erased.id, tenant.admin.headers))).toEqual(recordingNotFound);
    const after = await api.http.get(`/api/calls/${erased.id}`).set(tenant.admin.headers).expect(200);
    expect(after.body.data).toMatchObject({ recording_url: null, recording_sid: null, recording_path: null });
  });

  it('answers a provider failure as 503 SERVICE_UNAVAILABLE naming its kind, never a 500', async () => {
    const tenant = await createTenant(api.http);
    const { id, sid } = await recordedCall(tenant.id);
    const fetch = jest
      .spyOn(SimulatorTelephonyAdapter.prototype, 'fetchRecording')
      .mockRejectedValueOnce(
        ProviderError.fromHttp('simulator', 503, {
          message: 'Simulator 20503: unavailable',
          providerCode: '20503',
        }),
      )
      .mockRejectedValueOnce(ProviderError.fromHttp('simulator', 401, { message: 'Simulator 20003' }));

    expect(errorOf(await recording(id, tenant.admin.headers))).toEqual({
      status: 503,
      body: {
        success: false,
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'The telephony provider is unavailable; try again later',
          details: { provider: 'simulator', kind: 'unavailable', provider_status: 503, retryable: true },
        },
      },
    });
    expect(errorOf(await recording(id, tenant.admin.headers))).toMatchObject({
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', details: { kind: 'auth', provider_status: 401 } } },
    });
    expect(fetch).toHaveBeenCalledWith(sid, undefined);
  });

  it('answers a single byte range with 206 and Content-Range, so a player can seek; the whole file says Accept-Ranges', async () => {
    const tenant = await createTenant(api.http);
    const { id } = await recordedCall(tenant.id);
    const total = 44 + SECONDS * 8000;
    const whole = await recording(id, tenant.admin.headers);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const file = whole.body as Buffer;

    for (const [range, start, end] of [
      ['bytes=0-43', 0, 43],
      ['bytes=40-99', 40, 99],
      ['bytes=1000-', 1000, total - 1],
      ['bytes=-100', total - 100, total - 1],
      ['bytes=20000-999999', 20000, total - 1],
      ['bytes=-999999', 0, total - 1],
    ] as const) {
      const res = await recording(id, { ...tenant.admin.headers, Range: range });
      expect({ range, status: res.status }).toEqual({ range, status: 206 });
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${total}`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(res.headers['content-type']).toBe('audio/wav');
      expect((res.body as Buffer).equals(file.subarray(start, end + 1))).toBe(true);
    }

    // Several ranges, another unit or a malformed one: the whole file.
    for (const range of ['bytes=0-9,20-29', 'items=0-9', 'bytes=9-0', 'bytes=abc']) {
      const res = await recording(id, { ...tenant.admin.headers, Range: range });
      expect({ range, status: res.status }).toEqual({ range, status: 200 });
      expect((res.body as Buffer).equals(file)).toBe(true);
    }
  });

  it('answers a range past the end with 416 and Content-Range: bytes */length', async () => {
    const tenant = await createTenant(api.http);
    const { id } = await recordedCall(tenant.id);
    const total = 44 + SECONDS * 8000;
    for (const range of [`bytes=${total}-`, `bytes=${total + 10}-${total + 20}`, 'bytes=-0']) {
      const res = await recording(id, { ...tenant.admin.headers, Range: range });
      expect(errorOf(res)).toEqual({
        status: 416,
        body: {
          success: false,
          error: {
            code: 'RANGE_NOT_SATISFIABLE',
            message: `The range asked for starts past the end of the recording (${total} bytes)`,
            details: { length: total },
          },
        },
      });
      expect(res.headers['content-range']).toBe(`bytes */${total}`);
    }
  });

  it('finds the SID in recording_url for a row that has the URL alone', async () => {
    const tenant = await createTenant(api.http);
    const { id } = await recordedCall(tenant.id);
    await api.db.query(`UPDATE calls SET recording_sid = NULL WHERE id = $1`, [id]);

    const call = await api.http.get(`/api/calls/${id}`).set(tenant.admin.headers).expect(200);
    expect(call.body.data.recording_path).toBe(`/api/calls/${id}/recording`);
    const res = await recording(id, tenant.admin.headers);
    expect(res.status).toBe(200);
    expectSilentWav(res.body as Buffer, SECONDS);
  });

  it('documents the route in OpenAPI: binary audio, whole or a range, 404, 416 and 503', async () => {
    const docs = await api.http.get('/api/docs-json').expect(200);
    const route = docs.body.paths['/api/calls/{id}/recording'].get;
    expect(route.responses['200'].content).toEqual({
      'audio/mpeg': { schema: { type: 'string', format: 'binary' } },
      'audio/wav': { schema: { type: 'string', format: 'binary' } },
    });
    expect(route.responses['206'].content).toEqual(route.responses['200'].content);
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '206', '404', '416', '503']));
  });
});
