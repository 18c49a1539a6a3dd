// The catalog changes rarely: load it once per page and share it between screens.
import { api } from './endpoints';
import type { AppSummary, Category } from './types';

export interface CatalogData {
  apps: AppSummary[];
  categories: Category[];
}

let pending: Promise<CatalogData> | null = null;

export function loadCatalog(): Promise<CatalogData> {
  if (!pending) {
    pending = Promise.all([api.apps(), api.categories()]).then(([apps, categories]) => ({
      apps: apps.data, categories: categories.data,
    }));
    pending.catch(() => {
      pending = null; // a failed load is tried again next time
    });
  }
  return pending;
}
