import { isRejectedWithValue, type Middleware } from '@reduxjs/toolkit';

import { problemMessage, toProblem } from '@/api/problem';
import { notify } from '@/lib/notifications';

// Mutations that show their own errors in place.
const SELF_REPORTING = new Set([
  'login',
  'logout',
  'exportStores',
  'downloadConfigBundle',
  'createPool',
  'deletePool',
  'createModel',
  'createItem',
  'importItems',
  'importStores',
  'revealCredentials',
  'createTemplate',
  'updateTemplate',
  'createTemplateStores',
  'syncTemplateStores',
  'planStoreProvisioning',
  'provisionAsPlanned',
  'createRollout',
  'changeRollout',
]);

/**
 * Failed mutations become a toast, except field validation errors (shown on the form
 * fields), 412 (the conflict dialog) and 401 (the re-auth flow). Failed queries render an
 * inline error state where their data would be, so they are not toasted.
 */
export const errorToastMiddleware: Middleware = (api) => (next) => (action) => {
  if (isRejectedWithValue(action)) {
    const arg = (action.meta as { arg?: { type?: string; endpointName?: string } }).arg;
    if (arg?.type === 'mutation' && !SELF_REPORTING.has(arg.endpointName ?? '')) {
      const p = toProblem(action.payload);
      if (p.status !== 412 && p.status !== 401 && p.errors.length === 0) {
        api.dispatch(notify({ severity: 'error', message: problemMessage(p) }));
      }
    }
  }
  return next(action);
};
