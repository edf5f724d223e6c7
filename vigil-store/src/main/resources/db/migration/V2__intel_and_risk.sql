-- Threat intelligence imported from feeds, and each exposure's stored risk.
-- Feeds are full snapshots: an import replaces a kind's rows in one transaction.

CREATE TABLE feed_status (
  kind        VARCHAR(32)   PRIMARY KEY,
  version     VARCHAR(128),
  feed_date   TIMESTAMP WITH TIME ZONE,
  records     BIGINT        NOT NULL,
  source      VARCHAR(1024) NOT NULL,
  sha256      CHAR(64)      NOT NULL,
  imported_at TIMESTAMP WITH TIME ZONE NOT NULL,
  changed     BIGINT        NOT NULL DEFAULT 0,
  rescored    BIGINT        NOT NULL DEFAULT 0
);

CREATE TABLE intel_kev (
  cve             VARCHAR(32) PRIMARY KEY,
  date_added      DATE        NOT NULL,
  due_date        DATE,
  ransomware      BOOLEAN     NOT NULL,
  vendor          VARCHAR(256),
  product         VARCHAR(256),
  vuln_name       VARCHAR(512),
  required_action VARCHAR(4000)
);

-- The score date is the feed's date (feed_status.feed_date): one file, one date.
CREATE TABLE intel_epss (
  cve        VARCHAR(32)      PRIMARY KEY,
  epss       DOUBLE PRECISION NOT NULL,
  percentile DOUBLE PRECISION NOT NULL
);

-- Each day's values, kept for the CVEs Vigil has seen (weakness_cve), for trends.
CREATE TABLE intel_epss_history (
  cve        VARCHAR(32)      NOT NULL,
  score_date DATE             NOT NULL,
  epss       DOUBLE PRECISION NOT NULL,
  percentile DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (cve, score_date)
);

CREATE TABLE intel_ssvc (
  cve              VARCHAR(32) PRIMARY KEY,
  exploitation     VARCHAR(16) NOT NULL,
  automatable      VARCHAR(8)  NOT NULL,
  technical_impact VARCHAR(16) NOT NULL,
  assessed_at      TIMESTAMP WITH TIME ZONE,
  source           VARCHAR(64) NOT NULL
);

CREATE TABLE intel_cve (
  cve           VARCHAR(32) PRIMARY KEY,
  published     TIMESTAMP WITH TIME ZONE,
  last_modified TIMESTAMP WITH TIME ZONE,
  status        VARCHAR(32),
  cvss_v2       VARCHAR(128),
  cvss_v3       VARCHAR(160),
  cvss_v4       VARCHAR(256),
  cwes          VARCHAR(512),
  description   VARCHAR(8000)
);

ALTER TABLE exposure ADD COLUMN risk_score DOUBLE PRECISION;
ALTER TABLE exposure ADD COLUMN priority SMALLINT;
ALTER TABLE exposure ADD COLUMN scored_at TIMESTAMP WITH TIME ZONE;
-- The highest EPSS of the exposure's CVEs, copied at scoring time so the list sorts on an index.
ALTER TABLE exposure ADD COLUMN epss DOUBLE PRECISION;
CREATE INDEX exposure_epss ON exposure (epss DESC NULLS LAST, id);
CREATE INDEX exposure_risk ON exposure (risk_score DESC NULLS LAST, id);
