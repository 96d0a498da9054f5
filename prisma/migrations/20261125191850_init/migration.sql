-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ORG_ADMIN', 'CASEWORKER', 'LAWYER', 'FAMILY');

-- CreateEnum
CREATE TYPE "GrantLevel" AS ENUM ('VIEW', 'CONTRIBUTE', 'MANAGE');

-- CreateEnum
CREATE TYPE "GrantKind" AS ENUM ('GRANT', 'BREAK_GLASS');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DISABLED');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('MISSING', 'LOCATED_ALIVE', 'LOCATED_DECEASED', 'RELEASED', 'CLOSED');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY', 'RANGE');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "DiaryEntryKind" AS ENUM ('VISIT', 'CALL', 'POLICE_CONTACT', 'COMMISSION_APPEARANCE', 'MEDIA', 'OTHER');

-- CreateEnum
CREATE TYPE "ProceedingType" AS ENUM ('PETITION', 'APPEAL', 'COMPLAINT', 'FIR', 'COMMUNICATION');

-- CreateEnum
CREATE TYPE "ProceedingStatus" AS ENUM ('DRAFT', 'FILED', 'PENDING', 'HEARING_SCHEDULED', 'ADJOURNED', 'RESERVED', 'DECIDED', 'APPEALED', 'CLOSED', 'DISMISSED', 'WITHDRAWN', 'DISPOSED_OF');

-- CreateEnum
CREATE TYPE "HearingOutcome" AS ENUM ('APPEARED', 'ADJOURNED', 'ORDER_PASSED', 'NOT_TAKEN_UP');

-- CreateEnum
CREATE TYPE "FilingKind" AS ENUM ('PETITION', 'ORDER', 'AFFIDAVIT', 'FIR_COPY', 'COMMISSION_REPORT', 'LETTER', 'PHOTO', 'OTHER');

