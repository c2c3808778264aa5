/**
 * The reference for bench:api: a bare Nest + Fastify app running the same SQL as GET /api/leads/:id and
 * GET /api/leads?limit=50 straight through `pg`, with no auth, rate limiting, validation or ORM.
 */
import 'reflect-metadata';
import { Controller, Get, Inject, Module, Param, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';

const POOL = Symbol('POOL');

@Controller('bare/leads')
class BareLeadsController {
  constructor(@Inject(POOL) private readonly pool: Pool) {}

  @Get(':id')
  async one(@Param('id') id: string, @Query('tenant') tenant: string) {
    const { rows } = await this.pool.query('SELECT * FROM leads WHERE tenant_id = $1 AND id = $2', [
      tenant,
      id,
    ]);
    return { success: true, data: rows[0] ?? null };
  }

  @Get()
  async page(@Query('tenant') tenant: string) {
    const [page, count] = await Promise.all([
      this.pool.query(
        'SELECT * FROM leads WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 50',
        [tenant],
      ),
      this.pool.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1 AND archived_at IS NULL', [
        tenant,
      ]),
    ]);
    return { success: true, data: page.rows, meta: { total: count.rows[0].n, limit: 50, offset: 0 } };
  }
}

@Module({
  controllers: [BareLeadsController],
  providers: [
    // The pool as the API's (libs/db data-source-options): 10 connections, kept once opened. pg's default closes a
    // client idle for 10 s, and bench:api leaves each side idle 16 s before every other fixed-rate round.
    {
      provide: POOL,
      useFactory: () => new Pool({ connectionString: process.env.DATABASE_URL, max: 10, min: 10 }),
    },
  ],
})
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
