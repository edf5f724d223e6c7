-- Validation: the facts the attack graph needs beyond scans (directory identities from SharpHound,
-- the declared topology) and where each exposure sits on the attack paths (for the risk model).

-- One row per imported SharpHound file; its hash makes re-importing the same file a no-op.
CREATE TABLE identity_import (
  id          BIGINT        PRIMARY KEY,
  file_name   VARCHAR(1024) NOT NULL,
  sha256      CHAR(64)      NOT NULL UNIQUE,
  file_type   VARCHAR(32)   NOT NULL,
  actor       VARCHAR(256)  NOT NULL,
  imported_at TIMESTAMP WITH TIME ZONE NOT NULL,
  principals  INT           NOT NULL,
  edges       INT           NOT NULL,
  trusts      INT           NOT NULL
);

-- Directory objects, latest sighting wins. attributes: "name=value" lines (the graph's flags).
CREATE TABLE identity_principal (
  id          VARCHAR(256)  PRIMARY KEY,
  kind        VARCHAR(16)   NOT NULL,
  name        VARCHAR(512)  NOT NULL,
  domain_id   VARCHAR(256),
  enabled     BOOLEAN       NOT NULL,
  attributes  VARCHAR(8000),
  import_id   BIGINT        NOT NULL REFERENCES identity_import (id)
);

CREATE TABLE identity_edge (
  source    VARCHAR(256) NOT NULL,
  relation  VARCHAR(64)  NOT NULL,
  target    VARCHAR(256) NOT NULL,
  inherited BOOLEAN      NOT NULL,
  import_id BIGINT       NOT NULL REFERENCES identity_import (id),
  PRIMARY KEY (source, relation, target)
);

CREATE TABLE identity_trust (
  domain_id          VARCHAR(256) NOT NULL,
  target_domain_id   VARCHAR(256) NOT NULL,
  target_domain_name VARCHAR(512),
  direction          VARCHAR(32),
  trust_type         VARCHAR(32),
  transitive         BOOLEAN      NOT NULL,
  sid_filtering      BOOLEAN      NOT NULL,
  import_id          BIGINT       NOT NULL REFERENCES identity_import (id),
  PRIMARY KEY (domain_id, target_domain_id)
);

-- The declared topology, every applied version kept (like scope_version).
CREATE TABLE topology_version (
  id         BIGINT        PRIMARY KEY,
  applied_at TIMESTAMP WITH TIME ZONE NOT NULL,
  actor      VARCHAR(256)  NOT NULL,
  source     VARCHAR(1024) NOT NULL,
  sha256     CHAR(64)      NOT NULL,
  document   TEXT          NOT NULL
);

-- Attack-path position, written when the graph is built; inputs of the risk model.
ALTER TABLE exposure ADD COLUMN on_attack_path BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE exposure ADD COLUMN choke_point BOOLEAN DEFAULT FALSE NOT NULL;
