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
    this.rows ??= new EntityRows(this.repo);
    const [row] = await tenantQuery(
      (this.fast ??= fastSql(this.repo.manager.connection)),
      tenantId,
      `SELECT ${this.rows.columns} FROM ${this.rows.table} WHERE tenant_id = $1 AND id = $2`,
      [id],
    );
    return row ? this.rows.hydrate(row) : null;
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
