import { AppError, cutText } from '@app/common';
import { SqlRunner, tenantQuery } from '@app/db';

export interface CampaignHeader {
  id: string;
  name: string;
  status: string;
}

/** The tenant's campaign (an archived one too: its history stays readable), else 404 NOT_FOUND: another tenant's is never seen. */
export async function campaignHeader(
  db: SqlRunner,
  tenantId: string,
  campaignId: string,
): Promise<CampaignHeader> {
  const [row] = await tenantQuery<CampaignHeader>(
    db,
    tenantId,
    `SELECT id, name, status FROM campaigns WHERE tenant_id = $1 AND id = $2`,
    [campaignId],
  );
  if (!row) throw AppError.notFound('Campaign');
  return row;
}

/** A conversation snippet: whitespace collapsed, cut at `max` characters with an ellipsis. */
export function snippet(text: string | null, max = 160): string | null {
  if (text === null) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  // Cut between characters (cutText): never after the first half of a surrogate pair.
  return flat.length > max ? `${cutText(flat, max - 1).trimEnd()}…` : flat;
}

/**
 * An ASCII download name from the campaign's name ("Été 2025!" -> "campaign-ete-2025.csv"), else from its id; a
 * part of the results names itself ("campaign-ete-2025-kpis.csv").
 */
export function campaignFileName(
  campaign: Pick<CampaignHeader, 'id' | 'name'>,
  extension: 'csv' | 'pdf',
  part?: string,
): string {
  const slug = campaign.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `campaign-${slug || campaign.id}${part ? `-${part}` : ''}.${extension}`;
}
