-- Worker and mail (docs/adr/0015-worker-jobs-and-mail.md): mail records, the tenant's sender and
-- reminder settings, meeting guests and absence notices, iCal sequence of invitations, text
-- extraction results, meeting bundles, export jobs, and the dead-letter functions.

-- ---------------------------------------------------------------------------------------------
-- Settings and columns on existing tables
ALTER TABLE "tenants"
  ADD COLUMN "mail_from_name" VARCHAR(200),
  ADD COLUMN "mail_from_address" VARCHAR(254),
  ADD COLUMN "mail_reply_to" VARCHAR(254),
  ADD COLUMN "reminder_days_before" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_reminder_days_before_check" CHECK ("reminder_days_before" BETWEEN 0 AND 60);

-- The language a person reads their mail in ('de' or 'en'); null: the authority's default (German).
ALTER TABLE "user_accounts" ADD COLUMN "locale" VARCHAR(5);
ALTER TABLE "user_accounts" ADD CONSTRAINT "user_accounts_locale_check" CHECK ("locale" IN ('de', 'en'));

-- The iCal SEQUENCE of the meeting's invitation (0 = never invited); it moves with every update
-- or cancellation sent after the invitation, which reuses the meeting's UID.
ALTER TABLE "meetings"
  ADD COLUMN "ical_sequence" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "invited_at" TIMESTAMPTZ(3),
  ADD COLUMN "reminded_at" TIMESTAMPTZ(3);
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_ical_sequence_check" CHECK ("ical_sequence" >= 0);

-- Text extraction: done (text_extracted_at), or failed for good with the reason.
ALTER TABLE "file_versions"
  ADD COLUMN "text_extraction_method" VARCHAR(20),
  ADD COLUMN "text_extraction_error" VARCHAR(500),
  ADD COLUMN "text_page_count" INTEGER;
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_text_extraction_method_check" CHECK ("text_extraction_method" IN ('pdftotext', 'ocr', 'docx', 'none'));

-- ---------------------------------------------------------------------------------------------
-- Mail records: one row per recipient and occasion, written before the mail is sent. The
-- dedupe key (occasion + recipient) makes creating them idempotent; the row lock taken while
-- sending and the status make sending happen once.
CREATE TYPE "mail_status" AS ENUM ('pending', 'sent', 'failed');

CREATE TABLE "mail_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "dedupe_key" VARCHAR(200) NOT NULL,
    "template" VARCHAR(60) NOT NULL,
    "locale" VARCHAR(5) NOT NULL DEFAULT 'de',
    "recipient_email" VARCHAR(254) NOT NULL,
    "recipient_name" VARCHAR(200),
    "person_id" UUID,
    "meeting_id" UUID,
    "event_id" UUID,
    "ical_sequence" INTEGER,
    "data" JSONB NOT NULL DEFAULT '{}',
    "subject" VARCHAR(500),
    "status" "mail_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "message_id" VARCHAR(300),
    "smtp_response" VARCHAR(500),
    "accepted_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "last_error" VARCHAR(2000),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "mail_messages_tenant_id_id_key" ON "mail_messages"("tenant_id", "id");
CREATE UNIQUE INDEX "mail_messages_tenant_id_dedupe_key_key" ON "mail_messages"("tenant_id", "dedupe_key");
CREATE INDEX "mail_messages_tenant_id_meeting_id_idx" ON "mail_messages"("tenant_id", "meeting_id");
CREATE INDEX "mail_messages_tenant_id_created_at_id_idx" ON "mail_messages"("tenant_id", "created_at", "id");
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_tenant_id_meeting_id_fkey" FOREIGN KEY ("tenant_id", "meeting_id") REFERENCES "meetings"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_attempts_check" CHECK ("attempts" >= 0);
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_locale_check" CHECK ("locale" IN ('de', 'en'));
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_sent_check" CHECK (("status" = 'sent') = ("accepted_at" IS NOT NULL));

