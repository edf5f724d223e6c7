-- The audit trail is append-only in the database itself (see vigil.store.security.AppendOnly).
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW CALL 'vigil.store.security.AppendOnly';
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW CALL 'vigil.store.security.AppendOnly';
