import { ProviderError } from '@app/providers';
import type { ProviderErrorKind } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { LlmConfigService, LlmStatusLine } from './llm-config.service';
import { LlmManager } from './llm-manager.service';

/** As long as the platform's own health checks wait for Postgres or Redis. */
export const LLM_PING_TIMEOUT_MS = 2000;

/** The tenant's LLM as configured, and whether it answered just now (seed 002: "verifying DB & LLM connectivity"). */
export interface LlmHealthLine extends LlmStatusLine {
  connectivity: 'online' | 'offline';
  /** How long the provider took to answer; null when it did not. */
  latency_ms: number | null;
  /** Why it is offline: `auth` (key refused), `network` (unreachable or timed out), `unavailable` (5xx)... */
  error: ProviderErrorKind | null;
}

/** Asks the tenant's provider for its model list (no tokens spent), at most LLM_PING_TIMEOUT_MS. */
@Injectable()
export class LlmHealthService {
  constructor(
    private readonly configs: LlmConfigService,
    private readonly manager: LlmManager,
  ) {}

  async check(tenantId: string): Promise<LlmHealthLine> {
    const status = await this.configs.status(tenantId);
    const started = performance.now();
    try {
      await (await this.manager.forTenant(tenantId)).ping(LLM_PING_TIMEOUT_MS);
      const latency = Math.round((performance.now() - started) * 10) / 10;
      return { ...status, connectivity: 'online', latency_ms: latency, error: null };
    } catch (error) {
      const kind = error instanceof ProviderError ? error.kind : 'network';
      return { ...status, connectivity: 'offline', latency_ms: null, error: kind };
    }
  }
}
