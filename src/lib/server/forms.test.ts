import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'devalue';
import { formValues, idParam, safeRedirectTarget } from './forms';

describe('safeRedirectTarget', () => {
	it('keeps same-origin paths with query and hash', () => {
		expect(safeRedirectTarget('/meetings/3/agenda?x=1#top')).toBe('/meetings/3/agenda?x=1#top');
		expect(safeRedirectTarget('/')).toBe('/');
	});

	it('refuses everything that could leave the site or break the Location header', () => {
		for (const bad of ['//evil.example/', '/\\evil.example', '/\t/evil.example/', '/%09/evil.example/', '/%0D%0ALocation:%20x', '/\r\n/x', 'https://evil.example/', 'javascript:alert(1)', '/%2F%2Fevil.example', '/%5Cevil.example', '', null, undefined]) {
			expect(safeRedirectTarget(bad as string)).toBe('/');
		}
	});

	it('never returns anything but a same-origin path (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (tail) => {
				const target = safeRedirectTarget(`/${tail}`);
				expect(target.startsWith('/')).toBe(true);
				expect(target.startsWith('//')).toBe(false);
				expect([...target].some((c) => c.charCodeAt(0) < 0x20 || c === '\x7f' || c === '\\')).toBe(false);
				expect(new URL(target, 'https://app.example').origin).toBe('https://app.example');
				// A Location header with this value must be valid.
				expect(() => new Headers({ location: target })).not.toThrow();
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('idParam', () => {
	it('takes decimal ids within the safe range only', () => {
		expect(idParam('17')).toBe(17);
		for (const bad of ['0', '-1', '0x10', '1e3', '16.0', ' 16', '99999999999999999999', '', 'abc', '١٢']) {
			expect(() => idParam(bad), bad).toThrow();
		}
	});
});

describe('formValues', () => {
	it('keeps the text fields, drops "__proto__" and files, and stays serialisable for SvelteKit', () => {
		const data = new FormData();
		data.append('title', 'a');
		data.append('title', 'b');
		data.append('__proto__', 'x');
		data.append('constructor', 'y');
		data.append('file', new Blob(['z']), 'z.txt');
		const values = formValues(data);
		expect(values).toEqual({ title: 'b', constructor: 'y' });
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
		// The action answer goes through devalue, which refuses "__proto__" keys (that was a 500).
		expect(() => stringify({ values })).not.toThrow();
		expect(() => stringify({ values: Object.fromEntries(data) })).toThrow();
	});
});
