/**
 * What one outbound message written by a person costs the tenant, in USD, when its settings do not say: about two
 * minutes of a sales rep's loaded time. `settings.ai.human_cost_per_message` (PATCH admin/config) replaces it.
 */
export const DEFAULT_HUMAN_COST_PER_MESSAGE = 1;

/** The tenant's `settings.ai.human_cost_per_message`: a number from 0 up, else the default. */
export function humanCostPerMessage(settings: Record<string, unknown> | null | undefined): number {
  const ai = settings?.ai;
  const value =
    ai && typeof ai === 'object' && !Array.isArray(ai)
      ? (ai as Record<string, unknown>).human_cost_per_message
      : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : DEFAULT_HUMAN_COST_PER_MESSAGE;
}

/**
 * Seed 004's `totalSavings`: what the messages the AI wrote would have cost written by people, less what the AI cost
 * (every model call of the period, of any kind). Negative when the AI cost more.
 */
export function aiSavings(aiMessages: number, humanCostPerMessage: number, aiCost: number): number {
  return Math.round((aiMessages * humanCostPerMessage - aiCost) * 100) / 100;
}
