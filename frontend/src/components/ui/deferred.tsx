import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Renders `children` one task after it mounts (as a transition), `fallback` until then. At
 * start-up this splits one large commit — the shell, its header, the page — into several of
 * moderate size, so no single task keeps a slow phone from responding for long. Later renders
 * are immediate: only the first mount waits.
 */
export function Deferred({
  children,
  fallback = null,
}: {
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => startTransition(() => setReady(true)));
    return () => clearTimeout(t);
  }, []);
  return ready ? children : fallback;
}
