-- Vigil core schema: imports, assets and their identifiers, weaknesses, exposures and their sightings.
-- One script for H2 and PostgreSQL: standard types only. Ids come from sequences handed out in blocks
-- of 1000 (hi/lo), so bulk writes need no round trip per row and several nodes never collide.

CREATE SEQUENCE id_seq START WITH 1 INCREMENT BY 1000;

-- Serialises imports across nodes: an import holds this row's lock for its transaction.
CREATE TABLE import_lock (id INT PRIMARY KEY);
INSERT INTO import_lock (id) VALUES (1);

CREATE TABLE import_run (
  id                  BIGINT PRIMARY KEY,
  file_name           VARCHAR(1024) NOT NULL,
  format              VARCHAR(32)   NOT NULL,
  tool                VARCHAR(64)   NOT NULL,
  sha256              CHAR(64)      NOT NULL,
  actor               VARCHAR(256)  NOT NULL,
  started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at         TIMESTAMP WITH TIME ZONE,
  observations        BIGINT  NOT NULL DEFAULT 0,
  assets_new          INT     NOT NULL DEFAULT 0,
  assets_matched      INT     NOT NULL DEFAULT 0,
  exposures_new       INT     NOT NULL DEFAULT 0,
  exposures_unchanged INT     NOT NULL DEFAULT 0,
  exposures_reopened  INT     NOT NULL DEFAULT 0,
  exposures_fixed     INT     NOT NULL DEFAULT 0
);
CREATE INDEX import_run_sha256 ON import_run (sha256);

CREATE TABLE asset (
  id         BIGINT PRIMARY KEY,
  kind       VARCHAR(32)  NOT NULL,
  name       VARCHAR(512) NOT NULL,
  first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX asset_kind ON asset (kind);

-- Identifiers; an IP may over time belong to several assets (DHCP), so the key is not unique alone.
CREATE TABLE asset_key (
  key_type   VARCHAR(32)  NOT NULL,
  key_value  VARCHAR(512) NOT NULL,
  asset_id   BIGINT       NOT NULL REFERENCES asset (id),
  first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (key_type, key_value, asset_id)
);
CREATE INDEX asset_key_value ON asset_key (key_value);
CREATE INDEX asset_key_asset ON asset_key (asset_id);

CREATE TABLE asset_attribute (
  asset_id   BIGINT        NOT NULL REFERENCES asset (id),
  name       VARCHAR(128)  NOT NULL,
  attr_value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (asset_id, name)
);

-- Why each sighting of an asset was attached to it (or created it): correlation is explainable.
CREATE TABLE asset_merge (
  id          BIGINT PRIMARY KEY,
  asset_id    BIGINT        NOT NULL REFERENCES asset (id),
  import_id   BIGINT        NOT NULL REFERENCES import_run (id),
  created     BOOLEAN       NOT NULL,
  incoming    VARCHAR(2048) NOT NULL,
  reason      VARCHAR(1024) NOT NULL,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX asset_merge_asset ON asset_merge (asset_id);

CREATE TABLE weakness (
  id            BIGINT PRIMARY KEY,
  weakness_key  VARCHAR(256)  NOT NULL UNIQUE,
  kind          VARCHAR(32)   NOT NULL,
  check_id      VARCHAR(256)  NOT NULL,
  title         VARCHAR(1024) NOT NULL,
  cwes          VARCHAR(512),
  description   VARCHAR(65536),
  solution      VARCHAR(16384)
);

CREATE TABLE weakness_cve (
  weakness_id BIGINT      NOT NULL REFERENCES weakness (id),
  cve         VARCHAR(32) NOT NULL,
  PRIMARY KEY (weakness_id, cve)
);
CREATE INDEX weakness_cve_cve ON weakness_cve (cve);

-- The hot table: narrow, numeric where it is sorted.
-- severity: 0 critical, 1 high, 2 medium, 3 low, 4 info.
CREATE TABLE exposure (
  id                BIGINT PRIMARY KEY,
  asset_id          BIGINT        NOT NULL REFERENCES asset (id),
  weakness_id       BIGINT        NOT NULL REFERENCES weakness (id),
  location_key      VARCHAR(1024) NOT NULL,
  status            VARCHAR(16)   NOT NULL,
  severity          SMALLINT      NOT NULL,
  first_seen        TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen         TIMESTAMP WITH TIME ZONE NOT NULL,
  status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  port              INT,
  protocol          VARCHAR(16),
  service           VARCHAR(64),
  component         VARCHAR(512),
  component_version VARCHAR(256),
  fixed_version     VARCHAR(256),
  path              VARCHAR(2048),
  cvss_v2           VARCHAR(128),
  cvss_v3           VARCHAR(160),
  cvss_v4           VARCHAR(256),
  evidence_hash     BIGINT,
  CONSTRAINT exposure_identity UNIQUE (asset_id, weakness_id, location_key)
);
CREATE INDEX exposure_status_severity ON exposure (status, severity);
CREATE INDEX exposure_weakness ON exposure (weakness_id);

-- Which tools have reported an exposure: only a covering scan by one of them may close it.
CREATE TABLE exposure_tool (
  exposure_id BIGINT      NOT NULL REFERENCES exposure (id),
  tool        VARCHAR(64) NOT NULL,
  PRIMARY KEY (exposure_id, tool)
);

CREATE TABLE observation (
  id            BIGINT PRIMARY KEY,
  exposure_id   BIGINT   NOT NULL REFERENCES exposure (id),
  import_id     BIGINT   NOT NULL REFERENCES import_run (id),
  observed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  severity      SMALLINT NOT NULL,
  tool_severity VARCHAR(64),
  cvss_score    DOUBLE PRECISION
);
CREATE INDEX observation_exposure ON observation (exposure_id);

-- Bulky evidence apart from the narrow table, keyed like observations (ascending ids keep the
-- B-tree appends cheap). Stored only when it differs from the exposure's previous evidence
-- (exposure.evidence_hash): a re-scan repeating yesterday's plugin output stores nothing.
CREATE TABLE observation_evidence (
  observation_id BIGINT         NOT NULL PRIMARY KEY REFERENCES observation (id),
  evidence       VARCHAR(16384) NOT NULL
);

-- Assets an import covered, per tool: the basis of coverage-aware closing.
CREATE TABLE coverage (
  import_id BIGINT      NOT NULL REFERENCES import_run (id),
  asset_id  BIGINT      NOT NULL REFERENCES asset (id),
  tool      VARCHAR(64) NOT NULL,
  PRIMARY KEY (import_id, asset_id)
);
CREATE INDEX coverage_asset ON coverage (asset_id);

-- Every status transition, with who or what caused it.
CREATE TABLE exposure_event (
  id          BIGINT PRIMARY KEY,
  exposure_id BIGINT      NOT NULL REFERENCES exposure (id),
  import_id   BIGINT      REFERENCES import_run (id),
  from_status VARCHAR(16),
  to_status   VARCHAR(16) NOT NULL,
  actor       VARCHAR(256) NOT NULL,
  reason      VARCHAR(1024),
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX exposure_event_exposure ON exposure_event (exposure_id);
