/**
 * PII scanner on the command line.
 *
 *   npm run --silent pii -- --context CONTEXT.json < TEXT
 *
 * CONTEXT.json: {"persons":[{"name":"Lena Schulte","pseudonym":"Kind A"}],"allow":["Anna Becker"]}
 * Prints one JSON object {"findings":[…],"pseudonymised":"…"} and a newline on stdout.
 * Bad arguments or a bad context file: one line on stderr, exit code 2.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { scanText } from '../src/lib/server/pii/scanner';

const USAGE = 'Aufruf: npm run --silent pii -- --context KONTEXT.json < TEXT';

const contextSchema = z.strictObject({
	persons: z
		.array(z.strictObject({ name: z.string().trim().min(1), pseudonym: z.string().trim().min(1) }))
		.default([]),
	allow: z.array(z.string()).default([])
});

class UsageError extends Error {}

function contextPath(args: string[]): string {
	let path: string | undefined;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--context') {
			path = args[++i];
			if (!path) throw new UsageError('Kontextdatei fehlt (--context DATEI.json)');
		} else if (arg.startsWith('--context=')) {
			path = arg.slice('--context='.length);
		} else {
			throw new UsageError(`Unbekanntes Argument: ${arg}. ${USAGE}`);
		}
	}
	if (!path) throw new UsageError('Kontextdatei fehlt (--context DATEI.json)');
	return path;
}

function readContext(path: string): z.infer<typeof contextSchema> {
	let raw: string;
	try {
		raw = readFileSync(path, 'utf8');
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code ?? 'unbekannter Fehler';
		throw new UsageError(`Kontextdatei ${path} kann nicht gelesen werden (${code})`);
	}
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch (err) {
		throw new UsageError(`Kontextdatei ${path} ist kein gültiges JSON: ${(err as Error).message}`);
	}
	const parsed = contextSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue.path.length ? issue.path.join('.') : '(Wurzel)';
		throw new UsageError(
			`Kontextdatei ${path} hat nicht das Format {"persons":[{"name","pseudonym"}],"allow":[…]}: ${where}: ${issue.message}`
		);
	}
	return parsed.data;
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const ctx = readContext(contextPath(args));
	const text = await readStdin();
	const { findings, pseudonymised } = scanText(text, ctx);
	const out = {
		findings: findings.map(({ start, end, kind, text, replacement }) => ({ start, end, kind, text, replacement })),
		pseudonymised
	};
	process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
	const message = err instanceof UsageError ? err.message : `Interner Fehler: ${(err as Error)?.message ?? String(err)}`;
	process.stderr.write(`Fehler: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
	process.exitCode = 2;
});
