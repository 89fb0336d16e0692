import type { LayoutServerLoad } from './$types';

// Sign-in pages never reach a cache either: they carry one-time tokens in the URL.
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
};
