import AddBusinessRounded from '@mui/icons-material/AddBusinessRounded';
import CalendarMonthRounded from '@mui/icons-material/CalendarMonthRounded';
import CopyAllRounded from '@mui/icons-material/CopyAllRounded';
import DashboardRounded from '@mui/icons-material/DashboardRounded';
import HistoryRounded from '@mui/icons-material/HistoryRounded';
import Inventory2Rounded from '@mui/icons-material/Inventory2Rounded';
import LanRounded from '@mui/icons-material/LanRounded';
import MonitorHeartRounded from '@mui/icons-material/MonitorHeartRounded';
import PeopleRounded from '@mui/icons-material/PeopleRounded';
import StorefrontRounded from '@mui/icons-material/StorefrontRounded';
import ViewStreamRounded from '@mui/icons-material/ViewStreamRounded';
import { List, ListItem, ListItemButton, ListItemIcon, ListItemText, Stack } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';

import { paths } from '@/config/paths';
import { useAuthorization, type Policy } from '@/lib/authorization';

interface Item {
  text: string;
  href: string;
  icon: ReactNode;
  policy: Policy;
  exact?: boolean;
}

const MAIN: Item[] = [
  {
    text: 'Dashboard',
    href: paths.dashboard.getHref(),
    icon: <DashboardRounded />,
    policy: 'stores:read',
    exact: true,
  },
  {
    text: 'Stores',
    href: paths.stores.getHref(),
    icon: <StorefrontRounded />,
    policy: 'stores:read',
  },
  {
    text: 'Templates',
    href: paths.templates.getHref(),
    icon: <CopyAllRounded />,
    policy: 'templates:read',
  },
  {
    text: 'Calendar',
    href: paths.calendar.getHref(),
    icon: <CalendarMonthRounded />,
    policy: 'planning:read',
  },
  {
    text: 'Rollouts',
    href: paths.rollouts.getHref(),
    icon: <ViewStreamRounded />,
    policy: 'rollouts:read',
  },
  {
    text: 'New store',
    href: paths.storeNew.getHref(),
    icon: <AddBusinessRounded />,
    policy: 'stores:write',
    exact: true,
  },
  {
    text: 'Inventory',
    href: paths.inventory.getHref(),
    icon: <Inventory2Rounded />,
    policy: 'inventory:read',
  },
  {
    text: 'Address pools',
    href: paths.pools.getHref(),
    icon: <LanRounded />,
    policy: 'inventory:read',
  },
  {
    text: 'Activity',
    href: paths.activity.getHref(),
    icon: <HistoryRounded />,
    policy: 'activity:read',
  },
  {
    text: 'Monitoring',
    href: paths.monitoring.getHref(),
    icon: <MonitorHeartRounded />,
    policy: 'monitoring:read',
  },
  { text: 'Users', href: paths.users.getHref(), icon: <PeopleRounded />, policy: 'users:manage' },
];

function isSelected(item: Item, pathname: string): boolean {
  if (item.exact) return pathname === item.href;
  if (item.href === paths.stores.getHref()) {
    return pathname.startsWith('/stores') && pathname !== paths.storeNew.getHref();
  }
  return pathname.startsWith(item.href);
}

export function MenuContent({ onNavigate }: { onNavigate?: () => void }) {
  const { pathname } = useLocation();
  const { can } = useAuthorization();
  return (
    <Stack sx={{ flexGrow: 1, p: 1, justifyContent: 'space-between' }}>
      <nav aria-label="Main">
        <List dense>
          {MAIN.filter((i) => can(i.policy)).map((item) => {
            const selected = isSelected(item, pathname);
            return (
              <ListItem key={item.href} disablePadding sx={{ display: 'block', mb: 0.5 }}>
                <ListItemButton
                  component={RouterLink}
                  to={item.href}
                  selected={selected}
                  aria-current={selected ? 'page' : undefined}
                  onClick={onNavigate}
                >
                  <ListItemIcon aria-hidden>{item.icon}</ListItemIcon>
                  <ListItemText primary={item.text} />
                </ListItemButton>
              </ListItem>
            );
          })}
        </List>
      </nav>
    </Stack>
  );
}
