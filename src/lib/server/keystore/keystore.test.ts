import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyStoreError, loadKeystoreKey, openField, openKeyStore, openTestKeysDb, readPersonKeys, sealField, writePersonKeys } from '.';

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-keystore-test-'));
	cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}

describe('sealing key-store fields (AES-256-GCM)', () => {
	const key = crypto.randomBytes(32);

	it('round-trips text, also non-Latin names', () => {
		for (const text of ['Mia Schulze', 'Ayşe Demir', 'Paweł Nowak', 'Oleksandr Коваленко', '', 'x'.repeat(500)]) {
			const sealed = sealField(key, text, 'ctx');
			if (text) expect(sealed.includes(Buffer.from(text))).toBe(false);
			expect(openField(key, sealed, 'ctx')).toBe(text);
		}
	});

	it('refuses another key with a clear error instead of returning garbage', () => {
		const sealed = sealField(key, 'Mia Schulze', 'ctx');
		expect(() => openField(crypto.randomBytes(32), sealed, 'ctx')).toThrow(KeyStoreError);
		expect(() => openField(crypto.randomBytes(32), sealed, 'ctx')).toThrow(/wrong key/);
	});

	it('binds a value to its person and field (a swapped ciphertext does not open)', () => {
		const sealed = sealField(key, 'Mia Schulze', 'fallkonferenz:person:1:name');
		expect(() => openField(key, sealed, 'fallkonferenz:person:2:name')).toThrow(KeyStoreError);
		const tampered = Buffer.from(sealed);
		tampered[tampered.length - 1] ^= 1;
		expect(() => openField(key, tampered, 'fallkonferenz:person:1:name')).toThrow(KeyStoreError);
	});

	it('pads, so the ciphertext length does not give away the length of a name', () => {
		expect(sealField(key, 'Li Wu', 'c').length).toBe(sealField(key, 'Jennifer Schulze', 'c').length);
	});
});

describe('the key-store database', () => {
	it('stores only ciphertext and reads it back with its key', () => {
		const keys = openTestKeysDb();
		cleanups.push(() => keys.cleanup());
		writePersonKeys(keys, 7, [{ personId: 1, name: 'Jennifer Schulze', birthDate: '1990-02-03', address: 'Lindenstraße 14, 59581 Warstein' }]);
		const back = readPersonKeys(keys, [1, 2]);
		expect(back.get(1)).toEqual({ name: 'Jennifer Schulze', birthDate: '1990-02-03', address: 'Lindenstraße 14, 59581 Warstein' });
		expect(back.has(2)).toBe(false);
		keys.$client.pragma('wal_checkpoint(TRUNCATE)');
		const raw = fs.readFileSync(keys.file);
		for (const text of ['Jennifer', 'Schulze', '1990-02-03', 'Lindenstra']) expect(raw.includes(Buffer.from(text)), text).toBe(false);
		// The key is attached to the connection but never serialised with it.
		expect(Object.keys(keys)).not.toContain('$key');
	});

	it('refuses to open with a different key, with a message naming the settings', () => {
		const dir = tempDir();
		const file = path.join(dir, 'keys.db');
		const first = openKeyStore(file, path.resolve('drizzle-keys'), crypto.randomBytes(32));
		first.$client.close();
		expect(() => openKeyStore(file, path.resolve('drizzle-keys'), crypto.randomBytes(32))).toThrow(/different key: check KEYSTORE_KEY/);
		expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
	});
});

describe('the key-store key', () => {
	it('is created as a 0600 file in KEY_DIR on first start and read back later', () => {
		const dir = tempDir();
		const cfg = { keystoreKeyFile: path.join(dir, 'keys', 'keystore.key'), dataDir: path.join(dir, 'data') };
		const appKey = crypto.randomBytes(32);
		const key = loadKeystoreKey({}, cfg, appKey);
		expect(key.length).toBe(32);
		expect((fs.statSync(cfg.keystoreKeyFile).mode & 0o777).toString(8)).toBe('600');
		expect(loadKeystoreKey({}, cfg, appKey).equals(key)).toBe(true);
	});

	it('comes from KEYSTORE_KEY when set', () => {
		const dir = tempDir();
		const k = crypto.randomBytes(32);
		const key = loadKeystoreKey({ KEYSTORE_KEY: k.toString('base64') }, { keystoreKeyFile: path.join(dir, 'unused.key'), dataDir: path.join(dir, 'data') }, crypto.randomBytes(32));
		expect(key.equals(k)).toBe(true);
		expect(fs.existsSync(path.join(dir, 'unused.key'))).toBe(false);
	});

	it('must differ from the app key and must not live inside DATA_DIR', () => {
		const dir = tempDir();
		const same = crypto.randomBytes(32);
		expect(() => loadKeystoreKey({ KEYSTORE_KEY: same.toString('base64') }, { keystoreKeyFile: path.join(dir, 'k'), dataDir: path.join(dir, 'data') }, same)).toThrow(/differ from the application key/);
		expect(() => loadKeystoreKey({}, { keystoreKeyFile: path.join(dir, 'data', 'keystore.key'), dataDir: path.join(dir, 'data') }, crypto.randomBytes(32))).toThrow(/inside DATA_DIR/);
	});
});
