import type { AiInteractionKind } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { TenantsService } from '../tenants/tenants.service';
import { round } from './ai-agents.repository';
import { AgentRunTotals, AiPerformanceRepository, AiPeriod, KindTotals } from './ai-performance.repository';
import { aiSavings, humanCostPerMessage } from './ai-savings';

export interface AiAgentMetrics {
  total_interactions: number;
  successful_interactions: number;
  success_rate: number;
  /** Seconds. */
  avg_response_time: number;
  cost_per_interaction: number;
  /** Runs that judged their lead qualified / runs that judged a lead. */
  lead_qualification_rate: number;
  total_cost: number;
}

export interface AiPerformance {
  agents: Array<{ agent_id: string; name: string; metrics: AiAgentMetrics }>;
  overall: {
    total_interactions: number;
    total_cost: number;
    avg_response_time: number;
    success_rate: number;
    by_kind: Record<AiInteractionKind, { count: number; cost: number }>;
    /** AI-written outbound messages / all outbound messages. */
    automation_rate: number;
    /** USD: the AI-written messages at the tenant's human cost per message, less the AI's cost. */
    total_savings: number;
    /** USD: the human cost per message the savings use (`settings.ai.human_cost_per_message`). */
    human_cost_per_message: number;
  };
  period: { from: Date | null; to: Date | null };
}

const ratio = (part: number, whole: number, digits = 4) => (whole ? round(part / whole, digits) : 0);
/**
 * USD to the ledger's precision (ai_interactions.cost_usd keeps a call's cost to 1e-10, as the call answered it): a
 * sum of calls answers what their costs add up to, a gpt-4o-mini call of $0.0000108 not $0.000011. Rounding only
 * takes off the float noise of adding them up.
 */
const usd = (n: number) => round(n, 10);

/** `GET analytics/ai-performance` (seed 004): the tenant's model calls and agent runs, from ai_interactions. */
@Injectable()
export class AiPerformanceService {
  constructor(
    private readonly records: AiPerformanceRepository,
    private readonly tenants: TenantsService,
  ) {}

  async report(auth: AuthContext, period: AiPeriod): Promise<AiPerformance> {
    const [agents, kinds, outbound, tenant] = await Promise.all([
      this.records.agentRuns(auth.tenantId, period),
      this.records.byKind(auth.tenantId, period),
      this.records.outbound(auth.tenantId, period),
      this.tenants.get(auth.tenantId),
    ]);
    const sum = (pick: (k: KindTotals) => number) => kinds.reduce((acc, k) => acc + pick(k), 0);
    const total = sum((k) => k.total);
    const humanCost = humanCostPerMessage(tenant.settings);
    return {
      agents: agents.map((a) => ({ agent_id: a.agent_id, name: a.name, metrics: agentMetrics(a) })),
      overall: {
        total_interactions: total,
        total_cost: usd(sum((k) => k.cost)),
        avg_response_time: ratio(sum((k) => k.latency_ms_sum) / 1000, total, 3),
        success_rate: ratio(
          sum((k) => k.successful),
          total,
        ),
        by_kind: Object.fromEntries(
          kinds.map((k) => [k.kind, { count: k.total, cost: usd(k.cost) }]),
        ) as AiPerformance['overall']['by_kind'],
        automation_rate: ratio(outbound.ai, outbound.total),
        total_savings: aiSavings(
          outbound.ai,
          humanCost,
          sum((k) => k.cost),
        ),
        human_cost_per_message: humanCost,
      },
      period,
    };
  }
}

function agentMetrics(a: AgentRunTotals): AiAgentMetrics {
  return {
    total_interactions: a.total,
    successful_interactions: a.successful,
    success_rate: ratio(a.successful, a.total),
    avg_response_time: ratio(a.latency_ms_sum / 1000, a.total, 3),
    cost_per_interaction: a.total ? usd(a.cost / a.total) : 0,
    lead_qualification_rate: ratio(a.qualified, a.judged),
    total_cost: usd(a.cost),
  };
}
