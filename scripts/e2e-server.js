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
process.env.RATE_LIMIT_POST_BURST ??= '10000';

// A real SMTP server for the mails of the suite: the scheduler delivers the outbox to it, and each
// message lands as a file in test-results/e2e-server/mail/ where tests read it.
const { SMTPServer } = await import('smtp-server');
const mailDir = path.join(root, 'mail');
fs.mkdirSync(mailDir, { recursive: true });
let count = 0;
const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	onData(stream, session, callback) {
		const chunks = [];
		stream.on('data', (c) => chunks.push(c));
		stream.on('end', () => {
			const to = session.envelope.rcptTo.map((r) => r.address).join(',');
			fs.writeFileSync(path.join(mailDir, `${String(++count).padStart(5, '0')}.eml`), `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString('utf8')}`);
			callback();
		});
	}
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}`;
smtp.server.unref();
await import('./start.js');
