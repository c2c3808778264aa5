import type { Provider } from '@nestjs/common';
import { WorkflowHeldSends } from './workflow-held-sends';
import { WorkflowJobs } from './workflow-jobs';
import { WorkflowNodeActions } from './workflow-node-actions';
import { WorkflowRunner } from './workflow-runner.service';
import { WorkflowRunsRepository } from './workflow-runs.repository';
import { WorkflowRunsSweeper } from './workflow-runs.sweeper';
import { WorkflowSendAction } from './workflow-send.action';
import { WorkflowTriggers } from './workflow-triggers';
import { WorkflowUpdateLeadAction } from './workflow-update-lead.action';
import { WorkflowWaitAction } from './workflow-wait.action';
import { WorkflowsRepository } from './workflows.repository';
import { WorkflowsService } from './workflows.service';

/** Workflows (seed 000): exported services. */
export const WORKFLOW_SERVICES: Provider[] = [WorkflowsService, WorkflowTriggers];

export const WORKFLOW_PROVIDERS: Provider[] = [
  ...WORKFLOW_SERVICES,
  WorkflowsRepository,
  WorkflowRunsRepository,
  WorkflowRunner,
  WorkflowJobs,
  WorkflowNodeActions,
  WorkflowSendAction,
  WorkflowUpdateLeadAction,
  WorkflowWaitAction,
  WorkflowHeldSends,
  WorkflowRunsSweeper,
];
