// Starts the built server (build/index.js). With --demo: demo mode on an embedded SQLite
// database in ./data, seeded with the demo district on first start.
import fs from 'node:fs';

if (process.argv.includes('--demo')) {
	process.env.DEMO_MODE ??= 'true';
	process.env.PORT ??= '3000';
	process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
}
if (!fs.existsSync(new URL('../build/index.js', import.meta.url))) {
	console.error('Kein Build gefunden: bitte zuerst "npm run build" ausführen.');
	process.exit(1);
}
const port = process.env.PORT ?? '3000';
console.log(`Fallkonferenz startet auf http://localhost:${port}${process.env.DEMO_MODE === 'true' ? ' (Demo-Betrieb)' : ''}`);
await import('../build/index.js');
