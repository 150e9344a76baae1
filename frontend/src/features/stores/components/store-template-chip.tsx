import { Chip } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import type { TemplateRef } from '@/api/generated/openapi';
import { paths } from '@/config/paths';
import { useGetTemplateQuery } from '@/features/stores/api/templates-api';

/**
 * The template a store was created from and the version of it that the store has, linking to
 * the template; "behind" when the template has a newer version.
 */
export function StoreTemplateChip({ template }: { template: TemplateRef }) {
  const { data } = useGetTemplateQuery(template.id);
  const behind = data !== undefined && data.version > template.version;
  const label = `Template ${data?.name ?? '…'} · v${template.version}${
    behind ? ` · behind (v${data.version})` : ''
  }`;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={behind ? 'warning' : 'default'}
      clickable
      component={RouterLink}
      to={paths.templateDetail.getHref(template.id)}
      label={label}
    />
  );
}
