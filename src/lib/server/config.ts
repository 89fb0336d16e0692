import path from 'node:path';

/** Runtime settings, read from the environment once per process (see README, "Konfiguration"). */
export interface Config {
	dataDir: string;
	keyDir: string;
	demoMode: boolean;
	sessionIdleHours: number;
	sessionAbsoluteHours: number;
	postBurst: number;
	postPerMinute: number;
	smtpUrl: string | null;
	mailFrom: string;
	publicUrl: string | null;
	migrationsDir: string;
}

function bool(value: string | undefined): boolean {
	return value === '1' || value === 'true' || value === 'yes';
}

function num(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const dataDir = path.resolve(env.DATA_DIR || 'data');
	return {
		dataDir,
		keyDir: path.resolve(env.KEY_DIR || path.join(dataDir, '..', 'keys')),
		demoMode: bool(env.DEMO_MODE),
		sessionIdleHours: num(env.SESSION_IDLE_HOURS, 8),
		sessionAbsoluteHours: num(env.SESSION_ABSOLUTE_HOURS, 12),
		postBurst: num(env.RATE_LIMIT_POST_BURST, 30),
		postPerMinute: num(env.RATE_LIMIT_POST_PER_MINUTE, 30),
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.MAIL_FROM || 'Fallkonferenz <no-reply@localhost>',
		publicUrl: env.ORIGIN || null,
		migrationsDir: path.resolve(env.MIGRATIONS_DIR || 'drizzle')
	};
}

let current: Config | null = null;

export function config(): Config {
	current ??= readConfig();
	return current;
}

/** For tests: changes settings for the current process; returns a function that restores them. */
export function overrideConfig(partial: Partial<Config>): () => void {
	const before = { ...config() };
	Object.assign(config(), partial);
	return () => Object.assign(config(), before);
}
