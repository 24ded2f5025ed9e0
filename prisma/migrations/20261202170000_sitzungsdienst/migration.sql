-- Sitzungsdienst (docs/adr/0016-meeting-service.md): the meeting's lifecycle (running, minutes
-- drafted), the notice period's delivery rule, attendance, votes (counted and named) with
-- conflicts of interest, minutes per item, live mode, resolution tracking, and members' private
-- annotations readable only by their author.
--
-- The new meeting_state values are added here but not used in this script (PostgreSQL refuses
-- to use an enum value in the transaction that added it).

-- CreateEnum
CREATE TYPE "agenda_result" AS ENUM ('accepted', 'rejected', 'referred', 'postponed', 'taken_note');

-- CreateEnum
CREATE TYPE "vote_mode" AS ENUM ('counted', 'named');

-- CreateEnum
CREATE TYPE "attendance_status" AS ENUM ('present', 'excused', 'absent');

-- CreateEnum
CREATE TYPE "attendance_role" AS ENUM ('member', 'deputy', 'guest');

-- CreateEnum
CREATE TYPE "vote_choice" AS ENUM ('yes', 'no', 'abstain');

-- CreateEnum
CREATE TYPE "resolution_status" AS ENUM ('open', 'in_progress', 'done', 'obsolete');

-- AlterEnum


ALTER TYPE "meeting_state" ADD VALUE 'running';
ALTER TYPE "meeting_state" ADD VALUE 'minutes_drafted';

-- AlterTable
ALTER TABLE "agenda_items" ADD COLUMN     "approves_minutes_of_meeting_id" UUID,
ADD COLUMN     "decided_at" TIMESTAMPTZ(3),
ADD COLUMN     "minutes_text" TEXT,
ADD COLUMN     "recording_offset_seconds" INTEGER,
ADD COLUMN     "result_kind" "agenda_result",
ADD COLUMN     "vote_mode" "vote_mode",
ADD COLUMN     "votes_abstain" INTEGER,
ADD COLUMN     "votes_no" INTEGER,
ADD COLUMN     "votes_yes" INTEGER;

