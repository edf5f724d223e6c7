-- Two-way ticket sync (ADR 008): set when the fix group's ticket was closed on the ticket system's
-- side while Vigil had not verified the fix; the group awaits verification by a covering scan.
-- Cleared when the group is verified or the ticket is reopened because a later scan still sees it.
ALTER TABLE fix_group ADD COLUMN ticket_closed_at TIMESTAMP WITH TIME ZONE;
