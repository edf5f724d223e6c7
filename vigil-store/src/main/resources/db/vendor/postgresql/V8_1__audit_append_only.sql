-- The audit trail is append-only in the database itself: no role the application connects as can
-- change or remove an event, whatever the code does.
CREATE FUNCTION vigil_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_append_only();
