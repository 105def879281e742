-- Least privilege for the role custody-api runs as (custody.db.user), when another role owns the
-- schema and runs the migrations (custody.db.owner-user). DatabaseBootstrap runs this as the owner
-- at every start, after the migrations (it is idempotent), so a runtime role added later is covered
-- too. The owner of a table holds every privilege whatever is granted, so this only means
-- something with two roles; with one, the append-only trigger alone guards the audit trail.
--
-- The runtime role may read and write the tables it works with, but on audit_events it may only
-- INSERT, and UPDATE the three chain columns the sealer sets once (the trigger enforces "once");
-- it may never DELETE or TRUNCATE audit rows or chain heads it does not advance.
DO $grants$
DECLARE
    runtime text := '${runtimeRole}';
BEGIN
    IF runtime = current_user OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime) THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                   runtime);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', runtime);
    EXECUTE format('GRANT UPDATE (seq, prev_hash, hash) ON audit_events TO %I', runtime);
    EXECUTE format('REVOKE DELETE, TRUNCATE ON audit_chain_heads FROM %I', runtime);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM %I', runtime);
END
$grants$;
