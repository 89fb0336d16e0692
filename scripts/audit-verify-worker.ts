// A helper thread of `npm run audit:verify`: checks ranges of the chain until none is left (see scripts/audit-verify.ts).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { verifySharedRanges } from '../src/lib/server/audit/chain';

const { file, key, legacyUntil, ranges, next } = workerData as { file: string; key: Uint8Array; legacyUntil: number; ranges: { from: number; to: number }[]; next: Int32Array };
const client = new Database(file, { readonly: true, fileMustExist: true });
client.pragma('mmap_size = 1073741824');
try {
	parentPort!.postMessage(verifySharedRanges(client, { key, legacyUntil, ranges, next }));
} finally {
	client.close();
}
