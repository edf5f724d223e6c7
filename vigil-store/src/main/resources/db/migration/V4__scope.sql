-- Scoping: the declarative scope document (every applied version kept), the business services it
-- declares (projected for joins: team grants, reports), and each asset's evaluation.

CREATE TABLE scope_version (
  id         BIGINT        PRIMARY KEY,
  applied_at TIMESTAMP WITH TIME ZONE NOT NULL,
  actor      VARCHAR(256)  NOT NULL,
  source     VARCHAR(1024) NOT NULL,
  sha256     CHAR(64)      NOT NULL,
  changes    INT           NOT NULL,
  document   TEXT          NOT NULL
);

CREATE TABLE business_service (
  name                VARCHAR(256) PRIMARY KEY,
  description         VARCHAR(2048),
  owner               VARCHAR(256),
  criticality         SMALLINT     NOT NULL,
  crown_jewel         BOOLEAN      NOT NULL,
  data_classification VARCHAR(32)
);

-- status: IN_SCOPE, OUT_OF_SCOPE, SHADOW_IT.
CREATE TABLE asset_scope (
  asset_id        BIGINT       PRIMARY KEY REFERENCES asset (id),
  status          VARCHAR(16)  NOT NULL,
  environment     VARCHAR(256),
  criticality     SMALLINT     NOT NULL,
  owner           VARCHAR(256),
  crown_jewel     BOOLEAN      NOT NULL,
  internet_facing BOOLEAN,
  explanation     VARCHAR(4000) NOT NULL,
  scope_version   BIGINT,
  evaluated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX asset_scope_status ON asset_scope (status);

CREATE TABLE asset_service (
  asset_id BIGINT        NOT NULL REFERENCES asset (id),
  service  VARCHAR(256)  NOT NULL,
  rule     VARCHAR(1024) NOT NULL,
  PRIMARY KEY (asset_id, service)
);
CREATE INDEX asset_service_service ON asset_service (service);
