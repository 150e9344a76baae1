import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import { paths } from '@/config/paths';
import { useGetStoreQuery } from '@/features/stores/api/stores-api';

/** A link to a store by id, named by its code once known. */
export function StoreCodeLink({ id }: { id: string }) {
  const { data } = useGetStoreQuery(id);
  return (
    <Link component={RouterLink} to={paths.storeDetail.getHref(id)}>
      {data?.code ?? `Store ${id.slice(0, 8)}`}
    </Link>
  );
}
