import os from 'node:os';
import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit()
	],
	ssr: { noExternal: ['rrule'] },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20000,
		pool: 'forks',
		// Unit tests never touch ./data or ./keys of a developer's demo installation.
		env: { KEY_DIR: path.join(os.tmpdir(), 'fallkonferenz-vitest-keys'), DATA_DIR: path.join(os.tmpdir(), 'fallkonferenz-vitest-data') }
	}
});
