-- Council content (issue 7): legislative terms, locations, paper types and numbering, papers
-- with originators, relations and consultations, files with versions; the council structure
-- and agenda gain what the clerk's editors need (parent organizations, deputies, versions for
-- optimistic concurrency, sub-items, urgent items, cancellation reasons).
-- Every new tenant table: ENABLE + FORCE RLS with the tenant_isolation policy, composite FKs
-- (tenant_id, id), the touch trigger (created/modified), and the public-data version trigger
-- where the public side can see it.

-- CreateEnum
CREATE TYPE "paper_status" AS ENUM ('draft', 'released', 'withdrawn');

-- CreateEnum
CREATE TYPE "paper_derivation" AS ENUM ('amendment', 'supplement');

-- DropIndex
DROP INDEX "agenda_items_tenant_id_meeting_id_order_key";

-- AlterTable
ALTER TABLE "agenda_items" ADD COLUMN     "consultation_id" UUID,
ADD COLUMN     "level" SMALLINT NOT NULL DEFAULT 1,
ADD COLUMN     "urgent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "urgent_reason" VARCHAR(1000);

-- AlterTable
ALTER TABLE "meetings" ADD COLUMN     "cancelled_reason" VARCHAR(1000),
ADD COLUMN     "location_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "deputy_for_id" UUID,
ADD COLUMN     "on_behalf_of_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "location_id" UUID,
ADD COLUMN     "parent_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "persons" ADD COLUMN     "address" VARCHAR(500),
ADD COLUMN     "life" VARCHAR(2000),
ADD COLUMN     "phone" VARCHAR(50),
ADD COLUMN     "photo_file_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "legislative_terms" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "legislative_terms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "locations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "description" VARCHAR(300) NOT NULL,
    "room" VARCHAR(100),
    "street_address" VARCHAR(200),
    "postal_code" VARCHAR(10),
    "locality" VARCHAR(100),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_types" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "abbreviation" VARCHAR(10) NOT NULL,
    "number_format" VARCHAR(50) NOT NULL DEFAULT '{abbr}/{seq}/{year}',
    "sequence_digits" SMALLINT NOT NULL DEFAULT 4,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "paper_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_number_counters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "paper_type_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "last_value" INTEGER NOT NULL,

    CONSTRAINT "paper_number_counters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "papers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "paper_type_id" UUID NOT NULL,
    "reference" VARCHAR(50) NOT NULL,
    "reference_year" INTEGER NOT NULL,
    "reference_sequence" INTEGER NOT NULL,
    "name" VARCHAR(500) NOT NULL,
    "date" DATE NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT true,
    "status" "paper_status" NOT NULL DEFAULT 'draft',
    "responsible_department" VARCHAR(200),
    "main_file_id" UUID,
    "superordinate_paper_id" UUID,
    "original_paper_id" UUID,
    "derivation" "paper_derivation",
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "papers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_originator_persons" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "paper_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,

    CONSTRAINT "paper_originator_persons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_originator_organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "paper_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,

    CONSTRAINT "paper_originator_organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_relations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "paper_id" UUID NOT NULL,
    "related_paper_id" UUID NOT NULL,

    CONSTRAINT "paper_relations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consultations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "paper_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "authoritative" BOOLEAN NOT NULL DEFAULT false,
    "role" VARCHAR(100),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "consultations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "files" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT true,
    "paper_id" UUID,
    "meeting_id" UUID,
    "agenda_item_id" UUID,
    "person_id" UUID,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "file_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "file_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "mime_type" VARCHAR(100) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha512" CHAR(128) NOT NULL,
    "storage_key" VARCHAR(200) NOT NULL,
    "text" TEXT,
    "text_extracted_at" TIMESTAMPTZ(3),
    "uploaded_by_name" VARCHAR(200),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "file_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "paper_number_counters_tenant_id_id_key" ON "paper_number_counters"("tenant_id", "id");
