import { createTenant, createTestApi, useTestApi } from '@app/testing';

describe('unknown routes (e2e)', () => {
  const api = useTestApi({ env: { RATE_LIMIT_API_POINTS: '1000' } });

  it.each(['get', 'post', 'put', 'patch', 'delete'] as const)(
    '%s of an unknown /api path is a 404 envelope with rate-limit headers',
    async (method) => {
      const res = await api.http[method]('/api/no/such/route');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        success: false,
        error: { code: 'NOT_FOUND', message: 'Route not found', details: null },
      });
      expect(res.headers['x-ratelimit-limit']).toBe('1000');
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    },
  );

  it('counts unknown routes against the caller like any other route, up to a 429', async () => {
    const limited = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '3' } });
    try {
      // register is in the auth class, so it does not use up the api allowance
      const tenant = await createTenant(limited.http);
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.http.get('/api/nowhere').set(tenant.admin.headers);
        remaining.push(res.headers['x-ratelimit-remaining']);
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const refused = await limited.http.get('/api/nowhere').set(tenant.admin.headers);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    } finally {
      await limited.close();
    }
  });

  it('does not shadow real routes or the API docs', async () => {
    expect((await api.http.get('/api/health')).status).toBe(200);
    expect((await api.http.get('/api/docs')).status).toBe(200);
    const doc = (await api.http.get('/api/docs-json')).body as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.0.0');
    expect(Object.keys(doc.paths).filter((p) => p.includes('*') || p.includes('{path}'))).toEqual([]);
  });
});
