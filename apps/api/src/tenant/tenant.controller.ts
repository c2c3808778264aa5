import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode, invalidInput } from '@app/common';
import { TenantsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { tenantSettingsIssues } from './dto/tenant-settings.check';
import { TenantDto, UpdateTenantDto } from './dto/tenant.dto';

@ApiTags('tenant')
@Controller('tenant')
@Authenticated()
export class TenantController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's tenant: name, time zone, default country, settings" })
  @ApiEnvelope(TenantDto)
  async get(@CurrentAuth() auth: AuthContext) {
    return TenantDto.from(await this.tenants.get(auth.tenantId));
  }

  @Patch()
  @Roles('admin')
  @ApiOperation({ summary: "Change the tenant's name, time zone, default country or settings" })
  @ApiEnvelope(TenantDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT)
  async update(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateTenantDto) {
    const issues = dto.settings ? tenantSettingsIssues(dto.settings) : [];
    if (issues.length) throw invalidInput(issues);
    return TenantDto.from(await this.tenants.update(auth, dto));
  }
}
