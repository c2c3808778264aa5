import { AppConfig } from '@app/config';
import { EgressPolicy } from '@app/providers';
import { Injectable } from '@nestjs/common';

/** The process's egress policy for tenants' own endpoints (EGRESS_ALLOWED): one connection pool, shared. */
@Injectable()
export class TenantEgress extends EgressPolicy {
  constructor(config: AppConfig) {
    super(config.egressAllowed);
  }
}
