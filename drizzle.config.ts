import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'sqlite',
	schema: ['./src/lib/server/db/schema.ts', './src/lib/server/db/schema-meetings.ts'],
	out: './drizzle',
	dbCredentials: { url: 'file:data/drizzle-kit.db' }
});
