/**
 * Page numbers of long lists (meetings, cases). A page is part of the URL (`?page=3`), so a list can
 * be bookmarked and works without JavaScript. A page parameter that is not a positive whole number
 * is a 400; a page beyond the end shows the last page (a bookmark of a list that has shrunk still
 * leads somewhere), and the page says which one it shows.
 */
import { DomainError } from './errors';

export const MAX_PAGE = 100_000;

/** `?page=` as a number: missing or empty is 1; anything but 1 … MAX_PAGE is a 400. */
export function parsePage(value: string | null | undefined): number {
	if (value == null || value === '') return 1;
	if (!/^[1-9]\d{0,5}$/.test(value) || Number(value) > MAX_PAGE) throw new DomainError('page_invalid', 400);
	return Number(value);
}

export interface PageInfo {
	/** The page shown (the last one if more was asked for). */
	page: number;
	/** At least 1, also for an empty list. */
	pages: number;
	total: number;
	pageSize: number;
	offset: number;
}

export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const shown = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	return { page: shown, pages, total, pageSize, offset: (shown - 1) * pageSize };
}
