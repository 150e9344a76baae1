import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

import {
  pathsApiStoresGetParametersQuerySortValues as SORTS,
  storeStatusValues,
  storeTypeValues,
} from '@/api/generated/openapi';
import { env } from '@/config/env';
import type { StoreListParams } from '@/features/stores/api/stores-api';

export const FILTER_KEYS = ['q', 'status', 'type', 'country', 'region', 'tag'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type ListUpdate = Partial<Record<FilterKey | 'sort' | 'page', string | number | null>>;

/** The list query of a store-list URL's search part (also used to prefetch it). */
export function listParamsFromSearch(search: URLSearchParams): StoreListParams {
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  const p: StoreListParams = {
    page: Number.isFinite(page) && page > 0 ? page : 1,
    pageSize: env.LIST_PAGE_SIZE,
  };
  // Values the API would refuse (a hand-edited URL) are dropped rather than sent.
  p.sort = SORTS.find((s) => s === search.get('sort'));
  p.status = storeStatusValues.find((s) => s === search.get('status'));
  p.type = storeTypeValues.find((s) => s === search.get('type'));
  for (const k of ['q', 'country', 'region', 'tag'] as const) {
    const v = search.get(k);
    if (v) p[k] = v;
  }
  for (const k of Object.keys(p) as (keyof StoreListParams)[]) {
    if (p[k] === undefined) delete p[k];
  }
  return p;
}

/** Page, sort and filters of the store list, kept in the URL so a copied link reopens the view. */
export function useStoreListParams() {
  const [search, setSearch] = useSearchParams();
  const params: StoreListParams = useMemo(() => listParamsFromSearch(search), [search]);

  const update = useCallback(
    (changes: ListUpdate) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === undefined || v === '' || (k === 'page' && v === 1))
              next.delete(k);
            else next.set(k, String(v));
          }
          // Any change of filter or sort goes back to the first page.
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const filters = useMemo(() => {
    const f: Omit<StoreListParams, 'page' | 'pageSize'> & { page?: number; pageSize?: number } = {
      ...params,
    };
    delete f.page;
    delete f.pageSize;
    return f as Omit<StoreListParams, 'page' | 'pageSize'>;
  }, [params]);

  return { params, filters, update, search: search.toString() };
}
