import { Card, Chip, Link, TableCell, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import { QueryTable } from '@/components/ui/table-panel';
import { paths } from '@/config/paths';
import { useListTemplatesQuery } from '@/features/stores/api/templates-api';
import { humanize } from '@/utils/format';

/** Every template, by name: its version, how many stores follow it and how many are behind. */
export function TemplateList() {
  const query = useListTemplatesQuery();
  return (
    <Card>
      <QueryTable
        query={query}
        label="Templates"
        headers={['Name', 'Type', 'Version', 'Stores', 'Behind']}
        loadingLabel="Loading templates"
        errorTitle="Could not load the templates"
        empty={{
          title: 'No templates yet',
          description:
            'A template is a store profile — type, tags, hardware and network plans — to create stores from.',
        }}
      >
        {(items) =>
          items.map((t) => (
            <TableRow key={t.id} hover>
              <TableCell component="th" scope="row">
                <Link component={RouterLink} to={paths.templateDetail.getHref(t.id)}>
                  {t.name}
                </Link>
                {t.description ? (
                  <Typography variant="caption" color="text.secondary" component="div" noWrap>
                    {t.description}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell>{humanize(t.type)}</TableCell>
              <TableCell>v{t.version}</TableCell>
              <TableCell>{t.storeCount}</TableCell>
              <TableCell>
                {t.behindCount > 0 ? (
                  <Chip
                    size="small"
                    color="warning"
                    variant="outlined"
                    label={`${t.behindCount} behind`}
                  />
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          ))
        }
      </QueryTable>
    </Card>
  );
}
