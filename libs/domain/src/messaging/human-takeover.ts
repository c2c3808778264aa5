import type { SqlRunner } from '@app/db';

/**
 * What a manual message (sender `agent`) does besides its row, in the row's transaction: a human has taken the
 * lead over, so automated and AI sends to it stop until control is ceded (DESIGN §7.5). The campaign domain binds
 * it (`campaign-control`); messaging only says when it happens.
 */
export abstract class HumanTakeover {
  abstract takeOver(tx: SqlRunner, tenantId: string, leadId: string, at: Date): Promise<void>;
}
