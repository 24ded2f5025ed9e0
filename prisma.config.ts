import { defineConfig } from 'prisma/config';

// The CLI is used for `generate`, `validate` and `format` only: migrations are applied by
// tools/db (see docs/adr/0002-migrations-offline.md). The URL is needed by `prisma migrate`
// where a native schema engine exists; it is the owner role's connection.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_OWNER_URL'] ?? 'postgresql://localhost:5433/ratsinfo' },
});