-- CreateTable
CREATE TABLE "installation" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "setup_token_hash" BYTEA,
    "setup_token_issued_at" TIMESTAMPTZ(3),
    "setup_completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "case_reference_prefix" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Karachi',
    "require_mfa" BOOLEAN NOT NULL DEFAULT false,
    "restore_window_days" INTEGER NOT NULL DEFAULT 30,
    "pfif_domain" TEXT,
    "pfif_expiry_days" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "kek_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "organization_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email_enc" BYTEA NOT NULL,
    "email_bidx" BYTEA NOT NULL,
    "display_name_enc" BYTEA NOT NULL,
    "password_hash" TEXT NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "totp_secret_enc" BYTEA,
    "totp_enabled_at" TIMESTAMPTZ(3),
    "totp_last_used_step" BIGINT,
    "reminder_offsets_min" INTEGER[] DEFAULT ARRAY[10080, 1440]::INTEGER[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "active_organization_id" UUID,
    "mfa_verified_at" TIMESTAMPTZ(3),
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webauthn_credentials" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "credential_id" BYTEA NOT NULL,
    "public_key" BYTEA NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[],
    "name_enc" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "webauthn_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_reset_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "email_enc" BYTEA NOT NULL,
    "email_bidx" BYTEA NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "invited_by_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_grants" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "level" "GrantLevel" NOT NULL,
    "kind" "GrantKind" NOT NULL DEFAULT 'GRANT',
    "reason_enc" BYTEA,
    "granted_by_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "case_id" UUID,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "case_reference_counters" (
    "organization_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "case_reference_counters_pkey" PRIMARY KEY ("organization_id","year")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'MISSING',
    "tags" TEXT[],
    "assigned_caseworker_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "deleted_by_id" UUID,
    "deletion_reason_enc" BYTEA,
    "purge_after" TIMESTAMPTZ(3),

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "org_key_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_status_changes" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "from_status" "CaseStatus",
    "to_status" "CaseStatus" NOT NULL,
    "effective_on" DATE NOT NULL,
    "note_enc" BYTEA,
    "changed_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "missing_persons" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "full_name_native_enc" BYTEA,
    "full_name_latin_enc" BYTEA,
    "aliases_enc" BYTEA,
    "guardian_name_enc" BYTEA,
    "guardian_relation" TEXT,
    "sex" "Sex" NOT NULL DEFAULT 'UNKNOWN',
    "date_of_birth_enc" BYTEA,
    "national_id_country" TEXT,
    "national_id_enc" BYTEA,
    "national_id_bidx" BYTEA,
    "phones_enc" BYTEA,
    "addresses_enc" BYTEA,
    "occupation_enc" BYTEA,
    "physical_description_enc" BYTEA,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "missing_persons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_name_tokens" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "missing_person_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "token_bidx" BYTEA NOT NULL,

    CONSTRAINT "person_name_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "photos" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "missing_person_id" UUID NOT NULL,
    "storage_key" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" BYTEA NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "photos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disappearances" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "last_seen_from" DATE,
    "last_seen_to" DATE,
    "last_seen_precision" "DatePrecision",
    "last_seen_place_enc" BYTEA,
    "circumstances_enc" BYTEA,
    "perpetrators_enc" BYTEA,
    "witnesses_enc" BYTEA,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "disappearances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relatives" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "relationship" TEXT NOT NULL,
    "name_enc" BYTEA NOT NULL,
    "phones_enc" BYTEA,
    "address_enc" BYTEA,
    "notes_enc" BYTEA,
    "user_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "relatives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "diary_entries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" "DiaryEntryKind" NOT NULL,
    "occurred_from" DATE NOT NULL,
    "occurred_to" DATE NOT NULL,
    "occurred_precision" "DatePrecision" NOT NULL,
    "body_enc" BYTEA NOT NULL,
    "author_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "diary_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forum_kinds" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "code" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_ur" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 100,

    CONSTRAINT "forum_kinds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forums" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT,
    "bench" TEXT,
    "time_zone" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forums_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proceedings" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "forum_id" UUID NOT NULL,
    "type" "ProceedingType" NOT NULL,
    "case_number_enc" BYTEA,
    "case_number_bidx" BYTEA,
    "filed_from" DATE,
    "filed_to" DATE,
    "filed_precision" "DatePrecision",
    "respondents_enc" BYTEA,
    "relief_sought_enc" BYTEA,
    "status" "ProceedingStatus" NOT NULL DEFAULT 'DRAFT',
    "appeals_proceeding_id" UUID,
    "appeals_filing_id" UUID,
    "transferred_from_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "proceedings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proceeding_status_changes" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "proceeding_id" UUID NOT NULL,
    "from_status" "ProceedingStatus",
    "to_status" "ProceedingStatus" NOT NULL,
    "effective_on" DATE NOT NULL,
    "note_enc" BYTEA,
    "changed_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proceeding_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proceeding_counsel" (
    "organization_id" UUID NOT NULL,
    "proceeding_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proceeding_counsel_pkey" PRIMARY KEY ("proceeding_id","user_id")
);

-- CreateTable
CREATE TABLE "hearings" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "proceeding_id" UUID NOT NULL,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Karachi',
    "court_room" TEXT,
    "bench" TEXT,
    "judge" TEXT,
    "purpose_enc" BYTEA,
    "outcome" "HearingOutcome",
    "outcome_recorded_at" TIMESTAMPTZ(3),
    "order_summary_enc" BYTEA,
    "previous_hearing_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hearings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filings" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "proceeding_id" UUID,
    "hearing_id" UUID,
    "kind" "FilingKind" NOT NULL,
    "title_enc" BYTEA NOT NULL,
    "document_from" DATE,
    "document_to" DATE,
    "document_precision" "DatePrecision",
    "issuing_forum_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "filings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filing_versions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "filing_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "storage_key" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "sha256" BYTEA NOT NULL,
    "original_name_enc" BYTEA,
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filing_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_deliveries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "hearing_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "offset_minutes" INTEGER NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "reminder_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_feeds" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "actor_id" UUID,
    "case_id" UUID,
    "entity" TEXT NOT NULL,
    "entity_id" UUID,
    "action" TEXT NOT NULL,
    "fields" TEXT[],
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "request_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,
    "signature" BYTEA NOT NULL,
    "key_id" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_case_reference_prefix_key" ON "organizations"("case_reference_prefix");

-- CreateIndex
CREATE UNIQUE INDEX "organization_keys_organization_id_version_key" ON "organization_keys"("organization_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_bidx_key" ON "users"("email_bidx");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_organization_id_user_id_key" ON "memberships"("organization_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "recovery_codes_user_id_idx" ON "recovery_codes"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "webauthn_credentials_credential_id_key" ON "webauthn_credentials"("credential_id");

-- CreateIndex
CREATE INDEX "webauthn_credentials_user_id_idx" ON "webauthn_credentials"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_tokens_token_hash_key" ON "password_reset_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "password_reset_tokens_user_id_idx" ON "password_reset_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_organization_id_idx" ON "invitations"("organization_id");

-- CreateIndex
CREATE INDEX "case_grants_user_id_case_id_idx" ON "case_grants"("user_id", "case_id");

-- CreateIndex
CREATE INDEX "case_grants_case_id_idx" ON "case_grants"("case_id");

-- CreateIndex
CREATE INDEX "case_grants_organization_id_idx" ON "case_grants"("organization_id");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "cases_organization_id_updated_at_id_idx" ON "cases"("organization_id", "updated_at" DESC, "id");

-- CreateIndex
CREATE INDEX "cases_organization_id_status_updated_at_id_idx" ON "cases"("organization_id", "status", "updated_at" DESC, "id");

-- CreateIndex
CREATE INDEX "cases_organization_id_assigned_caseworker_id_idx" ON "cases"("organization_id", "assigned_caseworker_id");

-- CreateIndex
CREATE INDEX "cases_tags_idx" ON "cases" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "cases_organization_id_reference_key" ON "cases"("organization_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "case_keys_case_id_version_key" ON "case_keys"("case_id", "version");

-- CreateIndex
CREATE INDEX "case_status_changes_case_id_created_at_idx" ON "case_status_changes"("case_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "missing_persons_case_id_key" ON "missing_persons"("case_id");

-- CreateIndex
CREATE INDEX "missing_persons_organization_id_national_id_bidx_idx" ON "missing_persons"("organization_id", "national_id_bidx");

-- CreateIndex
CREATE INDEX "person_name_tokens_organization_id_token_bidx_idx" ON "person_name_tokens"("organization_id", "token_bidx");

-- CreateIndex
CREATE INDEX "person_name_tokens_missing_person_id_idx" ON "person_name_tokens"("missing_person_id");

-- CreateIndex
CREATE INDEX "photos_missing_person_id_idx" ON "photos"("missing_person_id");

-- CreateIndex
CREATE UNIQUE INDEX "disappearances_case_id_key" ON "disappearances"("case_id");

-- CreateIndex
CREATE INDEX "disappearances_organization_id_last_seen_from_idx" ON "disappearances"("organization_id", "last_seen_from");

-- CreateIndex
CREATE INDEX "relatives_case_id_idx" ON "relatives"("case_id");

-- CreateIndex
CREATE INDEX "diary_entries_case_id_occurred_from_idx" ON "diary_entries"("case_id", "occurred_from" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "forum_kinds_organization_id_code_key" ON "forum_kinds"("organization_id", "code");

-- CreateIndex
CREATE INDEX "forums_organization_id_idx" ON "forums"("organization_id");

-- CreateIndex
CREATE INDEX "proceedings_case_id_idx" ON "proceedings"("case_id");

-- CreateIndex
CREATE INDEX "proceedings_organization_id_status_idx" ON "proceedings"("organization_id", "status");

-- CreateIndex
CREATE INDEX "proceedings_organization_id_case_number_bidx_idx" ON "proceedings"("organization_id", "case_number_bidx");

-- CreateIndex
CREATE INDEX "proceeding_status_changes_proceeding_id_effective_on_idx" ON "proceeding_status_changes"("proceeding_id", "effective_on");

-- CreateIndex
CREATE INDEX "proceeding_counsel_user_id_idx" ON "proceeding_counsel"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "hearings_previous_hearing_id_key" ON "hearings"("previous_hearing_id");

-- CreateIndex
CREATE INDEX "hearings_organization_id_scheduled_at_idx" ON "hearings"("organization_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "hearings_proceeding_id_scheduled_at_idx" ON "hearings"("proceeding_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "hearings_case_id_scheduled_at_idx" ON "hearings"("case_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "filings_case_id_created_at_idx" ON "filings"("case_id", "created_at");

-- CreateIndex
CREATE INDEX "filings_proceeding_id_idx" ON "filings"("proceeding_id");

-- CreateIndex
CREATE INDEX "filing_versions_organization_id_sha256_idx" ON "filing_versions"("organization_id", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "filing_versions_filing_id_number_key" ON "filing_versions"("filing_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_deliveries_hearing_id_user_id_offset_minutes_sched_key" ON "reminder_deliveries"("hearing_id", "user_id", "offset_minutes", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds"("token_hash");

-- CreateIndex
CREATE INDEX "audit_events_organization_id_case_id_occurred_at_idx" ON "audit_events"("organization_id", "case_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_actor_id_occurred_at_idx" ON "audit_events"("organization_id", "actor_id", "occurred_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_organization_id_seq_key" ON "audit_events"("organization_id", "seq");

-- CreateIndex
CREATE INDEX "audit_checkpoints_organization_id_seq_idx" ON "audit_checkpoints"("organization_id", "seq");

-- AddForeignKey
ALTER TABLE "organization_keys" ADD CONSTRAINT "organization_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webauthn_credentials" ADD CONSTRAINT "webauthn_credentials_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_grants" ADD CONSTRAINT "case_grants_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_grants" ADD CONSTRAINT "case_grants_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_grants" ADD CONSTRAINT "case_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_grants" ADD CONSTRAINT "case_grants_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_reference_counters" ADD CONSTRAINT "case_reference_counters_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_status_changes" ADD CONSTRAINT "case_status_changes_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "missing_persons" ADD CONSTRAINT "missing_persons_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_name_tokens" ADD CONSTRAINT "person_name_tokens_missing_person_id_fkey" FOREIGN KEY ("missing_person_id") REFERENCES "missing_persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "photos" ADD CONSTRAINT "photos_missing_person_id_fkey" FOREIGN KEY ("missing_person_id") REFERENCES "missing_persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disappearances" ADD CONSTRAINT "disappearances_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relatives" ADD CONSTRAINT "relatives_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forum_kinds" ADD CONSTRAINT "forum_kinds_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forums" ADD CONSTRAINT "forums_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forums" ADD CONSTRAINT "forums_kind_id_fkey" FOREIGN KEY ("kind_id") REFERENCES "forum_kinds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proceedings" ADD CONSTRAINT "proceedings_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proceedings" ADD CONSTRAINT "proceedings_forum_id_fkey" FOREIGN KEY ("forum_id") REFERENCES "forums"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proceedings" ADD CONSTRAINT "proceedings_appeals_proceeding_id_fkey" FOREIGN KEY ("appeals_proceeding_id") REFERENCES "proceedings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proceedings" ADD CONSTRAINT "proceedings_transferred_from_id_fkey" FOREIGN KEY ("transferred_from_id") REFERENCES "proceedings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proceeding_status_changes" ADD CONSTRAINT "proceeding_status_changes_proceeding_id_fkey" FOREIGN KEY ("proceeding_id") REFERENCES "proceedings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proceeding_counsel" ADD CONSTRAINT "proceeding_counsel_proceeding_id_fkey" FOREIGN KEY ("proceeding_id") REFERENCES "proceedings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_proceeding_id_fkey" FOREIGN KEY ("proceeding_id") REFERENCES "proceedings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_previous_hearing_id_fkey" FOREIGN KEY ("previous_hearing_id") REFERENCES "hearings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filings" ADD CONSTRAINT "filings_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filings" ADD CONSTRAINT "filings_proceeding_id_fkey" FOREIGN KEY ("proceeding_id") REFERENCES "proceedings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filings" ADD CONSTRAINT "filings_hearing_id_fkey" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing_versions" ADD CONSTRAINT "filing_versions_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_hearing_id_fkey" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