-- AlterTable
ALTER TABLE "meetings" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "current_agenda_item_id" UUID,
ADD COLUMN     "minutes_approved_by_item_id" UUID,
ADD COLUMN     "minutes_file_id" UUID,
ADD COLUMN     "recording_url" VARCHAR(2000),
ADD COLUMN     "started_at" TIMESTAMPTZ(3),
ADD COLUMN     "urgent_reason" VARCHAR(1000);

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "invitation_delivery_days" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "meeting_attendances" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "status" "attendance_status" NOT NULL,
    "role" "attendance_role" NOT NULL DEFAULT 'member',
    "deputy_for_person_id" UUID,
    "arrived_at" TIMESTAMPTZ(3),
    "left_at" TIMESTAMPTZ(3),
    "note" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_attendances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "named_votes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "agenda_item_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "vote" "vote_choice" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "named_votes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vote_conflicts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "agenda_item_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "note" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vote_conflicts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resolutions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "agenda_item_id" UUID NOT NULL,
    "paper_id" UUID,
    "status" "resolution_status" NOT NULL DEFAULT 'open',
    "responsible_department" VARCHAR(200),
    "due_date" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resolutions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resolution_notes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "resolution_id" UUID NOT NULL,
    "note_date" DATE NOT NULL,
    "text" VARCHAR(4000) NOT NULL,
    "created_by_name" VARCHAR(200),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resolution_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "paper_id" UUID,
    "file_id" UUID,
    "text" VARCHAR(10000) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "meeting_attendances_tenant_id_updated_at_id_idx" ON "meeting_attendances"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_attendances_tenant_id_id_key" ON "meeting_attendances"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_attendances_tenant_id_meeting_id_person_id_key" ON "meeting_attendances"("tenant_id", "meeting_id", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "named_votes_tenant_id_id_key" ON "named_votes"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "named_votes_tenant_id_agenda_item_id_person_id_key" ON "named_votes"("tenant_id", "agenda_item_id", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "vote_conflicts_tenant_id_id_key" ON "vote_conflicts"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "vote_conflicts_tenant_id_agenda_item_id_person_id_key" ON "vote_conflicts"("tenant_id", "agenda_item_id", "person_id");

-- CreateIndex
CREATE INDEX "resolutions_tenant_id_paper_id_idx" ON "resolutions"("tenant_id", "paper_id");

-- CreateIndex
CREATE INDEX "resolutions_tenant_id_status_due_date_idx" ON "resolutions"("tenant_id", "status", "due_date");

-- CreateIndex
CREATE UNIQUE INDEX "resolutions_tenant_id_id_key" ON "resolutions"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "resolutions_tenant_id_agenda_item_id_key" ON "resolutions"("tenant_id", "agenda_item_id");

-- CreateIndex
CREATE INDEX "resolution_notes_tenant_id_resolution_id_idx" ON "resolution_notes"("tenant_id", "resolution_id");

-- CreateIndex
CREATE UNIQUE INDEX "resolution_notes_tenant_id_id_key" ON "resolution_notes"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "annotations_tenant_id_account_id_updated_at_idx" ON "annotations"("tenant_id", "account_id", "updated_at");

-- CreateIndex
CREATE INDEX "annotations_tenant_id_paper_id_idx" ON "annotations"("tenant_id", "paper_id");

-- CreateIndex
CREATE INDEX "annotations_tenant_id_file_id_idx" ON "annotations"("tenant_id", "file_id");

-- CreateIndex
CREATE UNIQUE INDEX "annotations_tenant_id_id_key" ON "annotations"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_current_agenda_item_id_fkey" FOREIGN KEY ("tenant_id", "current_agenda_item_id") REFERENCES "agenda_items"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_minutes_file_id_fkey" FOREIGN KEY ("tenant_id", "minutes_file_id") REFERENCES "files"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_minutes_approved_by_item_id_fkey" FOREIGN KEY ("tenant_id", "minutes_approved_by_item_id") REFERENCES "agenda_items"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_tenant_id_approves_minutes_of_meeting_id_fkey" FOREIGN KEY ("tenant_id", "approves_minutes_of_meeting_id") REFERENCES "meetings"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_attendances" ADD CONSTRAINT "meeting_attendances_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_attendances" ADD CONSTRAINT "meeting_attendances_tenant_id_meeting_id_fkey" FOREIGN KEY ("tenant_id", "meeting_id") REFERENCES "meetings"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_attendances" ADD CONSTRAINT "meeting_attendances_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_attendances" ADD CONSTRAINT "meeting_attendances_tenant_id_deputy_for_person_id_fkey" FOREIGN KEY ("tenant_id", "deputy_for_person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "named_votes" ADD CONSTRAINT "named_votes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "named_votes" ADD CONSTRAINT "named_votes_tenant_id_agenda_item_id_fkey" FOREIGN KEY ("tenant_id", "agenda_item_id") REFERENCES "agenda_items"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "named_votes" ADD CONSTRAINT "named_votes_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vote_conflicts" ADD CONSTRAINT "vote_conflicts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vote_conflicts" ADD CONSTRAINT "vote_conflicts_tenant_id_agenda_item_id_fkey" FOREIGN KEY ("tenant_id", "agenda_item_id") REFERENCES "agenda_items"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vote_conflicts" ADD CONSTRAINT "vote_conflicts_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_tenant_id_agenda_item_id_fkey" FOREIGN KEY ("tenant_id", "agenda_item_id") REFERENCES "agenda_items"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_tenant_id_paper_id_fkey" FOREIGN KEY ("tenant_id", "paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_notes" ADD CONSTRAINT "resolution_notes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_notes" ADD CONSTRAINT "resolution_notes_tenant_id_resolution_id_fkey" FOREIGN KEY ("tenant_id", "resolution_id") REFERENCES "resolutions"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_tenant_id_account_id_fkey" FOREIGN KEY ("tenant_id", "account_id") REFERENCES "user_accounts"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_tenant_id_paper_id_fkey" FOREIGN KEY ("tenant_id", "paper_id") REFERENCES "papers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_tenant_id_file_id_fkey" FOREIGN KEY ("tenant_id", "file_id") REFERENCES "files"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Checks
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_invitation_delivery_days_check" CHECK ("invitation_delivery_days" BETWEEN 0 AND 14);
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_votes_check" CHECK (
  coalesce("votes_yes", 0) >= 0 AND coalesce("votes_no", 0) >= 0 AND coalesce("votes_abstain", 0) >= 0
  AND ("vote_mode" IS NOT NULL OR ("votes_yes" IS NULL AND "votes_no" IS NULL AND "votes_abstain" IS NULL)));
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_recording_offset_check" CHECK ("recording_offset_seconds" BETWEEN 0 AND 86400);
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_approves_other_meeting_check" CHECK ("approves_minutes_of_meeting_id" IS DISTINCT FROM "meeting_id");
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_recording_url_check" CHECK ("recording_url" ~ '^https://');
ALTER TABLE "meeting_attendances" ADD CONSTRAINT "meeting_attendances_times_check" CHECK (
  ("status" = 'present' OR ("arrived_at" IS NULL AND "left_at" IS NULL))
  AND ("arrived_at" IS NULL OR "left_at" IS NULL OR "arrived_at" < "left_at"));
ALTER TABLE "meeting_attendances" ADD CONSTRAINT "meeting_attendances_deputy_check" CHECK (
  ("role" = 'deputy') = ("deputy_for_person_id" IS NOT NULL) AND "deputy_for_person_id" IS DISTINCT FROM "person_id");
ALTER TABLE "resolution_notes" ADD CONSTRAINT "resolution_notes_text_check" CHECK (length(btrim("text")) > 0);
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_target_check" CHECK (("paper_id" IS NULL) <> ("file_id" IS NULL));
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_text_check" CHECK (length(btrim("text")) > 0);

-- A person with a declared conflict of interest (Mitwirkungsverbot) has no vote on the item:
-- the database refuses the named vote, whichever of the two is written first.
CREATE FUNCTION app_refuse_conflicted_vote() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $$
BEGIN
  IF TG_TABLE_NAME = 'named_votes' THEN
    IF EXISTS (SELECT 1 FROM vote_conflicts c WHERE c.tenant_id = NEW.tenant_id AND c.agenda_item_id = NEW.agenda_item_id AND c.person_id = NEW.person_id) THEN
      RAISE EXCEPTION 'a person with a declared conflict of interest does not vote on the item' USING ERRCODE = '23514', CONSTRAINT = 'named_votes_conflict_of_interest';
    END IF;
  ELSE
    IF EXISTS (SELECT 1 FROM named_votes v WHERE v.tenant_id = NEW.tenant_id AND v.agenda_item_id = NEW.agenda_item_id AND v.person_id = NEW.person_id) THEN
      RAISE EXCEPTION 'the person has voted on the item: remove the vote before declaring the conflict' USING ERRCODE = '23514', CONSTRAINT = 'named_votes_conflict_of_interest';
    END IF;
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION app_refuse_conflicted_vote() FROM PUBLIC;
CREATE TRIGGER "conflict_of_interest" BEFORE INSERT OR UPDATE ON "named_votes" FOR EACH ROW EXECUTE FUNCTION app_refuse_conflicted_vote();
CREATE TRIGGER "conflict_of_interest" BEFORE INSERT OR UPDATE ON "vote_conflicts" FOR EACH ROW EXECUTE FUNCTION app_refuse_conflicted_vote();

-- ---------------------------------------------------------------------------------------------
-- Row-level security, grants, created/modified
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['meeting_attendances', 'named_votes', 'vote_conflicts', 'resolutions', 'resolution_notes', 'annotations']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY "tenant_isolation" ON %I USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ratsinfo_app', t);
    EXECUTE format('CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION app_touch()', t);
  END LOOP;
  -- What the portal and OParl show of a meeting: attendance, named votes, conflicts, the
  -- resolutions' public status. (Resolution notes are internal.)
  FOREACH t IN ARRAY ARRAY['meeting_attendances', 'named_votes', 'vote_conflicts', 'resolutions']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version()', t);
  END LOOP;
END $$;

-- The account acting in this transaction (set with the tenant by the API from the verified
-- session; unset for operators, support access, the worker and the export).
CREATE FUNCTION app_current_account() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.account_id', true), '')::uuid $$;
REVOKE ALL ON FUNCTION app_current_account() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_current_account() TO ratsinfo_app;

-- Annotations are private: besides the tenant, the row must belong to the acting account. A
-- restrictive policy is ANDed with tenant_isolation, for reads and writes alike.
CREATE POLICY "owner_only" ON "annotations" AS RESTRICTIVE
  USING ("account_id" = app_current_account()) WITH CHECK ("account_id" = app_current_account());

-- ---------------------------------------------------------------------------------------------
-- The authority's notice period and delivery rule (the application role cannot update tenants).
CREATE FUNCTION app_tenant_set_notice_settings(p_notice_days integer, p_delivery_days integer) RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  t uuid := app_current_tenant();
BEGIN
  IF t IS NULL THEN
    RAISE EXCEPTION 'no member authority declared in this transaction' USING ERRCODE = '55000';
  END IF;
  UPDATE tenants SET notice_period_days = p_notice_days, invitation_delivery_days = p_delivery_days WHERE id = t;
END $$;
REVOKE ALL ON FUNCTION app_tenant_set_notice_settings(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_set_notice_settings(integer, integer) TO ratsinfo_app;

-- ---------------------------------------------------------------------------------------------
-- Every accepted decision becomes a resolution to follow up (Beschlusskontrolle), with the paper
-- the item deliberated; recording the result once more, or another result later, never makes a
-- second one (an existing resolution stays, the clerk may mark it obsolete).
CREATE FUNCTION app_ensure_resolution() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $$
BEGIN
  INSERT INTO resolutions (tenant_id, agenda_item_id, paper_id)
  SELECT NEW.tenant_id, NEW.id, c.paper_id
    FROM (SELECT 1) one
    LEFT JOIN consultations c ON c.tenant_id = NEW.tenant_id AND c.id = NEW.consultation_id
  ON CONFLICT (tenant_id, agenda_item_id) DO NOTHING;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION app_ensure_resolution() FROM PUBLIC;
CREATE TRIGGER "ensure_resolution" AFTER INSERT OR UPDATE OF "result_kind" ON "agenda_items"
  FOR EACH ROW WHEN (NEW.result_kind = 'accepted' AND NEW.deleted_at IS NULL) EXECUTE FUNCTION app_ensure_resolution();
