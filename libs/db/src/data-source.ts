import { loadConfig } from '@app/config';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate -- libs/db/src/migrations/<name>`). */
if (existsSync('.env')) process.loadEnvFile('.env');

export default new DataSource(dataSourceOptions(loadConfig()));
