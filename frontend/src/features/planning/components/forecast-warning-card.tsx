import { Alert, AlertTitle, Box, Link } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import { paths } from '@/config/paths';
import { useGetForecastQuery } from '@/features/planning/api/planning-api';
import { describeShortages } from '@/features/planning/utils/shortages';
import { formatDate } from '@/utils/format';

const HORIZON = 90;
/** The warnings the card names; the forecast lists them all. */
const LISTED = 3;

/**
 * The dashboard's warning when openings in the next 90 days cannot be served: how many, the
 * first few with what they lack, and a link to the forecast. Nothing at all when every opening
 * can be served (or while the forecast loads or fails: the forecast page says why).
 */
export function ForecastWarningCard() {
  const { currentData } = useGetForecastQuery({ horizon: HORIZON });
  const warnings = currentData?.warnings ?? [];
  if (!warnings.length) return null;
  const n = warnings.length;
  return (
    <Alert severity="warning" variant="outlined" role="region" aria-labelledby="forecast-warning">
      <AlertTitle id="forecast-warning">
        {n === 1 ? '1 opening' : `${n} openings`} in the next {HORIZON} days cannot be served
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {warnings.slice(0, LISTED).map((w) => (
          <li key={w.storeId}>
            <Link component={RouterLink} to={paths.storeDetail.getHref(w.storeId)}>
              {w.code}
            </Link>{' '}
            · {formatDate(w.openingDate)}
            {w.overdue ? ' (overdue)' : ''} · {describeShortages(w.shortages)}
          </li>
        ))}
      </Box>
      <Link
        component={RouterLink}
        to={`${paths.calendar.getHref(`horizon=${HORIZON}`)}#forecast`}
        sx={{ display: 'inline-block', mt: 1 }}
      >
        {n > LISTED ? `See all ${n} in the forecast` : 'See the forecast'}
      </Link>
    </Alert>
  );
}
