export * from './create-database';
export * from './data-source-options';
export * from './db.module';
export * from './entities';
export * from './migrations';
export * from './roles';
export * from './tenant-repository';
export * from './tenant-scope';
