import { defineQuery } from '@temporalio/workflow';
import type { OperationProgress } from '../libs/operations/contracts';

/** Every operation answers this query; `GET /operations/{id}` shows it while running. */
export const progressQuery = defineQuery<OperationProgress>('progress');
