import { Page, PageWindow } from '@app/common';
import type { ProductContextStatus } from '@app/db';
import type { ProductMetadata } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { ProductContextRepository, ProductContextTurnRow } from './product-context.repository';
import { toProductMetadata } from './product-metadata';

export interface ProductContextView {
  metadata: ProductMetadata;
  status: ProductContextStatus;
  /** When the metadata last changed; null before the first chat. */
  updated_at: Date | null;
}

/** The tenant's product context (seed 002): what AI writers and agents read about the product. */
@Injectable()
export class ProductContextService {
  constructor(private readonly contexts: ProductContextRepository) {}

  /** The tenant's product metadata; EMPTY_PRODUCT when the tenant has not described its product yet. */
  async metadata(tenantId: string): Promise<ProductMetadata> {
    return (await this.view(tenantId)).metadata;
  }

  async view(tenantId: string): Promise<ProductContextView> {
    const row = await this.contexts.find(tenantId);
    return {
      metadata: toProductMetadata(row?.metadata),
      status: row?.status ?? 'empty',
      updated_at: row?.updated_at ?? null,
    };
  }

  /** The chat's turns, oldest first. */
  async log(tenantId: string, window: PageWindow): Promise<Page<ProductContextTurnRow>> {
    const [rows, total] = await this.contexts.log(tenantId, window);
    return new Page(rows, total, window.limit, window.offset);
  }
}
