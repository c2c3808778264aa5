import { FieldIssue, invalidInput } from '@app/common';
import { AppConfig } from '@app/config';
import type { LlmProviderChoice } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { TenantEgress } from '../egress/tenant-egress';
import { EffectiveLlm, LlmConfigResolver, LlmConfigSource, LOCAL_LLM_MODEL } from './llm-config-resolver';
import { LlmConfigRow, LlmConfigsRepository } from './llm-configs.repository';

/** OpenAI models offered in `GET llm/providers` (any model name the server knows is accepted). */
export const SUGGESTED_OPENAI_MODELS = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-4.1-mini',
  'gpt-4.1',
  'gpt-4.1-nano',
  'o4-mini',
];

/** A tenant's LLM as `GET llm/providers` shows it: never a key, only whether one is set. */
export interface LlmProvidersView {
  active: {
    provider: LlmProviderChoice;
    model: string;
    base_url: string | null;
    api_style: 'chat' | 'responses' | null;
    /** Whether a key will be sent (the tenant's own or the platform's); always false for local. */
    key_set: boolean;
    source: LlmConfigSource;
    temperature: number | null;
    max_tokens: number | null;
  };
  providers: Array<{ name: LlmProviderChoice; available: boolean; models: string[]; key_set?: boolean }>;
}

/**
 * `PATCH llm/providers`: a field left out keeps its value (`provider` left out: the tenant's current one, its row's or
 * the platform default's); `api_key: null` removes the stored key. At least one field is needed.
 */
export interface LlmConfigInput {
  provider?: LlmProviderChoice;
  model?: string;
  api_key?: string | null;
  base_url?: string | null;
  api_style?: 'chat' | 'responses';
  temperature?: number | null;
  max_tokens?: number | null;
}

/** The fields of a PATCH, as the 400 of a body that names none of them lists them. */
const LLM_CONFIG_FIELDS: (keyof LlmConfigInput)[] = [
  'provider',
  'model',
  'api_key',
  'base_url',
  'api_style',
  'temperature',
  'max_tokens',
];

/** The system/status line of the tenant's LLM (read from config; the model is not called). */
export interface LlmStatusLine {
  provider: LlmProviderChoice;
  model: string;
  configured: boolean;
  source: LlmConfigSource;
}

/** Tenants' LLM choice (issue 7): provider, model, endpoint and the key, sealed with SecretBox at rest. */
@Injectable()
export class LlmConfigService {
  constructor(
    private readonly resolver: LlmConfigResolver,
    private readonly configs: LlmConfigsRepository,
    private readonly activity: ActivityService,
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly egress: TenantEgress,
  ) {}

  async view(tenantId: string): Promise<LlmProvidersView> {
    return this.toView(await this.resolver.resolve(tenantId));
  }

  async status(tenantId: string): Promise<LlmStatusLine> {
    const effective = await this.resolver.resolve(tenantId);
    return {
      provider: effective.provider,
      model: effective.model,
      configured: effective.provider === 'local' || Boolean(effective.apiKey),
      source: effective.source,
    };
  }

