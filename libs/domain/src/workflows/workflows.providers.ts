import type { Provider } from '@nestjs/common';
import { WorkflowRunsRepository } from './workflow-runs.repository';
import { WorkflowsRepository } from './workflows.repository';
import { WorkflowsService } from './workflows.service';

/** Workflows (seed 000): exported services. */
export const WORKFLOW_SERVICES: Provider[] = [WorkflowsService];

export const WORKFLOW_PROVIDERS: Provider[] = [
  ...WORKFLOW_SERVICES,
  WorkflowsRepository,
  WorkflowRunsRepository,
];
