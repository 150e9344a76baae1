import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * 0 on the first render, then 1, 2, … up to `last`: each step one task after the previous
 * commit, as a transition. A page renders its first screen at stage 0 and what lies below or
 * beside it at the later stages, so that no single commit (DOM and Material UI's styles for
 * the whole page) keeps a slow phone from responding for long. Only the first mount waits:
 * once at `last`, the stage stays there.
 */
export function useStage(last: number): number {
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (stage >= last) return undefined;
    const t = setTimeout(() => startTransition(() => setStage((s) => Math.min(s + 1, last))));
    return () => clearTimeout(t);
  }, [stage, last]);
  return stage;
}

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
  return useStage(1) === 1 ? children : fallback;
}