  /**
   * Replaces the tenant's LLM config. Read, checked and written under the tenant's config lock, so that of two
   * concurrent PATCHes the second sees the first's row: a key rotated by one is never written back by the other.
   */
  async update(auth: AuthContext, input: LlmConfigInput): Promise<LlmProvidersView> {
    if (Object.values(input).every((value) => value === undefined)) {
      throw invalidInput([
        { field: 'body', reason: `must name something to change: one of ${LLM_CONFIG_FIELDS.join(', ')}` },
      ]);
    }
    const updated = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('llm-config:' || $1::text, 0))`, [
        auth.tenantId,
      ]);
      return this.write(tx, auth, input);
    });
    return this.toView(this.resolver.effective(updated));
  }

  private async write(tx: EntityManager, auth: AuthContext, input: LlmConfigInput): Promise<LlmConfigRow> {
    const current = await this.configs.find(auth.tenantId, tx);
    const previous = this.resolver.effective(current);
    // Credentials alone (seed 002: "switch the active provider or update credentials") stay on the current provider.
    const provider = input.provider ?? previous.provider;
    const issues: FieldIssue[] = [];
    const refuse = (field: string, reason: string) => issues.push({ field, reason });

    const storedKey = current ? this.resolver.keyOf(current) : null;
    const baseUrl = input.base_url === undefined ? (current?.base_url ?? null) : input.base_url;
    // The stored key is only ever sent to the endpoint it was given for: a new base_url needs its key with it.
    const endpointMoved =
      storedKey !== null &&
      this.resolver.openAiBaseUrl(baseUrl) !== this.resolver.openAiBaseUrl(current?.base_url ?? null);
    const key = input.api_key === undefined ? (endpointMoved ? null : storedKey) : input.api_key;
    const apiStyle = input.api_style ?? current?.api_style ?? this.config.llm.openai?.apiStyle ?? 'chat';
    const sameProvider = current?.provider === provider;
    let model = input.model ?? (sameProvider ? current.model : undefined);

    if (provider === 'local') {
      const openAiOnly = input.provider
        ? 'is only taken with provider openai'
        : 'is only taken with provider openai (the tenant is on local: send provider openai with it)';
      if (typeof input.api_key === 'string') refuse('api_key', openAiOnly);
      if (typeof input.base_url === 'string') refuse('base_url', openAiOnly);
      if (input.api_style !== undefined) refuse('api_style', openAiOnly);
      model ??= LOCAL_LLM_MODEL;
      if (model !== LOCAL_LLM_MODEL) refuse('model', `must be ${LOCAL_LLM_MODEL} for provider local`);
    } else {
      model ??= this.config.llm.openai?.model ?? this.config.llm.defaultModel;
      const target = this.resolver.openAiBaseUrl(baseUrl);
      const refused = this.resolver.chosenByTenant(baseUrl) ? this.egress.refusal(baseUrl) : null;
      if (refused) refuse('base_url', refused);
      if (!key && !this.resolver.platformKeyFor(target)) {
        refuse(
          'api_key',
          endpointMoved && input.api_key === undefined
            ? 'is required with a new base_url: the stored key is only sent to the endpoint it was given for'
            : this.config.llm.openai && !this.resolver.platformKeyFor(target)
              ? "is required: the platform's key is only sent to the platform's base URL"
              : 'is required: no key is stored and the platform has none',
        );
      }
    }
    if (issues.length) throw invalidInput(issues);

    const settings = { ...(current?.settings ?? {}) };
    setOrClear(settings, 'temperature', input.temperature);
    setOrClear(settings, 'max_tokens', input.max_tokens);

    const row = await this.configs.upsert(tx, auth.tenantId, {
      provider,
      model,
      baseUrl,
      apiStyle,
      credentialsSealed: key ? this.resolver.seal(key) : null,
      settings,
    });
    await this.activity.record(
      auth.tenantId,
      auth,
      {
        type: 'llm_config.updated',
        description: `The LLM is now ${provider} (${model})`,
        data: {
          provider,
          model,
          previous_provider: previous.provider,
          previous_model: previous.model,
          key_changed: input.api_key !== undefined,
        },
      },
      tx,
    );
    return row;
  }

  private toView(effective: EffectiveLlm): LlmProvidersView {
    const platform = this.config.llm.openai;
    const openAiModels = [
      ...new Set([
        ...(effective.provider === 'openai' ? [effective.model] : []),
        ...(platform ? [platform.model] : []),
        ...SUGGESTED_OPENAI_MODELS,
      ]),
    ];
    return {
      active: {
        provider: effective.provider,
        model: effective.model,
        base_url: effective.baseUrl,
        api_style: effective.apiStyle,
        key_set: effective.provider === 'openai' && Boolean(effective.apiKey),
        source: effective.source,
        temperature: effective.temperature,
        max_tokens: effective.maxTokens,
      },
      providers: [
        { name: 'local', available: true, models: [LOCAL_LLM_MODEL] },
        {
          name: 'openai',
          available: Boolean(effective.tenantKey) || Boolean(platform),
          models: openAiModels,
          key_set: Boolean(effective.tenantKey),
        },
      ],
    };
  }
}

function setOrClear(settings: Record<string, unknown>, name: string, value: number | null | undefined): void {
  if (value === null) delete settings[name];
  else if (value !== undefined) settings[name] = value;
}
