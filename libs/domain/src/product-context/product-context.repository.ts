import type { PageWindow } from '@app/common';
import { assertTenantId, fastSql, ProductContextStatus, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ProductContextRow {
  metadata: Record<string, unknown>;
  status: ProductContextStatus;
  updated_at: Date;
}

export interface ProductContextTurnRow {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  metadata: Record<string, unknown> | null;
  user_id: string | null;
  interaction_id: string | null;
  created_at: Date;
}

export interface NewTurn {
  role: 'user' | 'assistant';
  content: string;
  metadata: unknown;
  userId: string | null;
  interactionId: string | null;
  createdAt: Date;
}

/** Oldest first; a user turn and its answer share a time in a test clock, so the role breaks the tie. */
const TURN_ORDER = `created_at, CASE role WHEN 'user' THEN 0 ELSE 1 END, id`;

/** product_contexts (one row per tenant) and product_context_messages; every method takes the tenant first. */
@Injectable()
export class ProductContextRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = fastSql(db);
  }

  async find(tenantId: string): Promise<ProductContextRow | null> {
    const [row] = await tenantQuery<ProductContextRow>(
      this.sql,
      tenantId,
      'SELECT metadata, status, updated_at FROM product_contexts WHERE tenant_id = $1',
    );
    return row ?? null;
  }

  /** The last `limit` turns, oldest first. */
  async recentTurns(tenantId: string, limit: number): Promise<ProductContextTurnRow[]> {
    const rows = await tenantQuery<ProductContextTurnRow>(
      this.sql,
      tenantId,
      `SELECT * FROM (
         SELECT id, role, content, metadata, user_id, interaction_id, created_at
           FROM product_context_messages WHERE tenant_id = $1
          ORDER BY created_at DESC, CASE role WHEN 'user' THEN 0 ELSE 1 END DESC, id DESC
          LIMIT $2) recent
        ORDER BY ${TURN_ORDER}`,
      [limit],
    );
    return rows;
  }

  async log(tenantId: string, window: PageWindow): Promise<[ProductContextTurnRow[], number]> {
    const [rows, count] = await Promise.all([
      tenantQuery<ProductContextTurnRow>(
        this.sql,
        tenantId,
        `SELECT id, role, content, metadata, user_id, interaction_id, created_at
           FROM product_context_messages WHERE tenant_id = $1
          ORDER BY ${TURN_ORDER} LIMIT $2 OFFSET $3`,
        [window.limit, window.offset],
      ),
      tenantQuery<{ total: number }>(
        this.sql,
        tenantId,
        'SELECT count(*)::int AS total FROM product_context_messages WHERE tenant_id = $1',
      ),
    ]);
    return [rows, count[0]?.total ?? 0];
  }

  /** Runs `work` in a transaction holding the tenant's product_contexts row (created empty if missing) locked. */
  async withLockedContext<R>(
    tenantId: string,
    work: (tx: EntityManager, row: ProductContextRow) => Promise<R>,
  ): Promise<R> {
    assertTenantId(tenantId);
    return this.db.transaction(async (tx) => {
      await tx.query(
        'INSERT INTO product_contexts (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING',
        [tenantId],
      );
      const [row] = await tenantQuery<ProductContextRow>(
        tx,
        tenantId,
        'SELECT metadata, status, updated_at FROM product_contexts WHERE tenant_id = $1 FOR UPDATE',
      );
      return work(tx, row);
    });
  }

  async addTurn(tx: EntityManager, tenantId: string, turn: NewTurn): Promise<void> {
    assertTenantId(tenantId);
    await tx.query(
      `INSERT INTO product_context_messages (tenant_id, role, content, metadata, user_id, interaction_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        tenantId,
        turn.role,
        turn.content,
        turn.metadata === null || turn.metadata === undefined ? null : JSON.stringify(turn.metadata),
        turn.userId,
        turn.interactionId,
        turn.createdAt,
      ],
    );
  }

  async save(
    tx: EntityManager,
    tenantId: string,
    metadata: unknown,
    status: ProductContextStatus,
    at: Date,
  ): Promise<void> {
    await tenantQuery(
      tx,
      tenantId,
      'UPDATE product_contexts SET metadata = $2, status = $3, updated_at = $4 WHERE tenant_id = $1',
      [JSON.stringify(metadata), status, at],
    );
  }
}
