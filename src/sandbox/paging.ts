/** The paged reply of every Nexudus list endpoint (API-FACTS "Lists, filters, batches"). */
export interface Page<T> {
  Records: T[];
  CurrentPage: number;
  CurrentPageSize: number;
  TotalItems: number;
  TotalPages: number;
  HasNextPage: boolean;
  HasPreviousPage: boolean;
  /** 1-based position of the first record on this page; 0 when the page is empty. */
  FirstItem: number;
  /** 1-based position of the last record on this page; 0 when the page is empty. */
  LastItem: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

/**
 * Cut one page out of `records`. `page` is 1-based (default 1); `size` defaults to 25 and is
 * capped at 1000, as Nexudus documents. Values that are not positive whole numbers fall back to
 * the defaults; a page past the end is empty, not an error.
 */
export function paginate<T>(records: readonly T[], page?: string, size?: string): Page<T> {
  const currentPage = positiveInt(page) ?? 1;
  const pageSize = Math.min(positiveInt(size) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const total = records.length;
  const totalPages = Math.ceil(total / pageSize);
  const start = (currentPage - 1) * pageSize;
  const slice = records.slice(start, start + pageSize);
  return {
    Records: slice,
    CurrentPage: currentPage,
    CurrentPageSize: pageSize,
    TotalItems: total,
    TotalPages: totalPages,
    HasNextPage: currentPage < totalPages,
    HasPreviousPage: currentPage > 1,
    FirstItem: slice.length > 0 ? start + 1 : 0,
    LastItem: slice.length > 0 ? start + slice.length : 0,
  };
}

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}
