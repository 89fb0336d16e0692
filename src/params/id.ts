import type { ParamMatcher } from '@sveltejs/kit';

/** Record ids in paths: decimal digits within the safe integer range ("0x10", "1e3", "-1" are no route: 404). */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,14}$/.test(param);
