// The server for the Playwright tests: demo mode on a fresh database in test-results/.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve('test-results/e2e-server');
fs.rmSync(root, { recursive: true, force: true });
process.env.DATA_DIR = path.join(root, 'data');
process.env.KEY_DIR = path.join(root, 'keys');
process.env.DEMO_MODE = 'true';
process.env.PORT ??= '4173';
process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
// The whole suite posts from one address; the limiter itself is covered by unit tests.
process.env.RATE_LIMIT_POST_BURST ??= '2000';
await import('./start.js');
