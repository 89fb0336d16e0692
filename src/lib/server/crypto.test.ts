import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256Hex } from './crypto';

describe('sha256Hex', () => {
	it('gives the FIPS 180-2 test vectors', () => {
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});

	it('hashes the UTF-8 bytes, as the JavaScript hash it replaced did (session ids and audit hashes stay the same)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				expect(sha256Hex(text)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(text))));
			})
		);
	});
});
