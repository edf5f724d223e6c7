-- MITRE ATT&CK techniques and CAPEC attack patterns with their CWE and ATT&CK links, as imported
-- from feed files (full snapshots). The attack graph maps weaknesses to techniques through them.

CREATE TABLE intel_attack_technique (
  technique_id VARCHAR(16)  PRIMARY KEY,
  name         VARCHAR(256) NOT NULL,
  tactics      VARCHAR(512),
  platforms    VARCHAR(512),
  subtechnique BOOLEAN      NOT NULL,
  active       BOOLEAN      NOT NULL
);

CREATE TABLE intel_capec (
  capec_id   VARCHAR(16)  PRIMARY KEY,
  name       VARCHAR(512) NOT NULL,
  likelihood VARCHAR(32),
  severity   VARCHAR(32),
  active     BOOLEAN      NOT NULL
);

-- CWE → CAPEC → ATT&CK, one row per link (technique_id null when the pattern names none).
CREATE TABLE intel_cwe_capec_technique (
  cwe          VARCHAR(16) NOT NULL,
  capec_id     VARCHAR(16) NOT NULL,
  technique_id VARCHAR(16)
);
CREATE INDEX intel_cwe_capec_technique_cwe ON intel_cwe_capec_technique (cwe);
