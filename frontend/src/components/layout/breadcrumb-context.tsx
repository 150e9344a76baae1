import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

// Pages whose last crumb depends on data (a store's code) set it here.
const Ctx = createContext<{ label: string | null; setLabel: (l: string | null) => void }>({
  label: null,
  setLabel: () => undefined,
});

export function BreadcrumbProvider({ children }: { children: ReactNode }) {
  const [label, setLabel] = useState<string | null>(null);
  return <Ctx.Provider value={{ label, setLabel }}>{children}</Ctx.Provider>;
}

export function useBreadcrumbOverride(): string | null {
  return useContext(Ctx).label;
}

export function useBreadcrumb(label: string | null | undefined) {
  const { setLabel } = useContext(Ctx);
  useEffect(() => {
    setLabel(label ?? null);
    return () => setLabel(null);
  }, [label, setLabel]);
}
