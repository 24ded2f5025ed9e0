/**
 * The expand/contract rule (docs/adr/0022) on prisma/migrations, and the checker itself on
 * small fixtures (each rule must fire, and the exemptions must hold).
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { checkMigration, checkMigrations, GRANDFATHERED, RULE_CUTOFF, splitStatements } from './expand-contract.mts';

const migrations = resolve(import.meta.dirname, '../../prisma/migrations');
const rules = (sql: string) => checkMigration('fixture', sql).map((f) => `${f.rule}${f.justified ? ' (justified)' : ''}`);

describe('expand/contract: prisma/migrations', () => {
  const findings = checkMigrations(migrations);

  it('has no contract statement without a `-- contract:` justification, except in the grandfathered migrations', () => {
    const violations = findings.filter((f) => !f.justified && !GRANDFATHERED.includes(f.migration));
    assert.deepEqual(violations.map((f) => `${f.migration}:${f.line} ${f.rule}: ${f.statement}`), []);
  });

  it('grandfathers only migrations written before the rule, and only ones that need it', () => {
    for (const m of GRANDFATHERED) {
      assert.ok(m <= RULE_CUTOFF, `${m} is newer than the rule`);
      assert.ok(findings.some((f) => f.migration === m && !f.justified), `${m} is grandfathered but breaks no rule: take it off the list`);
    }
  });
});

describe('expand/contract checker', () => {
  it('flags what old code cannot live with', () => {
    assert.deepEqual(rules('ALTER TABLE "papers" DROP COLUMN "title";'), ['DROP COLUMN']);
    assert.deepEqual(rules('ALTER TABLE papers DROP title;'), ['DROP COLUMN']);
    assert.deepEqual(rules('DROP TABLE IF EXISTS "papers";'), ['DROP TABLE']);
    assert.deepEqual(rules('ALTER TABLE "papers" RENAME COLUMN "title" TO "name";'), ['RENAME']);
    assert.deepEqual(rules('ALTER TABLE "papers" RENAME TO "documents";'), ['RENAME']);
    assert.deepEqual(rules('ALTER TYPE "paper_status" RENAME VALUE \'draft\' TO \'entwurf\';'), ['RENAME']);
    assert.deepEqual(rules('ALTER TABLE "papers" ALTER COLUMN "title" TYPE VARCHAR(50);'), ['ALTER COLUMN TYPE']);
    assert.deepEqual(rules('ALTER TABLE "papers" ALTER COLUMN "title" SET DATA TYPE TEXT;'), ['ALTER COLUMN TYPE']);
    assert.deepEqual(rules('ALTER TABLE "papers" ALTER COLUMN "title" SET NOT NULL;'), ['SET NOT NULL']);
    assert.deepEqual(rules('ALTER TABLE "papers" ADD COLUMN "kind" TEXT NOT NULL;'), ['ADD COLUMN NOT NULL without DEFAULT']);
    assert.deepEqual(rules('ALTER TABLE "papers" ADD CONSTRAINT "papers_title_check" CHECK (length("title") < 10);'), ['ADD CHECK / UNIQUE / EXCLUDE constraint']);
    assert.deepEqual(rules('CREATE UNIQUE INDEX "papers_title_key" ON "papers"("title");'), ['CREATE UNIQUE INDEX']);
    assert.deepEqual(rules('DROP FUNCTION search_tenant_documents(uuid, text);'), ['DROP VIEW / FUNCTION / TYPE']);
  });

  it('lets additive statements pass', () => {
    assert.deepEqual(rules('ALTER TABLE "papers" ADD COLUMN "kind" TEXT;'), []);
    assert.deepEqual(rules('ALTER TABLE "papers" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1, ADD COLUMN "x" TEXT;'), []);
    assert.deepEqual(rules('ALTER TABLE "papers" ALTER COLUMN "title" SET DEFAULT \'\';'), []);
    assert.deepEqual(rules('ALTER TABLE "papers" ALTER COLUMN "title" DROP NOT NULL;'), []);
    assert.deepEqual(rules('ALTER TABLE "papers" DROP CONSTRAINT "papers_title_check";'), []);
    assert.deepEqual(rules('CREATE INDEX "papers_title_idx" ON "papers"("title");'), []);
    assert.deepEqual(rules('ALTER TABLE "papers" ADD CONSTRAINT "papers_org_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id");'), []);
  });

  it('exempts what the same migration creates: new tables, replaced functions, CHECKs on new columns', () => {
    assert.deepEqual(rules('CREATE TABLE "notes" ("id" UUID, "body" TEXT); ALTER TABLE "notes" ALTER COLUMN "body" SET NOT NULL; CREATE UNIQUE INDEX "notes_body_key" ON "notes"("body");'), []);
    assert.deepEqual(rules('DROP FUNCTION IF EXISTS f(); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;'), []);
    assert.deepEqual(rules('ALTER TABLE "tenants" ADD COLUMN "days" INTEGER NOT NULL DEFAULT 3; ALTER TABLE "tenants" ADD CONSTRAINT "tenants_days_check" CHECK ("days" BETWEEN 0 AND 10);'), []);
    assert.deepEqual(rules('ALTER TABLE "tenants" ADD COLUMN "days" INTEGER; ALTER TABLE "tenants" ADD CONSTRAINT "c" CHECK ("days" > "old_column");'), ['ADD CHECK / UNIQUE / EXCLUDE constraint']);
    assert.deepEqual(rules('ALTER TABLE "docs" DROP COLUMN "v"; ALTER TABLE "docs" ADD COLUMN "v" tsvector GENERATED ALWAYS AS (to_tsvector(\'simple\', "title")) STORED;'), []);
    assert.deepEqual(rules('ALTER TABLE "docs" DROP COLUMN "v"; ALTER TABLE "docs" ADD COLUMN "w" TEXT;'), ['DROP COLUMN']);
  });

  it('accepts a contract statement that says why it is safe now', () => {
    assert.deepEqual(rules('-- contract: papers.legacy_title unused since release 1.4 (expanded in 20270101000000_x)\nALTER TABLE "papers" DROP COLUMN "legacy_title";'), ['DROP COLUMN (justified)']);
    assert.deepEqual(rules('ALTER TABLE "papers" DROP COLUMN "legacy_title"; -- contract: unused since 1.4'), ['DROP COLUMN (justified)']);
    // A comment about something else does not justify it, nor does one on an earlier statement.
    assert.deepEqual(rules('-- contract: x\nCREATE INDEX i ON papers(id);\nALTER TABLE "papers" DROP COLUMN "legacy_title";'), ['DROP COLUMN']);
  });

  it('splits on semicolons outside quotes, dollar bodies and comments, and counts lines', () => {
    const s = splitStatements(`-- a; comment\nCREATE FUNCTION f() RETURNS void AS $body$ BEGIN ALTER TABLE t DROP COLUMN c; END $body$ LANGUAGE plpgsql;\nSELECT ';' , "a;b";\n/* x; */ ALTER TABLE t DROP COLUMN c;`);
    assert.equal(s.length, 3);
    assert.equal(s[0].line, 2);
    assert.match(s[0].sql, /^CREATE FUNCTION/);
    assert.equal(s[2].line, 4);
    assert.deepEqual(rules(`DO $$ BEGIN ALTER TABLE t DROP COLUMN c; END $$;`), []);
  });
});
