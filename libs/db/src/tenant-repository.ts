import type {
  DeepPartial,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { EntityRows } from './entity-rows';
import { fastSql } from './fast-sql';
import { assertTenantId, SqlRunner, tenantQuery } from './tenant-scope';

export interface TenantOwned extends ObjectLiteral {
  id: string;
  tenantId: string;
}

export interface ListWindow {
  limit: number;
  offset: number;
}

/**
 * Base of every tenant-owned repository: each method takes the tenant id first and refuses to run without one,
 * so no query on tenant data can forget its tenant.
 */
export abstract class TenantRepository<T extends TenantOwned> {
  private rows?: EntityRows<T>;
  private fast?: SqlRunner;

  protected constructor(protected readonly repo: Repository<T>) {}

  protected where(tenantId: string, where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    assertTenantId(tenantId);
    return { ...where, tenantId } as FindOptionsWhere<T>;
  }

  /** A query builder already filtered on the tenant (alias `t`). */
  protected scoped(tenantId: string, alias = 't'): SelectQueryBuilder<T> {
    assertTenantId(tenantId);
    return this.repo.createQueryBuilder(alias).where(`${alias}.tenant_id = :tenantId`, { tenantId });
  }

  /** One row by its id, through plain SQL on the pool (a hot path everywhere), built as `findOne` builds it. */
  async findById(tenantId: string, id: string): Promise<T | null> {
    const rows = this.entityRows();
    const [row] = await tenantQuery(
      (this.fast ??= fastSql(this.repo.manager.connection)),
      tenantId,
      `SELECT ${rows.columns} FROM ${rows.table} WHERE tenant_id = $1 AND id = $2`,
      [id],
    );
    return row ? rows.hydrate(row) : null;
  }

  /** The columns findById reads (quoted): what a write answers (RETURNING) to build the entity without reading it. */
  get rowColumns(): string {
    return this.entityRows().columns;
  }

  /** The entity of a row of `rowColumns`, as findById builds it. */
  fromRow(row: Record<string, unknown>): T {
    return this.entityRows().hydrate(row);
  }

  private entityRows(): EntityRows<T> {
    return (this.rows ??= new EntityRows(this.repo));
  }

  async findPage(
    tenantId: string,
    window: ListWindow,
    where: FindOptionsWhere<T> = {},
    order: FindOptionsOrder<T> = { createdAt: 'DESC', id: 'DESC' } as unknown as FindOptionsOrder<T>,
  ): Promise<[T[], number]> {
    return this.repo.findAndCount({
      where: this.where(tenantId, where),
      order,
      take: window.limit,
      skip: window.offset,
    });
  }

  async insert(tenantId: string, data: DeepPartial<T>): Promise<T> {
    assertTenantId(tenantId);
    return this.repo.save(this.repo.create({ ...data, tenantId } as DeepPartial<T>));
  }
}
