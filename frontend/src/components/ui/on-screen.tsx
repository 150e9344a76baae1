import { Card } from '@mui/material';
import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';

import { LoadingState } from '@/components/ui/loading-state';
import { PanelHeader } from '@/components/ui/table-panel';
import { useOnScreen } from '@/hooks/use-on-screen';

/**
 * `placeholder` until it has come on screen, then `children` (mounted as a transition, in a
 * task of their own). A phone's page builds only its first screen at load; what lies below it
 * is built when the user scrolls there. A placeholder with the panel's heading and a skeleton
 * keeps the page's outline. Once shown, `children` stay.
 */
export function OnScreen({
  placeholder,
  children,
}: {
  placeholder: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const seen = useOnScreen(ref);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!seen) return undefined;
    const t = setTimeout(() => startTransition(() => setReady(true)));
    return () => clearTimeout(t);
  }, [seen]);
  return ready ? children : <div ref={ref}>{placeholder}</div>;
}

/** A panel's heading and a skeleton: the usual placeholder of a panel in OnScreen. */
export function PanelPlaceholder({ title, rows = 3 }: { title: string; rows?: number }) {
  return (
    <Card>
      <PanelHeader title={title} />
      <LoadingState label={`Loading ${title.toLowerCase()}`} rows={rows} />
    </Card>
  );
}
