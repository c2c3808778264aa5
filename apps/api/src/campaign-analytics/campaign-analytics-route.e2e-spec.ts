import { Authenticated, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { createTenant, createTestApi, TestApi } from '@app/testing';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';

/** Stands in for the campaigns controller's `GET campaigns/:id` while that controller is not there. */
@Controller('campaigns')
@Authenticated()
class CampaignByIdProbeController {
  @Get(':id')
  @Roles('agent')
  @ApiOperation({ summary: 'Test probe' })
  @ApiEnvelope(null)
  @ApiErrors(ErrorCode.NOT_FOUND)
  byId(@Param('id') id: string) {
    return { probe: id };
  }
}

@Module({ controllers: [CampaignByIdProbeController] })
class CampaignByIdProbeModule {}

const hasCampaignById = (api: TestApi) =>
  (api.app.getHttpAdapter().getInstance() as FastifyInstance).hasRoute({
    method: 'GET',
    url: '/api/campaigns/:id',
  });

/**
 * `GET campaigns/analytics` is static: Fastify's router matches it before the parametric `GET campaigns/:id` of
 * the campaigns controller, whatever the order the two are registered in.
 */
describe('GET /api/campaigns/analytics beside GET /api/campaigns/:id (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    const plain = await createTestApi();
    if (hasCampaignById(plain)) {
      api = plain;
    } else {
      await plain.close();
      api = await createTestApi({ imports: [CampaignByIdProbeModule] });
    }
  }, 60_000);
  afterAll(() => api.close());

  it('both routes exist, and the static one answers the analytics', async () => {
    expect(hasCampaignById(api)).toBe(true);
    const tenant = await createTenant(api.http);
    const res = await api.http.get('/api/campaigns/analytics').set(tenant.admin.headers).expect(200);
    expect(res.body.data).toMatchObject({ campaign_count: 0, campaigns: [] });
    const byId = await api.http
      .get('/api/campaigns/0190f3c2-7d1e-7c53-9a4e-2b8f1d3c4e5a')
      .set(tenant.admin.headers);
    expect(JSON.stringify(byId.body)).not.toContain('campaign_count');
  });
});
