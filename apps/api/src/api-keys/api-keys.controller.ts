import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow, UuidPipe } from '@app/common';
import { ApiKeysService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

@ApiTags('api-keys')
@Controller('api-keys')
@Authenticated()
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: "The tenant's API keys (never the keys themselves)" })
  @ApiPage(ApiKeyDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto) {
    return (await this.keys.list(auth, pageWindow(query))).map(ApiKeyDto.from);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'The answer holds the whole key once; only its hash is stored. Use it as `X-API-Key` or as a bearer token.',
  })
  @ApiEnvelope(CreatedApiKeyDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const created = await this.keys.create(auth, dto);
    const [view] = await this.keys.views(auth.tenantId, [created.entity]);
    return { ...ApiKeyDto.from(view), key: created.key };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once' })
  @ApiEnvelope(ApiKeyDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async revoke(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('API key')) id: string) {
    return ApiKeyDto.from({ entity: await this.keys.revoke(auth, id), effectiveRole: null });
  }
}
