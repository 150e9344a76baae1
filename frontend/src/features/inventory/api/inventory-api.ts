import { baseApi } from '@/api/base-api';
import type {
  HardwareModel,
  HardwareModelCreate,
  HardwareModelList,
  ImportResult,
  operations,
  StockItem,
  StockItemCreate,
  StockItemPage,
} from '@/api/generated/openapi';

export type ItemQuery = NonNullable<operations['listStockItems']['parameters']['query']>;

const STOCK_CHANGED = [
  { type: 'StockItem' as const, id: 'LIST' },
  { type: 'HardwareModel' as const, id: 'LIST' },
  { type: 'Audit' as const, id: 'LIST' },
];

export const inventoryApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listModels: build.query<HardwareModelList, void>({
      query: () => '/api/hardware/models',
      providesTags: [{ type: 'HardwareModel', id: 'LIST' }],
    }),
    createModel: build.mutation<HardwareModel, HardwareModelCreate>({
      query: (body) => ({ url: '/api/hardware/models', method: 'POST', body }),
      invalidatesTags: STOCK_CHANGED,
    }),
    listItems: build.query<StockItemPage, ItemQuery>({
      query: (params) => ({ url: '/api/hardware/items', params }),
      providesTags: [{ type: 'StockItem', id: 'LIST' }],
    }),
    createItem: build.mutation<StockItem, StockItemCreate>({
      query: (body) => ({ url: '/api/hardware/items', method: 'POST', body }),
      invalidatesTags: STOCK_CHANGED,
    }),
    importItems: build.mutation<ImportResult, string>({
      query: (csv) => ({
        url: '/api/hardware/items/import',
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv' },
      }),
      invalidatesTags: STOCK_CHANGED,
    }),
  }),
});

export const {
  useListModelsQuery,
  useCreateModelMutation,
  useListItemsQuery,
  useCreateItemMutation,
  useImportItemsMutation,
} = inventoryApi;
