import type { ReplyLabel } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { humanCostPerMessage } from '../ai-agents/ai-savings';
import { autoReplyEnabled } from '../ai-outreach/auto-reply-decision';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { ScoringSettings, scoringSettings } from '../classification/lead-scoring';
import { LlmConfigService, LlmProvidersView } from '../llm/llm-config.service';
import { TenantsService } from '../tenants/tenants.service';

export interface AdminConfigView {
  tenant: { name: string; timezone: string; default_country: string | null };
  llm: LlmProvidersView['active'];
  /** Each channel's provider. */
  channels: Record<string, string>;
  scoring: ScoringSettings;
  ai: { auto_reply: boolean; human_cost_per_message: number };
}

/** What `PATCH admin/config` changes: the lead-scoring weights and the AI switches, merged into the tenant's settings. */
export interface AdminConfigPatch {
  scoring?: {
    qualified_threshold?: number;
    intent_weight?: number;
    intent?: Partial<Record<ReplyLabel, number>>;
    engagement?: Partial<ScoringSettings['engagement']>;
  };
  ai?: { auto_reply?: boolean; human_cost_per_message?: number };
}

/**
 * Seed 002's `GET/PATCH admin/config`: one view of the tenant's configuration (LLM provider, channels, lead-scoring
 * parameters, AI switches); the PATCH merges scoring and AI settings key by key into the tenant's settings, the
 * LLM and channels keep their own routes.
 */
@Injectable()
export class AdminConfigService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly llm: LlmConfigService,
    private readonly channels: ChannelConfigsService,
  ) {}

  async view(tenantId: string): Promise<AdminConfigView> {
    const [tenant, llm, channels] = await Promise.all([
      this.tenants.get(tenantId),
      this.llm.view(tenantId),
      this.channels.channelProviders(tenantId),
    ]);
    return {
      tenant: { name: tenant.name, timezone: tenant.timezone, default_country: tenant.defaultCountry },
      llm: llm.active,
      channels,
      scoring: scoringSettings(tenant.settings),
      ai: {
        auto_reply: autoReplyEnabled(tenant.settings),
        human_cost_per_message: humanCostPerMessage(tenant.settings),
      },
    };
  }

  /** Merged into the stored settings under the tenant's row lock: two admins' edits of different keys both land. */
  async update(auth: AuthContext, patch: AdminConfigPatch): Promise<AdminConfigView> {
    if (patch.scoring || patch.ai) {
      await this.tenants.update(auth, { settings: (stored) => mergedSettings(stored, patch) });
    }
    return this.view(auth.tenantId);
  }
}

/** The settings keys a patch replaces, each merged (two levels deep for scoring) into what is stored. */
function mergedSettings(stored: Record<string, unknown>, patch: AdminConfigPatch): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (patch.scoring) {
    const current = record(stored.scoring);
    const { intent, engagement, ...flat } = patch.scoring;
    settings.scoring = {
      ...current,
      ...defined(flat),
      ...(intent ? { intent: { ...record(current.intent), ...defined(intent) } } : {}),
      ...(engagement ? { engagement: { ...record(current.engagement), ...defined(engagement) } } : {}),
    };
  }
  if (patch.ai) settings.ai = { ...record(stored.ai), ...defined(patch.ai) };
  return settings;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
