import { useDeferredValue } from 'react';

/**
 * A query's data as a non-blocking update. RTK Query's results reach components as urgent
 * (synchronous) renders; with the data deferred, what depends on it renders in a transition —
 * in slices that leave the page responsive — while the previous screen (or the loading state,
 * `pending`) stays up until that render is done.
 */
export function useDeferredData<T>(data: T | undefined): { data: T | undefined; pending: boolean } {
  const deferred = useDeferredValue(data);
  return { data: deferred, pending: data !== undefined && deferred === undefined };
}