-- Guests the clerk invites to one meeting besides the members (experts, the press officer …).
CREATE TABLE "meeting_guests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "meeting_guests_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "meeting_guests_tenant_id_id_key" ON "meeting_guests"("tenant_id", "id");
CREATE INDEX "meeting_guests_tenant_id_meeting_id_idx" ON "meeting_guests"("tenant_id", "meeting_id");
CREATE UNIQUE INDEX "meeting_guests_email_key" ON "meeting_guests"("tenant_id", "meeting_id", lower("email")) WHERE "deleted_at" IS NULL;
ALTER TABLE "meeting_guests" ADD CONSTRAINT "meeting_guests_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meeting_guests" ADD CONSTRAINT "meeting_guests_tenant_id_meeting_id_fkey" FOREIGN KEY ("tenant_id", "meeting_id") REFERENCES "meetings"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A member's notice that they cannot attend a meeting; it reaches their deputy.
CREATE TABLE "absence_notices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "reason" VARCHAR(1000),
    "created_by_name" VARCHAR(200),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "absence_notices_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "absence_notices_tenant_id_id_key" ON "absence_notices"("tenant_id", "id");
CREATE INDEX "absence_notices_tenant_id_meeting_id_idx" ON "absence_notices"("tenant_id", "meeting_id");
CREATE UNIQUE INDEX "absence_notices_person_key" ON "absence_notices"("tenant_id", "meeting_id", "person_id") WHERE "withdrawn_at" IS NULL;
ALTER TABLE "absence_notices" ADD CONSTRAINT "absence_notices_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "absence_notices" ADD CONSTRAINT "absence_notices_tenant_id_meeting_id_fkey" FOREIGN KEY ("tenant_id", "meeting_id") REFERENCES "meetings"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "absence_notices" ADD CONSTRAINT "absence_notices_tenant_id_person_id_fkey" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The meeting bundle (Sitzungsmappe): one PDF per meeting and variant, regenerated when its
-- sources change (source_hash over the agenda and the files it contains).
CREATE TABLE "meeting_bundles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "variant" VARCHAR(10) NOT NULL,
    "storage_key" VARCHAR(200),
    "size" BIGINT,
    "sha512" CHAR(128),
    "page_count" INTEGER,
    "source_hash" CHAR(64),
    "generated_at" TIMESTAMPTZ(3),
    "error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_bundles_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "meeting_bundles_tenant_id_id_key" ON "meeting_bundles"("tenant_id", "id");
CREATE UNIQUE INDEX "meeting_bundles_tenant_id_meeting_id_variant_key" ON "meeting_bundles"("tenant_id", "meeting_id", "variant");
CREATE UNIQUE INDEX "meeting_bundles_storage_key_key" ON "meeting_bundles"("storage_key");
ALTER TABLE "meeting_bundles" ADD CONSTRAINT "meeting_bundles_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meeting_bundles" ADD CONSTRAINT "meeting_bundles_tenant_id_meeting_id_fkey" FOREIGN KEY ("tenant_id", "meeting_id") REFERENCES "meetings"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meeting_bundles" ADD CONSTRAINT "meeting_bundles_variant_check" CHECK ("variant" IN ('public', 'full'));
ALTER TABLE "meeting_bundles" ADD CONSTRAINT "meeting_bundles_storage_key_check" CHECK ("storage_key" ~ '^[0-9a-f-]{36}/[0-9a-f-]{36}$');

-- Exports as jobs: requested in the API, written as a streaming ZIP by the worker into the file
-- storage, downloaded while not expired.
CREATE TABLE "tenant_exports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "requested_as" VARCHAR(20) NOT NULL,
    "requested_by_name" VARCHAR(200),
    "reason" VARCHAR(1000) NOT NULL,
    "status" VARCHAR(10) NOT NULL DEFAULT 'pending',
    "storage_key" VARCHAR(200),
    "size" BIGINT,
    "counts" JSONB,
    "error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "tenant_exports_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "tenant_exports_tenant_id_id_key" ON "tenant_exports"("tenant_id", "id");
CREATE INDEX "tenant_exports_tenant_id_created_at_idx" ON "tenant_exports"("tenant_id", "created_at");
CREATE UNIQUE INDEX "tenant_exports_storage_key_key" ON "tenant_exports"("storage_key");
ALTER TABLE "tenant_exports" ADD CONSTRAINT "tenant_exports_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenant_exports" ADD CONSTRAINT "tenant_exports_requested_as_check" CHECK ("requested_as" IN ('operator', 'tenant-admin'));
ALTER TABLE "tenant_exports" ADD CONSTRAINT "tenant_exports_status_check" CHECK ("status" IN ('pending', 'running', 'ready', 'failed'));
ALTER TABLE "tenant_exports" ADD CONSTRAINT "tenant_exports_storage_key_check" CHECK ("storage_key" ~ '^[0-9a-f-]{36}/[0-9a-f-]{36}$');

