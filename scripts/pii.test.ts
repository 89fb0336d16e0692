import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pii-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

function run(args: string[], input = '') {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/pii.ts', ...args], {
		cwd: ROOT,
		input,
		encoding: 'utf8',
		timeout: 15000
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const context = file(
	'context.json',
	JSON.stringify({ persons: [{ name: 'Lena Schulte', pseudonym: 'Kind A' }], allow: ['Anna Becker'] })
);

describe('scripts/pii.ts', () => {
	it('prints exactly one JSON object with the findings and the pseudonymised text', () => {
		const text = '😀 Lena war mit Frau Anna Becker und Herrn Krüger da, Tel. 0171 1234567.\n';
		const r = run(['--context', context], text);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout.endsWith('}\n')).toBe(true);
		expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
		const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; pseudonymised: string };
		expect(Object.keys(out)).toEqual(['findings', 'pseudonymised']);
		expect(out.findings).toEqual([
			{ start: 3, end: 7, kind: 'person', text: 'Lena', replacement: 'Kind A' },
			{ start: 43, end: 49, kind: 'person', text: 'Krüger', replacement: '[[pii:person]]' },
			{ start: 59, end: 71, kind: 'phone', text: '0171 1234567', replacement: '[[pii:phone]]' }
		]);
		for (const f of out.findings) expect(text.slice(f.start as number, f.end as number)).toBe(f.text);
		expect(out.pseudonymised).toBe('😀 Kind A war mit Frau Anna Becker und Herrn [[pii:person]] da, Tel. [[pii:phone]].\n');
	});

	it('accepts --context=FILE and a context without persons or allow list', () => {
		const r = run([`--context=${file('empty.json', '{}')}`], 'Herr Krüger');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({
			findings: [{ start: 5, end: 11, kind: 'person', text: 'Krüger', replacement: '[[pii:person]]' }],
			pseudonymised: 'Herr [[pii:person]]'
		});
	});

	it('handles empty input', () => {
		const r = run(['--context', context], '');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({ findings: [], pseudonymised: '' });
	});

	it.each([
		['missing --context', [], /Kontextdatei fehlt/],
		['--context without file', ['--context'], /Kontextdatei fehlt/],
		['unknown argument', ['--context', 'x.json', '--foo'], /Unbekanntes Argument/],
		['unreadable file', ['--context', join(dir, 'nope.json')], /kann nicht gelesen werden/],
		['malformed JSON', ['--context', file('bad.json', '{"persons": [')], /kein gültiges JSON/],
		['wrong shape', ['--context', file('shape.json', '{"persons":[{"name":"Lena"}]}')], /nicht das Format/],
		['wrong type', ['--context', file('type.json', '[]')], /nicht das Format/],
		['misspelt key', ['--context', file('typo.json', '{"person":[]}')], /nicht das Format/]
	])('exits with 2 on %s', (_label, args, message) => {
		const r = run(args as string[], 'Lena');
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^Fehler: /);
		expect(r.stderr).toMatch(message as RegExp);
		expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
	});
});
