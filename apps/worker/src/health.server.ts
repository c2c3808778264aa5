import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { HealthService } from '@app/domain';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';

/**
 * The worker's only HTTP: GET /health (liveness) and GET /health/ready (Postgres, Redis, queues),
 * answered in the API's envelope.
 */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly health: HealthService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.answer(req.method, req.url).then(([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) =>
      this.server?.listen(this.config.workerHealthPort, '0.0.0.0', resolve),
    );
    const address = this.server.address();
    this.logger.log(
      { port: typeof address === 'object' ? address?.port : address },
      'Worker health endpoint listening',
    );
  }

  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  private async answer(method: string | undefined, url: string | undefined): Promise<[number, unknown]> {
    const path = (url ?? '').split('?')[0];
    if (method === 'GET' && path === '/health') {
      return [
        200,
        {
          success: true,
          data: { status: 'ok', uptime_seconds: this.health.uptimeSeconds(this.clock.now()) },
        },
      ];
    }
    if (method === 'GET' && path === '/health/ready') {
      const report = await this.health.check();
      return report.ready
        ? [
            200,
            {
              success: true,
              data: { status: 'ready', checks: report.checks, latency_ms: report.latency_ms },
            },
          ]
        : [
            503,
            {
              success: false,
              error: { code: 'SERVICE_UNAVAILABLE', message: 'Not ready', details: report.checks },
            },
          ];
    }
    return [404, { success: false, error: { code: 'NOT_FOUND', message: 'Route not found', details: null } }];
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
