-- Import speed (ADR 011): observations and their evidence are written by the importer alone,
-- appended in the same transaction as the exposure and import they belong to, and never updated
-- or deleted. Their foreign keys checked what that code already guarantees, at the cost of two
-- primary-key probes and one more index (H2 indexes a foreign key's column) per sighting: a fifth
-- of an import's insert time. The tables are rebuilt without them (a constraint's name differs
-- per engine, so it cannot be dropped portably); CorpusImportTest checks the invariant on both
-- engines after importing every corpus file.
CREATE TABLE observation_next (
  id            BIGINT   PRIMARY KEY,
  exposure_id   BIGINT   NOT NULL,
  import_id     BIGINT   NOT NULL,
  observed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  severity      SMALLINT NOT NULL,
  tool_severity VARCHAR(64),
  cvss_score    DOUBLE PRECISION
);
INSERT INTO observation_next (id, exposure_id, import_id, observed_at, severity, tool_severity, cvss_score)
  SELECT id, exposure_id, import_id, observed_at, severity, tool_severity, cvss_score FROM observation;

CREATE TABLE observation_evidence_next (
  observation_id BIGINT         NOT NULL PRIMARY KEY,
  evidence       VARCHAR(16384) NOT NULL
);
INSERT INTO observation_evidence_next (observation_id, evidence) SELECT observation_id, evidence FROM observation_evidence;

DROP TABLE observation_evidence;
DROP TABLE observation;
ALTER TABLE observation_next RENAME TO observation;
ALTER TABLE observation_evidence_next RENAME TO observation_evidence;
CREATE INDEX observation_exposure ON observation (exposure_id);
