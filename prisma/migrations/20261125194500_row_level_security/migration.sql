-- Row-level security: the second wall behind the application's policy service.
--
-- Every request runs in one transaction that first sets `app.organization_id` and `app.user_id`
-- (transaction-local, see packages/db withDatabaseSession). With nothing set, NULLIF turns the
-- empty setting into NULL, every comparison is false, and every tenant table returns no rows.
-- A user reaches rows of their active organisation, and rows of cases explicitly granted to them
-- (an external lawyer's grant in another organisation), never anything else.
--
-- Account tables (users, sessions, recovery codes, passkeys, password resets, calendar feeds,
-- rate-limit buckets, installation) hold no organisation data and are reached only through
-- secret-token hashes or the user's own id; they have no policies.

CREATE FUNCTION app_organization_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.organization_id', true), '')::uuid $$;

CREATE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

-- A secret-token hash the request proved it knows (an invitation link), hex-encoded.
CREATE FUNCTION app_token_hash() RETURNS bytea
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT decode(NULLIF(current_setting('app.token_hash', true), ''), 'hex') $$;

-- The cases the acting user holds a live grant on. Runs as the caller, so case_grants' own
-- policy (the user's own grants) applies inside it.
CREATE FUNCTION app_granted_case_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT case_id FROM case_grants
    WHERE user_id = app_user_id() AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
  $$;

-- Its own organisation, the ones the user belongs to (to switch), and those of granted cases.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY organizations_tenant ON organizations
  USING (id = app_organization_id()
    OR id IN (SELECT organization_id FROM memberships WHERE user_id = app_user_id() AND disabled_at IS NULL)
    OR id IN (SELECT organization_id FROM cases WHERE id IN (SELECT app_granted_case_ids())))
  WITH CHECK (id = app_organization_id());

-- Keys of the active organisation, and of granted cases' organisations (to decrypt them).
ALTER TABLE organization_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_keys_tenant ON organization_keys
  USING (organization_id = app_organization_id()
    OR organization_id IN (SELECT organization_id FROM cases WHERE id IN (SELECT app_granted_case_ids())))
  WITH CHECK (organization_id = app_organization_id());

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY memberships_tenant ON memberships
  USING (organization_id = app_organization_id() OR user_id = app_user_id())
  WITH CHECK (organization_id = app_organization_id());

-- An invitation is also visible to whoever holds its link (accepting it before signing in).
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_tenant ON invitations
  USING (organization_id = app_organization_id() OR token_hash = app_token_hash())
  WITH CHECK (organization_id = app_organization_id());

ALTER TABLE case_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY case_grants_tenant ON case_grants
  USING (organization_id = app_organization_id() OR user_id = app_user_id())
  WITH CHECK (organization_id = app_organization_id());

-- Notifications are read by their recipient only, and written for members of the organisation.
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_recipient ON notifications
  USING (user_id = app_user_id());
CREATE POLICY notifications_insert ON notifications FOR INSERT
  WITH CHECK (organization_id = app_organization_id());

ALTER TABLE case_reference_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_reference_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY case_reference_counters_tenant ON case_reference_counters
  USING (organization_id = app_organization_id())
  WITH CHECK (organization_id = app_organization_id());

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
CREATE POLICY cases_tenant ON cases
  USING (organization_id = app_organization_id() OR id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR id IN (SELECT app_granted_case_ids()));

ALTER TABLE case_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY case_keys_tenant ON case_keys
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE case_status_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_status_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY case_status_changes_tenant ON case_status_changes
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE missing_persons ENABLE ROW LEVEL SECURITY;
ALTER TABLE missing_persons FORCE ROW LEVEL SECURITY;
CREATE POLICY missing_persons_tenant ON missing_persons
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE disappearances ENABLE ROW LEVEL SECURITY;
ALTER TABLE disappearances FORCE ROW LEVEL SECURITY;
CREATE POLICY disappearances_tenant ON disappearances
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE relatives ENABLE ROW LEVEL SECURITY;
ALTER TABLE relatives FORCE ROW LEVEL SECURITY;
CREATE POLICY relatives_tenant ON relatives
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE diary_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE diary_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY diary_entries_tenant ON diary_entries
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE proceedings ENABLE ROW LEVEL SECURITY;
ALTER TABLE proceedings FORCE ROW LEVEL SECURITY;
CREATE POLICY proceedings_tenant ON proceedings
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE hearings ENABLE ROW LEVEL SECURITY;
ALTER TABLE hearings FORCE ROW LEVEL SECURITY;
CREATE POLICY hearings_tenant ON hearings
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE filings ENABLE ROW LEVEL SECURITY;
ALTER TABLE filings FORCE ROW LEVEL SECURITY;
CREATE POLICY filings_tenant ON filings
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_events_tenant ON audit_events
  USING (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()))
  WITH CHECK (organization_id = app_organization_id() OR case_id IN (SELECT app_granted_case_ids()));

ALTER TABLE person_name_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_name_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY person_name_tokens_tenant ON person_name_tokens
  USING (organization_id = app_organization_id() OR missing_person_id IN (SELECT id FROM missing_persons))
  WITH CHECK (organization_id = app_organization_id() OR missing_person_id IN (SELECT id FROM missing_persons));

ALTER TABLE photos ENABLE ROW LEVEL SECURITY;
ALTER TABLE photos FORCE ROW LEVEL SECURITY;
CREATE POLICY photos_tenant ON photos
  USING (organization_id = app_organization_id() OR missing_person_id IN (SELECT id FROM missing_persons))
  WITH CHECK (organization_id = app_organization_id() OR missing_person_id IN (SELECT id FROM missing_persons));

ALTER TABLE proceeding_status_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE proceeding_status_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY proceeding_status_changes_tenant ON proceeding_status_changes
  USING (organization_id = app_organization_id() OR proceeding_id IN (SELECT id FROM proceedings))
  WITH CHECK (organization_id = app_organization_id() OR proceeding_id IN (SELECT id FROM proceedings));

ALTER TABLE proceeding_counsel ENABLE ROW LEVEL SECURITY;
ALTER TABLE proceeding_counsel FORCE ROW LEVEL SECURITY;
CREATE POLICY proceeding_counsel_tenant ON proceeding_counsel
  USING (organization_id = app_organization_id() OR proceeding_id IN (SELECT id FROM proceedings))
  WITH CHECK (organization_id = app_organization_id() OR proceeding_id IN (SELECT id FROM proceedings));

ALTER TABLE filing_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE filing_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY filing_versions_tenant ON filing_versions
  USING (organization_id = app_organization_id() OR filing_id IN (SELECT id FROM filings))
  WITH CHECK (organization_id = app_organization_id() OR filing_id IN (SELECT id FROM filings));

ALTER TABLE reminder_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE reminder_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY reminder_deliveries_tenant ON reminder_deliveries
  USING (organization_id = app_organization_id() OR hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (organization_id = app_organization_id() OR hearing_id IN (SELECT id FROM hearings));

ALTER TABLE forums ENABLE ROW LEVEL SECURITY;
ALTER TABLE forums FORCE ROW LEVEL SECURITY;
CREATE POLICY forums_tenant ON forums
  USING (organization_id = app_organization_id() OR id IN (SELECT forum_id FROM proceedings))
  WITH CHECK (organization_id = app_organization_id());

-- The seeded list (no organisation) is shared by all; organisations add their own.
ALTER TABLE forum_kinds ENABLE ROW LEVEL SECURITY;
ALTER TABLE forum_kinds FORCE ROW LEVEL SECURITY;
CREATE POLICY forum_kinds_tenant ON forum_kinds
  USING (organization_id IS NULL OR organization_id = app_organization_id())
  WITH CHECK (organization_id = app_organization_id());

-- The role that runs migrations maintains the seeded forum kinds (organisation NULL), which the
-- tenant policy above never lets anyone write. Superusers bypass row-level security anyway.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY forum_kinds_maintenance ON forum_kinds TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;

ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_checkpoints_tenant ON audit_checkpoints
  USING (organization_id = app_organization_id())
  WITH CHECK (organization_id = app_organization_id());
