-- CreateEnum
CREATE TYPE "tenant_role" AS ENUM ('tenant-admin', 'clerk', 'member');

-- AlterEnum
ALTER TYPE "tenant_status" ADD VALUE 'provisioning';

-- DropForeignKey
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_tenant_id_organization_id_fkey";

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "identity_dedicated_realm" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "identity_organization_id" VARCHAR(100),
ADD COLUMN     "last_export_at" TIMESTAMPTZ(3),
ADD COLUMN     "onboarding" JSONB;

-- CreateTable
CREATE TABLE "user_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "issuer" VARCHAR(500),
    "subject" VARCHAR(255),
    "email" VARCHAR(254),
    "display_name" VARCHAR(200) NOT NULL,
    "roles" "tenant_role"[],
    "person_id" UUID,
    "last_seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_access_grants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "granted_by_id" UUID NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "support_access_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_issuer" VARCHAR(500),
    "actor_subject" VARCHAR(255),
    "actor_name" VARCHAR(200),
    "acting_role" VARCHAR(50),
    "action" VARCHAR(100) NOT NULL,
    "entity_type" VARCHAR(100) NOT NULL,
    "entity_id" VARCHAR(100),
    "changes" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cooperative_audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_issuer" VARCHAR(500),
    "actor_subject" VARCHAR(255),
    "actor_name" VARCHAR(200),
    "acting_role" VARCHAR(50),
    "action" VARCHAR(100) NOT NULL,
    "target_tenant_ref" UUID,
    "target_slug" VARCHAR(63),
    "changes" JSONB,

    CONSTRAINT "cooperative_audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_accounts_tenant_id_id_key" ON "user_accounts"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "user_accounts_tenant_id_issuer_subject_key" ON "user_accounts"("tenant_id", "issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "user_accounts_tenant_id_email_key" ON "user_accounts"("tenant_id", "email");

-- CreateIndex
CREATE INDEX "support_access_grants_tenant_id_expires_at_idx" ON "support_access_grants"("tenant_id", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "support_access_grants_tenant_id_id_key" ON "support_access_grants"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_occurred_at_idx" ON "audit_events"("tenant_id", "occurred_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_tenant_id_id_key" ON "audit_events"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "cooperative_audit_events_occurred_at_idx" ON "cooperative_audit_events"("occurred_at" DESC);

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_organization_id_fkey" FOREIGN KEY ("tenant_id", "organization_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_accounts" ADD CONSTRAINT "user_accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_accounts" ADD CONSTRAINT "user_accounts_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_access_grants" ADD CONSTRAINT "support_access_grants_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_access_grants" ADD CONSTRAINT "support_access_grants_tenant_id_granted_by_id_fkey" FOREIGN KEY ("tenant_id", "granted_by_id") REFERENCES "user_accounts"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security for the new tenant tables (docs/adr/0003-tenancy-rls.md).
ALTER TABLE "user_accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "user_accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "user_accounts"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "user_accounts" TO ratsinfo_app;
ALTER TABLE "user_accounts" ADD CONSTRAINT "user_accounts_identity_check" CHECK (("issuer" IS NULL) = ("subject" IS NULL));
ALTER TABLE "user_accounts" ADD CONSTRAINT "user_accounts_reachable_check" CHECK ("subject" IS NOT NULL OR "email" IS NOT NULL);

ALTER TABLE "support_access_grants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "support_access_grants" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "support_access_grants"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE ON "support_access_grants" TO ratsinfo_app;
ALTER TABLE "support_access_grants" ADD CONSTRAINT "support_access_grants_expiry_check" CHECK ("expires_at" > "created_at" AND "expires_at" <= "created_at" + interval '72 hours');

-- The audit log is append-only for the application: no UPDATE, no DELETE.
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "audit_events"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT ON "audit_events" TO ratsinfo_app;

GRANT SELECT, INSERT ON "cooperative_audit_events" TO ratsinfo_app;

-- Operators onboard, suspend and delete tenants through the application (audited at
-- cooperative level). Deleting a tenant cascades to all its rows.
GRANT INSERT, UPDATE, DELETE ON "tenants" TO ratsinfo_app;
