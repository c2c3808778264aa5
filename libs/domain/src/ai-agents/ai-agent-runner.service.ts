import { AppError, Clock, cutText } from '@app/common';
import type { AiAgentEntity, LeadEntity } from '@app/db';
import { LiveEvents } from '@app/events';
import type { AgentAction, AgentRunInput, AgentRunOutput } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { LeadsRepository } from '../leads/leads.repository';
import { LlmManager } from '../llm/llm-manager.service';
import { ProductContextService } from '../product-context/product-context.service';
import { AiAgentsService } from './ai-agents.service';
import { llmFailure } from '../llm/llm-failure';
import { OutboundWebhooks } from '../webhooks/outbound-webhooks';

/** Seed 004's execute input. */
export interface AiAgentRunRequest {
  lead_id?: string | null;
  message: string;
  context?: Record<string, unknown>;
}

export interface AiAgentRunResult {
  output: { response: string; actions: AgentAction[]; confidence: number };
  usage: { input_tokens: number; output_tokens: number; total_cost: number };
  interaction_id: string;
  latency_ms: number;
}

/** A run that judged itself this sure counts as a success in the agent's record. */
export const AGENT_SUCCESS_CONFIDENCE = 0.5;

/** What of a run's input the ledger keeps. */
const STORED_MESSAGE_CHARS = 1000;

/**
 * Runs an AI agent (seed 004's execute): loads the lead, tells the tenant's sockets (`agent.status` processing,
 * then completed or failed), runs the agent's task on the tenant's LLM (the agent's own model when the tenant is on
 * OpenAI) and records the run in ai_interactions.
 */
@Injectable()
export class AiAgentRunner {
  constructor(
    private readonly agents: AiAgentsService,
    private readonly leads: LeadsRepository,
    private readonly llm: LlmManager,
    private readonly product: ProductContextService,
    private readonly live: LiveEvents,
    private readonly clock: Clock,
    private readonly webhooks: OutboundWebhooks,
  ) {}

  async execute(auth: AuthContext, agentId: string, request: AiAgentRunRequest): Promise<AiAgentRunResult> {
    const tenantId = auth.tenantId;
    const agent = await this.agents.find(auth, agentId);
    if (agent.status !== 'active')
      throw AppError.conflict('The AI agent is inactive; set its status to active to run it', {
        status: agent.status,
      });
    const lead = request.lead_id ? await this.leads.findById(tenantId, request.lead_id) : null;
    if (request.lead_id && !lead) throw AppError.notFound('Lead');
    const product = await this.product.metadata(tenantId);
    const context = request.context ?? {};
    const task = currentTask(agent, lead, request.message);
    this.status(tenantId, agent.id, 'processing', task);
    try {
      const input: AgentRunInput = {
        agent: {
          name: agent.name,
          type: agent.type,
          capabilities: agent.capabilities,
          system_prompt: agent.config.system_prompt ?? null,
          temperature: agent.config.temperature ?? null,
          max_tokens: agent.config.max_tokens ?? null,
        },
        message: request.message,
        lead: lead ? leadFacts(lead) : null,
        context,
        product,
        now: this.clock.now().toISOString(),
      };
      const result = await this.llm.call<AgentRunOutput>(
        tenantId,
        {
          kind: 'agent_run',
          agent_id: agent.id,
          lead_id: lead?.id ?? null,
          input: {
            message: cutText(request.message, STORED_MESSAGE_CHARS),
            lead_id: lead?.id ?? null,
            context,
          },
        },
        (port) => port.runAgent(input),
        {
          model: agent.config.model,
          interactive: true,
          assess: (out) => ({
            success: out.confidence >= AGENT_SUCCESS_CONFIDENCE,
            qualified: lead ? out.qualified : null,
          }),
        },
      );
      this.status(tenantId, agent.id, 'completed', task);
      await this.webhooks.emit(tenantId, 'agent.completed', [result.interaction_id]);
      const { output, usage } = result;
      return {
        output: {
          response: output.response,
          actions: (output.actions ?? []).map((a) => ({
            type: a.type,
            parameters: snakeKeys(a.parameters ?? {}) as Record<string, unknown>,
          })),
          confidence: output.confidence,
        },
        usage: {
          input_tokens: usage.input_tokens,
          output_tokens: usage.output_tokens,
          total_cost: usage.cost_usd,
        },
        interaction_id: result.interaction_id,
        latency_ms: Math.round(usage.latency_ms),
      };
    } catch (err) {
      this.status(tenantId, agent.id, 'failed', task);
      throw llmFailure(err);
    }
  }

  private status(
    tenantId: string,
    agentId: string,
    status: 'processing' | 'completed' | 'failed',
    task: string,
  ): void {
    this.live.toTenant(tenantId, 'agent.status', {
      agent_id: agentId,
      status,
      current_task: task,
      timestamp: this.clock.now().toISOString(),
    });
  }
}

/** What the agent is doing, for the dashboard ("Qualifying lead <id>"). */
export function currentTask(agent: AiAgentEntity, lead: LeadEntity | null, message: string): string {
  const skills = [agent.type, ...agent.capabilities].join(' ').toLowerCase();
  if (lead) {
    if (/qualif|sales/.test(skills)) return `Qualifying lead ${lead.id}`;
    if (/schedul|appointment|meeting|booking/.test(skills)) return `Scheduling with lead ${lead.id}`;
    return `Answering lead ${lead.id}`;
  }
  const text = message.replace(/\s+/g, ' ').trim();
  return `Answering: ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

function leadFacts(lead: LeadEntity): NonNullable<AgentRunInput['lead']> {
  return {
    id: lead.id,
    first_name: lead.firstName,
    last_name: lead.lastName,
    company: lead.company,
    position: lead.position,
    country: lead.country,
    custom_fields: lead.customFields ?? {},
    email: lead.email,
    phone: lead.phone,
    score: lead.score,
    classification: lead.classification,
    // Times suggested to the lead are in its zone: its own, else its phone's.
    timezone: lead.timezone ?? lead.timezones[0] ?? null,
  };
}

/** Object keys in snake_case at every depth (JSON out of the API is snake_case; a model may answer camelCase). */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
        .toLowerCase(),
      snakeKeys(v),
    ]),
  );
}
