/**
 * Query plans of what a domain function runs: every statement it executes (with its bound
 * parameters) is captured and asked for its `EXPLAIN QUERY PLAN`, so a test or a script on the
 * large data set can see which of them read a whole table.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db';

export interface CapturedStatement {
	sql: string;
	params: unknown[];
}

export interface PlanFinding {
	sql: string;
	params: unknown[];
	/** The plan line, e.g. "SCAN agenda_item_event". */
	detail: string;
	table: string;
}

/** Tables that grow with the years of use: no statement of a page may read them whole. */
export const LARGE_TABLES = ['meeting', 'agenda_item', 'agenda_item_event', 'action_item', 'action_event', 'minutes_entry', 'audit_event', 'outbox'] as const;

const EXECUTE = ['all', 'get', 'run', 'iterate'] as const;
const HOOKED = Symbol.for('fallkonferenz.query-plans.hooked');
let recording: CapturedStatement[] | null = null;

/**
 * Makes every statement the connection prepares from now on report its executions while a capture
 * runs (also a statement a module prepared once and keeps). Statements prepared before the hook
 * are not seen: call it right after opening the database. Idempotent.
 */
export function hookStatements(db: Db): void {
	const client = db.$client as Database.Database & { [HOOKED]?: true };
	if (client[HOOKED]) return;
	const prepare = client.prepare;
	client.prepare = function (this: Database.Database, source: string) {
		const stmt = prepare.call(this, source) as unknown as Record<(typeof EXECUTE)[number], (...args: unknown[]) => unknown>;
		for (const name of EXECUTE) {
			const execute = stmt[name];
			stmt[name] = (...args: unknown[]) => {
				recording?.push({ sql: source, params: args });
				return execute.apply(stmt, args);
			};
		}
		return stmt as unknown as Database.Statement;
	} as typeof client.prepare;
	client[HOOKED] = true;
}

/** Runs `fn` and returns, with its result, every statement executed meanwhile with its parameters. */
export function captureStatements<T>(db: Db, fn: () => T): { result: T; statements: CapturedStatement[] } {
	hookStatements(db);
	const outer = recording;
	const statements: CapturedStatement[] = [];
	recording = statements;
	try {
		return { result: fn(), statements };
	} finally {
		recording = outer;
	}
}

const SKIP = /^\s*(PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|EXPLAIN)\b/i;

/** Names and aliases of the tables a statement reads: `FROM "meeting" "m"` maps m → meeting. */
function aliases(sql: string): Map<string, string> {
	const out = new Map<string, string>();
	const re = /\b(?:FROM|JOIN)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?(?:\s+(?:AS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?)?/gi;
	const keywords = new Set(['where', 'on', 'inner', 'left', 'right', 'cross', 'join', 'order', 'group', 'limit', 'using', 'natural', 'outer', 'set', 'values', 'union', 'having', 'as']);
	for (const m of sql.matchAll(re)) {
		out.set(m[1], m[1]);
		if (m[2] && !keywords.has(m[2].toLowerCase())) out.set(m[2], m[1]);
	}
	return out;
}

/**
 * The plan lines of the captured statements that read one of `tables` whole: a `SCAN` without an
 * index (a `SCAN … USING INDEX` walks the whole index and counts too, unless `allowIndexScan`).
 */
export function fullScans(db: Db, statements: CapturedStatement[], tables: readonly string[] = LARGE_TABLES, opts: { allowIndexScan?: boolean } = {}): PlanFinding[] {
	const findings: PlanFinding[] = [];
	const seen = new Set<string>();
	for (const s of statements) {
		if (SKIP.test(s.sql)) continue;
		const key = `${s.sql}\u0000${JSON.stringify(s.params)}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as { detail: string }[];
		const names = aliases(s.sql);
		// Rows read in the order wanted (no sort) with neither filter nor offset beyond a page: the
		// LIMIT stops the scan (the audit page reads the newest events by id).
		const bounded = /\blimit\b/i.test(s.sql) && !/\bwhere\b/i.test(s.sql) && !plan.some((p) => p.detail.includes('TEMP B-TREE'));
		for (const { detail } of plan) {
			const m = /^SCAN (\S+)(.*)$/.exec(detail);
			if (!m) continue;
			const table = names.get(m[1]) ?? m[1];
			if (!tables.includes(table)) continue;
			const usesIndex = /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(m[2]);
			if ((usesIndex && opts.allowIndexScan) || bounded) continue;
			findings.push({ sql: s.sql, params: s.params, detail, table });
		}
	}
	return findings;
}

/** One line per finding, for a failure message or a report. */
export function describeFindings(findings: PlanFinding[]): string {
	return findings.map((f) => `${f.detail}\n    in: ${f.sql}\n    params: ${JSON.stringify(f.params)}`).join('\n');
}
