-- AlterTable
ALTER TABLE "reminder_deliveries" ADD COLUMN     "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "failed_at" TIMESTAMPTZ(3),
ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "family_reminders_opt_in" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "reminder_deliveries_organization_id_next_attempt_at_idx" ON "reminder_deliveries"("organization_id", "next_attempt_at");

-- The reminder worker serves every organisation, one transaction per organisation with
-- app.organization_id set, so row-level security applies to all it reads and writes. To learn
-- WHICH organisations have hearings coming up it calls this function: it runs as the migration
-- owner (SECURITY DEFINER) and returns organisation ids only, nothing else of any row; it keeps
-- the default EXECUTE for PUBLIC so that the application role (named at deployment) may call it.
-- The owner is not necessarily a superuser and hearings FORCE row-level security, hence the
-- read-only policy for the owner (the role that owns the table could switch RLS off anyway).
DO $$
BEGIN
  EXECUTE format('CREATE POLICY hearings_reminder_schedule ON hearings FOR SELECT TO %I USING (true)', current_user);
END
$$;

CREATE FUNCTION reminder_organization_ids(horizon interval) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT organization_id FROM hearings
    WHERE scheduled_at > now() AND scheduled_at <= now() + horizon
  $$;