CREATE UNIQUE INDEX "paper_number_counters_tenant_id_paper_type_id_year_key" ON "paper_number_counters"("tenant_id", "paper_type_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "paper_originator_persons_tenant_id_id_key" ON "paper_originator_persons"("tenant_id", "id");
CREATE UNIQUE INDEX "paper_originator_persons_tenant_id_paper_id_person_id_key" ON "paper_originator_persons"("tenant_id", "paper_id", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "paper_originator_organizations_tenant_id_id_key" ON "paper_originator_organizations"("tenant_id", "id");
CREATE UNIQUE INDEX "paper_originator_organizations_tenant_id_paper_id_organizat_key" ON "paper_originator_organizations"("tenant_id", "paper_id", "organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "paper_relations_tenant_id_id_key" ON "paper_relations"("tenant_id", "id");
CREATE UNIQUE INDEX "paper_relations_tenant_id_paper_id_related_paper_id_key" ON "paper_relations"("tenant_id", "paper_id", "related_paper_id");

-- CreateIndex
CREATE INDEX "legislative_terms_tenant_id_start_date_idx" ON "legislative_terms"("tenant_id", "start_date");

-- CreateIndex
CREATE INDEX "legislative_terms_tenant_id_updated_at_id_idx" ON "legislative_terms"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "legislative_terms_tenant_id_id_key" ON "legislative_terms"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "locations_tenant_id_updated_at_id_idx" ON "locations"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "locations_tenant_id_id_key" ON "locations"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "paper_types_tenant_id_sort_order_idx" ON "paper_types"("tenant_id", "sort_order");

-- CreateIndex
CREATE UNIQUE INDEX "paper_types_tenant_id_id_key" ON "paper_types"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "papers_tenant_id_date_id_idx" ON "papers"("tenant_id", "date", "id");

-- CreateIndex
CREATE INDEX "papers_tenant_id_updated_at_id_idx" ON "papers"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "papers_tenant_id_id_key" ON "papers"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "papers_tenant_id_reference_key" ON "papers"("tenant_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "papers_tenant_id_paper_type_id_reference_year_reference_seq_key" ON "papers"("tenant_id", "paper_type_id", "reference_year", "reference_sequence");

-- CreateIndex
CREATE INDEX "paper_relations_tenant_id_related_paper_id_idx" ON "paper_relations"("tenant_id", "related_paper_id");

-- CreateIndex
CREATE INDEX "consultations_tenant_id_paper_id_position_idx" ON "consultations"("tenant_id", "paper_id", "position");
-- Partial: a removed step keeps its old position; the living steps' positions are unique.
CREATE UNIQUE INDEX "consultations_living_position_key" ON "consultations"("tenant_id", "paper_id", "position") WHERE "deleted_at" IS NULL;

-- CreateIndex
CREATE INDEX "consultations_tenant_id_updated_at_id_idx" ON "consultations"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "consultations_tenant_id_id_key" ON "consultations"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "files_tenant_id_paper_id_idx" ON "files"("tenant_id", "paper_id");

-- CreateIndex
CREATE INDEX "files_tenant_id_meeting_id_idx" ON "files"("tenant_id", "meeting_id");

-- CreateIndex
CREATE INDEX "files_tenant_id_agenda_item_id_idx" ON "files"("tenant_id", "agenda_item_id");

-- CreateIndex
CREATE INDEX "files_tenant_id_updated_at_id_idx" ON "files"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "files_tenant_id_id_key" ON "files"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "file_versions_tenant_id_id_key" ON "file_versions"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "file_versions_tenant_id_file_id_number_key" ON "file_versions"("tenant_id", "file_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "file_versions_storage_key_key" ON "file_versions"("storage_key");

-- CreateIndex
-- Partial: a soft-deleted item keeps its old order; the living items' orders are unique.
CREATE INDEX "agenda_items_tenant_id_meeting_id_order_idx" ON "agenda_items"("tenant_id", "meeting_id", "order");
CREATE UNIQUE INDEX "agenda_items_living_order_key" ON "agenda_items"("tenant_id", "meeting_id", "order") WHERE "deleted_at" IS NULL;

-- CreateIndex
CREATE INDEX "agenda_items_tenant_id_consultation_id_idx" ON "agenda_items"("tenant_id", "consultation_id");

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_tenant_id_parent_id_fkey" FOREIGN KEY ("tenant_id", "parent_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_tenant_id_location_id_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persons" ADD CONSTRAINT "persons_tenant_id_photo_file_id_fkey" FOREIGN KEY ("tenant_id", "photo_file_id") REFERENCES "files"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_on_behalf_of_id_fkey" FOREIGN KEY ("tenant_id", "on_behalf_of_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_deputy_for_id_fkey" FOREIGN KEY ("tenant_id", "deputy_for_id") REFERENCES "persons"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_location_id_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_tenant_id_consultation_id_fkey" FOREIGN KEY ("tenant_id", "consultation_id") REFERENCES "consultations"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legislative_terms" ADD CONSTRAINT "legislative_terms_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "locations" ADD CONSTRAINT "locations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_types" ADD CONSTRAINT "paper_types_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_number_counters" ADD CONSTRAINT "paper_number_counters_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_number_counters" ADD CONSTRAINT "paper_number_counters_tenant_id_paper_type_id_fkey" FOREIGN KEY ("tenant_id", "paper_type_id") REFERENCES "paper_types"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "papers" ADD CONSTRAINT "papers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "papers" ADD CONSTRAINT "papers_tenant_id_paper_type_id_fkey" FOREIGN KEY ("tenant_id", "paper_type_id") REFERENCES "paper_types"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "papers" ADD CONSTRAINT "papers_tenant_id_main_file_id_fkey" FOREIGN KEY ("tenant_id", "main_file_id") REFERENCES "files"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "papers" ADD CONSTRAINT "papers_tenant_id_superordinate_paper_id_fkey" FOREIGN KEY ("tenant_id", "superordinate_paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "papers" ADD CONSTRAINT "papers_tenant_id_original_paper_id_fkey" FOREIGN KEY ("tenant_id", "original_paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_originator_persons" ADD CONSTRAINT "paper_originator_persons_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_originator_persons" ADD CONSTRAINT "paper_originator_persons_tenant_id_paper_id_fkey" FOREIGN KEY ("tenant_id", "paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_originator_persons" ADD CONSTRAINT "paper_originator_persons_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_originator_organizations" ADD CONSTRAINT "paper_originator_organizations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_originator_organizations" ADD CONSTRAINT "paper_originator_organizations_tenant_id_paper_id_fkey" FOREIGN KEY ("tenant_id", "paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_originator_organizations" ADD CONSTRAINT "paper_originator_organizations_tenant_id_organization_id_fkey" FOREIGN KEY ("tenant_id", "organization_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_relations" ADD CONSTRAINT "paper_relations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_relations" ADD CONSTRAINT "paper_relations_tenant_id_paper_id_fkey" FOREIGN KEY ("tenant_id", "paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_relations" ADD CONSTRAINT "paper_relations_tenant_id_related_paper_id_fkey" FOREIGN KEY ("tenant_id", "related_paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_paper_id_fkey" FOREIGN KEY ("tenant_id", "paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_organization_id_fkey" FOREIGN KEY ("tenant_id", "organization_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_paper_id_fkey" FOREIGN KEY ("tenant_id", "paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_meeting_id_fkey" FOREIGN KEY ("tenant_id", "meeting_id") REFERENCES "meetings"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_agenda_item_id_fkey" FOREIGN KEY ("tenant_id", "agenda_item_id") REFERENCES "agenda_items"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_tenant_id_file_id_fkey" FOREIGN KEY ("tenant_id", "file_id") REFERENCES "files"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Checks
ALTER TABLE "legislative_terms" ADD CONSTRAINT "legislative_terms_dates_check" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_dates_check" CHECK ("end_date" IS NULL OR "start_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_deputy_check" CHECK ("deputy_for_id" IS NULL OR "deputy_for_id" <> "person_id");
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_dates_check" CHECK ("end_date" IS NULL OR "start_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_check" CHECK ("parent_id" IS NULL OR "parent_id" <> "id");
-- Meetings cancelled before a reason was asked for get one; FORCE RLS would hide them from this migration.
ALTER TABLE "meetings" NO FORCE ROW LEVEL SECURITY;
UPDATE "meetings" SET "cancelled_reason" = 'Abgesagt' WHERE "cancelled" AND "cancelled_reason" IS NULL;
ALTER TABLE "meetings" FORCE ROW LEVEL SECURITY;
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_cancelled_reason_check" CHECK (NOT "cancelled" OR "cancelled_reason" IS NOT NULL);
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_level_check" CHECK ("level" IN (1, 2));
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_urgent_check" CHECK (NOT "urgent" OR "urgent_reason" IS NOT NULL);
ALTER TABLE "paper_types" ADD CONSTRAINT "paper_types_abbreviation_check" CHECK ("abbreviation" ~ '^[A-Za-zÄÖÜäöüß0-9-]{1,10}$');
ALTER TABLE "paper_types" ADD CONSTRAINT "paper_types_number_format_check" CHECK (position('{seq}' in "number_format") > 0);
ALTER TABLE "paper_types" ADD CONSTRAINT "paper_types_sequence_digits_check" CHECK ("sequence_digits" BETWEEN 1 AND 8);
CREATE UNIQUE INDEX "paper_types_abbreviation_key" ON "paper_types"("tenant_id", lower("abbreviation")) WHERE "deleted_at" IS NULL;
ALTER TABLE "paper_number_counters" ADD CONSTRAINT "paper_number_counters_check" CHECK ("last_value" >= 1 AND "year" BETWEEN 1900 AND 2999);
ALTER TABLE "papers" ADD CONSTRAINT "papers_reference_check" CHECK ("reference_sequence" >= 1 AND "reference_year" BETWEEN 1900 AND 2999);
ALTER TABLE "papers" ADD CONSTRAINT "papers_derivation_check" CHECK (("original_paper_id" IS NULL) = ("derivation" IS NULL));
ALTER TABLE "papers" ADD CONSTRAINT "papers_self_check" CHECK (("original_paper_id" IS NULL OR "original_paper_id" <> "id") AND ("superordinate_paper_id" IS NULL OR "superordinate_paper_id" <> "id"));
ALTER TABLE "paper_relations" ADD CONSTRAINT "paper_relations_order_check" CHECK ("paper_id" < "related_paper_id");
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_position_check" CHECK ("position" >= 1);
ALTER TABLE "files" ADD CONSTRAINT "files_owner_check" CHECK (num_nonnulls("paper_id", "meeting_id", "agenda_item_id", "person_id") = 1);
ALTER TABLE "files" ADD CONSTRAINT "files_current_version_check" CHECK ("current_version" >= 1);
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_number_check" CHECK ("number" >= 1);
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_size_check" CHECK ("size" >= 0);
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_sha512_check" CHECK ("sha512" ~ '^[0-9a-f]{128}$');
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_storage_key_check" CHECK ("storage_key" ~ '^[0-9a-f-]{36}/[0-9a-f-]{36}$');

-- ---------------------------------------------------------------------------------------------
-- Row-level security, grants, created/modified, public-data version
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['legislative_terms', 'locations', 'paper_types', 'paper_number_counters', 'papers',
    'paper_originator_persons', 'paper_originator_organizations', 'paper_relations', 'consultations', 'files', 'file_versions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY "tenant_isolation" ON %I USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ratsinfo_app', t);
    EXECUTE format('CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version()', t);
  END LOOP;
  -- Tables with created_at/updated_at.
  FOREACH t IN ARRAY ARRAY['legislative_terms', 'locations', 'paper_types', 'papers', 'consultations', 'files', 'file_versions']
  LOOP
    EXECUTE format('CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION app_touch()', t);
  END LOOP;
END $$;

-- The counter is office bookkeeping: numbering a paper is announced by the paper itself.
DROP TRIGGER "public_data_version" ON "paper_number_counters";
