import { SecretBox } from '@app/common';
import { AppConfig } from '@app/config';
import type { LlmProviderChoice } from '@app/db';
import { LocalLlmProvider } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { LlmConfigRow, LlmConfigsRepository } from './llm-configs.repository';

/** Where a tenant's LLM choice comes from: its own row, the platform's OPENAI_API_KEY, or the built-in default. */
export type LlmConfigSource = 'tenant' | 'platform' | 'default';

/** The model the built-in local provider answers as. */
export const LOCAL_LLM_MODEL = new LocalLlmProvider().model;

/** A tenant's LLM as it will be called: provider, model, endpoint and the key that will be sent. */
export interface EffectiveLlm {
  provider: LlmProviderChoice;
  model: string;
  /** OpenAI: the base URL called (the platform's unless the tenant set one); local: null. */
  baseUrl: string | null;
  apiStyle: 'chat' | 'responses' | null;
  /** The key sent to the base URL (the tenant's own, else the platform's); null for local or when none is usable. */
  apiKey: string | null;
  source: LlmConfigSource;
  temperature: number | null;
  maxTokens: number | null;
  /** The tenant's row, when it has one. */
  row: LlmConfigRow | null;
  /** The tenant's own stored key (unsealed), when there is one. */
  tenantKey: string | null;
}

/**
 * Reads a tenant's LLM config (issue 7): its llm_configs row, else the platform's OpenAI (AppConfig.llm.openai),
 * else the local provider. The platform's key is only ever sent to the platform's own base URL, so a tenant that
 * points OpenAI somewhere else must bring its own key.
 */
@Injectable()
export class LlmConfigResolver {
  private readonly box: SecretBox;

  constructor(
    private readonly configs: LlmConfigsRepository,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  async resolve(tenantId: string): Promise<EffectiveLlm> {
    return this.effective(await this.configs.find(tenantId));
  }

  effective(row: LlmConfigRow | null): EffectiveLlm {
    const platform = this.config.llm.openai;
    if (!row) {
      return platform
        ? {
            provider: 'openai',
            model: platform.model,
            baseUrl: platform.baseUrl,
            apiStyle: platform.apiStyle,
            apiKey: platform.apiKey,
            source: 'platform',
            temperature: null,
            maxTokens: null,
            row: null,
            tenantKey: null,
          }
        : {
            provider: 'local',
            model: LOCAL_LLM_MODEL,
            baseUrl: null,
            apiStyle: null,
            apiKey: null,
            source: 'default',
            temperature: null,
            maxTokens: null,
            row: null,
            tenantKey: null,
          };
    }
    const tenantKey = this.keyOf(row);
    const settings = row.settings ?? {};
    const common = {
      model: row.model,
      source: 'tenant' as const,
      temperature: typeof settings.temperature === 'number' ? settings.temperature : null,
      maxTokens: typeof settings.max_tokens === 'number' ? settings.max_tokens : null,
      row,
      tenantKey,
    };
    if (row.provider === 'local') {
      return { ...common, provider: 'local', baseUrl: null, apiStyle: null, apiKey: null };
    }
    const baseUrl = this.openAiBaseUrl(row.base_url);
    return {
      ...common,
      provider: 'openai',
      baseUrl,
      apiStyle: row.api_style,
      apiKey: tenantKey ?? this.platformKeyFor(baseUrl),
    };
  }

  /** The base URL an OpenAI config calls: its own, else the platform's (OPENAI_BASE_URL). */
  openAiBaseUrl(baseUrl: string | null): string {
    return baseUrl ?? this.config.llm.openai?.baseUrl ?? this.config.llm.defaultBaseUrl;
  }

  /** Whether `baseUrl` is one the tenant chose, not the platform's own (OPENAI_BASE_URL): the egress policy judges it. */
  chosenByTenant(baseUrl: string | null): baseUrl is string {
    return !!baseUrl && !sameUrl(this.config.llm.openai?.baseUrl ?? this.config.llm.defaultBaseUrl, baseUrl);
  }

  /** The platform's key, when there is one and `baseUrl` is the platform's own endpoint. */
  platformKeyFor(baseUrl: string): string | null {
    const platform = this.config.llm.openai;
    return platform && sameUrl(platform.baseUrl, baseUrl) ? platform.apiKey : null;
  }

  seal(apiKey: string): string {
    return this.box.encrypt(JSON.stringify({ api_key: apiKey }));
  }

  keyOf(row: LlmConfigRow): string | null {
    if (!row.credentials_sealed) return null;
    const credentials = JSON.parse(this.box.decrypt(row.credentials_sealed)) as { api_key?: unknown };
    return typeof credentials.api_key === 'string' && credentials.api_key ? credentials.api_key : null;
  }
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
