import { describe, expect, it } from 'vitest';
import fs from 'node:fs';

const de = JSON.parse(fs.readFileSync('messages/de.json', 'utf8')) as Record<string, string>;
const en = JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, string>;

function params(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe('message catalogue', () => {
	it('has every key in German and English, with the same parameters', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
		for (const key of Object.keys(de)) {
			if (key === '$schema') continue;
			expect(de[key].trim(), key).not.toBe('');
			expect(params(en[key]), key).toEqual(params(de[key]));
		}
	});

	it('has a message for every error code the domain can raise', () => {
		const codes = new Set<string>();
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const file = `${dir}/${entry.name}`;
				if (entry.isDirectory()) walk(file);
				else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
					const src = fs.readFileSync(file, 'utf8');
					for (const m of src.matchAll(/DomainError\('([a-z0-9_]+)'/g)) codes.add(m[1]);
					for (const m of src.matchAll(/\.(?:min|max|positive|email|enum)\([^)]*?'([a-z_]+)'\)/g)) codes.add(m[1]);
				}
			}
		};
		walk('src/lib/server');
		expect(codes.size).toBeGreaterThan(15);
		for (const code of codes) expect(de[`error_${code}`], `error_${code}`).toBeTruthy();
	});
});
