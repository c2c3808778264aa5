import type { ObjectLiteral, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Reads an entity's rows with plain SQL and builds the entities as TypeORM's `findOne` does (the same columns,
 * `select: false` ones left out, each value through the driver's hydration and the column's transformer), at a
 * fraction of the cost: the repository's `find*` machinery took half of a primary-key look-up's CPU.
 */
export class EntityRows<T extends ObjectLiteral> {
  /** The selected columns, quoted, in the metadata's order. */
  readonly columns: string;
  readonly table: string;
  private readonly selected: ColumnMetadata[];

  constructor(private readonly repo: Repository<T>) {
    const metadata = repo.metadata;
    this.selected = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
    this.columns = this.selected.map((c) => `"${c.databaseName}"`).join(', ');
    this.table = `"${metadata.tableName}"`;
  }

  hydrate(row: Record<string, unknown>): T {
    const entity = this.repo.metadata.create() as T;
    const driver = this.repo.manager.connection.driver;
    for (const column of this.selected) {
      const value = row[column.databaseName];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }
}