-- ---------------------------------------------------------------------------------------------
-- Row-level security, grants, created/modified
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['mail_messages', 'meeting_guests', 'absence_notices', 'meeting_bundles', 'tenant_exports']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY "tenant_isolation" ON %I USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ratsinfo_app', t);
    EXECUTE format('CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION app_touch()', t);
  END LOOP;
END $$;
-- The public bundle is on the portal's meeting page: its changes move the public data version.
CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON "meeting_bundles"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version();

-- ---------------------------------------------------------------------------------------------
-- Dead letters (docs/adr/0015-worker-jobs-and-mail.md)

-- A clerk retries a dead event of their own authority: it becomes due now, with fresh attempts.
-- No relay flag: tenant_isolation (forced, the owner included) limits it to the current tenant.
CREATE FUNCTION outbox_retry(p_id uuid)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  UPDATE outbox_events SET dead_at = NULL, attempts = 0, available_at = now(), claimed_by = NULL, claimed_at = NULL, lease_until = NULL
   WHERE id = p_id AND dead_at IS NOT NULL AND processed_at IS NULL AND tenant_id = app_current_tenant();
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n = 1;
END $$;

-- Operators see the dead events of every authority, newest first, without their payload: the
-- topic, when, how often, and the kind of error (the part of last_error before the first ': ',
-- when it is a word like "smtp-rejected"; the worker writes "<kind>: <message>", and the message
-- may name tenant data; anything else is 'unknown').
CREATE FUNCTION outbox_dead_letters(p_limit integer, p_before_dead_at timestamptz DEFAULT NULL, p_before_id uuid DEFAULT NULL)
  RETURNS TABLE (id uuid, tenant_id uuid, topic text, created_at timestamptz, dead_at timestamptz, attempts integer, error_kind text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
#variable_conflict use_column
BEGIN
  IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 THEN
    RAISE EXCEPTION 'outbox_dead_letters: p_limit must be between 1 and 500' USING ERRCODE = '22023';
  END IF;
  PERFORM set_config('app.outbox_relay', 'on', true);
  RETURN QUERY
  SELECT e.id, e.tenant_id, e.topic::text, e.created_at, e.dead_at, e.attempts,
         CASE WHEN e.last_error ~ '^[A-Za-z][A-Za-z0-9_-]{0,40}: ' THEN split_part(e.last_error, ':', 1) ELSE 'unknown' END
    FROM outbox_events e
   WHERE e.dead_at IS NOT NULL AND e.processed_at IS NULL
     AND (p_before_dead_at IS NULL OR (e.dead_at, e.id) < (p_before_dead_at, p_before_id))
   ORDER BY e.dead_at DESC, e.id DESC
   LIMIT p_limit;
  PERFORM set_config('app.outbox_relay', 'off', true);
END $$;
CREATE INDEX "outbox_events_dead_idx" ON "outbox_events"("dead_at" DESC, "id" DESC) WHERE "dead_at" IS NOT NULL AND "processed_at" IS NULL;

REVOKE ALL ON FUNCTION outbox_retry(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION outbox_dead_letters(integer, timestamptz, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION outbox_retry(uuid) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION outbox_dead_letters(integer, timestamptz, uuid) TO ratsinfo_app;

-- A tenant admin's mail settings: only for the tenant the current transaction declared.
CREATE FUNCTION app_tenant_set_mail_settings(p_from_name text, p_from_address text, p_reply_to text, p_reminder_days integer) RETURNS void
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
  UPDATE tenants SET mail_from_name = p_from_name, mail_from_address = p_from_address, mail_reply_to = p_reply_to,
                     reminder_days_before = p_reminder_days
   WHERE id = t;
END $$;
REVOKE ALL ON FUNCTION app_tenant_set_mail_settings(text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_set_mail_settings(text, text, text, integer) TO ratsinfo_app;
