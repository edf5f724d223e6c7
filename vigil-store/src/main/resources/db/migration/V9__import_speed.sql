-- Import speed (ADR 011): fewer index entries per new exposure.
--
-- The tools that reported an exposure move from exposure_tool (a row, a primary-key entry and a
-- foreign-key check per exposure) into one text column on the exposure: ",Nessus,Qualys,".
ALTER TABLE exposure ADD COLUMN tools VARCHAR(1024) DEFAULT '' NOT NULL;
UPDATE exposure SET tools = ',' || (SELECT STRING_AGG(t.tool, ',' ORDER BY t.tool) FROM exposure_tool t
    WHERE t.exposure_id = exposure.id) || ','
  WHERE EXISTS (SELECT 1 FROM exposure_tool t WHERE t.exposure_id = exposure.id);
DROP TABLE exposure_tool;

-- No query seeks exposures by (status, severity): the status filters select most of the table and
-- the listing sorts by its own key, so the index only cost every insert and status change.
DROP INDEX exposure_status_severity;
