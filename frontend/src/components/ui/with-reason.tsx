import { Tooltip } from '@mui/material';
import type { ReactElement } from 'react';

/**
 * An action that is disabled for a reason (e.g. the role it needs) shows that reason: a tooltip,
 * on a wrapper because a disabled button gets no pointer events, and the wrapper's title for
 * assistive technology while the tooltip is closed. Without a reason, the action as it is.
 */
export function WithReason({
  reason,
  children,
}: {
  reason: string | null;
  children: ReactElement;
}) {
  if (!reason) return children;
  return (
    <Tooltip title={reason} describeChild>
      <span>{children}</span>
    </Tooltip>
  );
}
