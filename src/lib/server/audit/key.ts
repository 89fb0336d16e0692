import crypto from 'node:crypto';
import { getAppKey } from '../keys';

const macKeys = new WeakMap<Buffer, Buffer>();

/**
 * The key of the audit chain's MACs, derived from the app key (KEY_DIR, outside DATA_DIR). Whoever
 * can write app.db but does not hold the key cannot recompute the hashes after an edit.
 */
export function auditMacKey(appKey: Buffer = getAppKey()): Buffer {
	let key = macKeys.get(appKey);
	if (!key) {
		key = Buffer.from(crypto.hkdfSync('sha256', appKey, Buffer.alloc(0), 'fallkonferenz:audit-chain:v1', 32));
		macKeys.set(appKey, key);
	}
	return key;
}
