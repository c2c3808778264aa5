import { lazyPackage } from '@app/common';

/**
 * The `openai` SDK (some 150 modules), loaded by the first request an adapter sends rather than when the API or
 * worker starts. Until then no error can be one of its classes, which the error mappers rely on.
 */
export const openAiSdk = lazyPackage(() => import('openai'));
