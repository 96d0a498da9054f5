-- The head of each organisation's audit chain, kept in one row. Every append locks that row
-- (SELECT ... FOR UPDATE) just before its transaction commits, so appends serialise per
-- organisation only for that instant, and every appender sees the true head: a user reaching the
-- organisation only through a case grant could not see the organisation's other events to find it.
-- The row is derived data (the chain itself is what `npm run audit:verify` checks, and it checks
-- that the head matches the chain's last event).
CREATE TABLE "audit_chain_heads" (
    "organization_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,
    "checkpoint_signed_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_chain_heads_pkey" PRIMARY KEY ("organization_id")
);

ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

INSERT INTO audit_chain_heads (organization_id, seq, hash, checkpoint_signed_at)
SELECT DISTINCT ON (e.organization_id) e.organization_id, e.seq, e.hash,
       (SELECT max(c.signed_at) FROM audit_checkpoints c WHERE c.organization_id = e.organization_id)
FROM audit_events e
ORDER BY e.organization_id, e.seq DESC;

ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_heads_tenant ON audit_chain_heads
  USING (organization_id = app_organization_id()
    OR organization_id IN (SELECT organization_id FROM cases WHERE id IN (SELECT app_granted_case_ids())))
  WITH CHECK (organization_id = app_organization_id()
    OR organization_id IN (SELECT organization_id FROM cases WHERE id IN (SELECT app_granted_case_ids())));
