import path from 'node:path';
import { config } from './config';
import { loadOrCreateKey } from './crypto';

let appKey: Buffer | null = null;

/** Key for secrets inside app.db (TOTP keys). Separate from the key store's key. */
export function getAppKey(): Buffer {
	appKey ??= loadOrCreateKey(process.env.APP_KEY, path.join(config().keyDir, 'app.key'));
	return appKey;
}
