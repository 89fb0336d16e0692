import path from 'node:path';
import { config } from './config';
import { loadOrCreateKey } from './crypto';

let appKey: Buffer | null = null;

export function appKeyFile(): string {
	return path.join(config().keyDir, 'app.key');
}

/**
 * Key for secrets inside app.db (TOTP keys, calendar tokens). Separate from the key store's key.
 * `create: false` (the start-up check, when app.db holds sealed secrets) refuses a missing key
 * file instead of writing a new one.
 */
export function getAppKey(opts: { create?: boolean } = {}): Buffer {
	appKey ??= loadOrCreateKey(process.env.APP_KEY, appKeyFile(), opts);
	return appKey;
}

/** For tests of the start-up check. */
export function forgetAppKey(): void {
	appKey = null;
}
