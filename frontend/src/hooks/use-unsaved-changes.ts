import { useEffect, type RefObject } from 'react';
import { useBlocker } from 'react-router';

/**
 * While `dirty`, leaving the page asks first: in-app navigation through a blocker the
 * caller renders as a dialog, reloads and tab closes through the browser's own prompt.
 */
export function useUnsavedChanges(dirty: boolean, done?: RefObject<boolean>) {
  // `done` is read when navigation happens, so a save that navigates right away passes.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !done?.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  return blocker;
}
