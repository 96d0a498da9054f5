-- The audit trail is append-only for everyone, table owner included: a trigger refuses UPDATE,
-- DELETE and TRUNCATE (the application role has only SELECT and INSERT as well). Someone who
-- disables the trigger can still rewrite rows; the hash chain and the signed checkpoints
-- (`npm run audit:verify`) are what catch that.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_checkpoints_append_only
  BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A granted user of another organisation (an external lawyer) appends to the case organisation's
-- chain, and the head they append may be due for a signed checkpoint: let them read and write
-- checkpoints (hashes and signatures only) of the organisations of their granted cases.
ALTER POLICY audit_checkpoints_tenant ON audit_checkpoints
  USING (organization_id = app_organization_id()
    OR organization_id IN (SELECT organization_id FROM cases WHERE id IN (SELECT app_granted_case_ids())))
  WITH CHECK (organization_id = app_organization_id()
    OR organization_id IN (SELECT organization_id FROM cases WHERE id IN (SELECT app_granted_case_ids())));
