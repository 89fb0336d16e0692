import { defineConfig } from 'drizzle-kit';

// The key store (DATA_DIR/keys.db) has a schema and migrations of its own:
//   npx drizzle-kit generate --config drizzle-keys.config.ts --name <name>
export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/keystore/schema.ts',
	out: './drizzle-keys',
	dbCredentials: { url: 'file:data/drizzle-kit-keys.db' }
});
