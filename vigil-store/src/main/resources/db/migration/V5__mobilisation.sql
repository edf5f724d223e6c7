-- Mobilisation: risk acceptances (who asked, who approved, until when) and daily metric snapshots.
-- Status changes themselves are exposure_event rows, with actor and reason.

CREATE TABLE risk_acceptance (
  id            BIGINT        PRIMARY KEY,
  exposure_id   BIGINT        NOT NULL REFERENCES exposure (id),
  justification VARCHAR(4000) NOT NULL,
  requested_by  VARCHAR(256)  NOT NULL,
  approver      VARCHAR(256)  NOT NULL,
  accepted_until DATE         NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  -- Set when the acceptance stops counting: expired, revoked, or the exposure was fixed.
  ended_at      TIMESTAMP WITH TIME ZONE,
  CONSTRAINT risk_acceptance_two_people CHECK (requested_by <> approver)
);
CREATE INDEX risk_acceptance_exposure ON risk_acceptance (exposure_id);
CREATE INDEX risk_acceptance_until ON risk_acceptance (accepted_until);

-- One value per day, metric and dimension (a priority, "all", …); re-taking a day replaces it.
-- (day and value are reserved words in H2, hence snapshot_day and metric_value.)
CREATE TABLE metric_snapshot (
  snapshot_day DATE        NOT NULL,
  name      VARCHAR(64)  NOT NULL,
  dimension VARCHAR(128) NOT NULL,
  metric_value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (snapshot_day, name, dimension)
);

-- The outbox (ADR 008): notifications and ticket commands, written in the transaction of the change
-- that caused them and delivered by a worker. Holds target names, never URLs or credentials.
-- status: PENDING, DELIVERED, DEAD. dedup_key stops a recurring check from queueing the same news twice.
CREATE TABLE outbox (
  id              VARCHAR(64)  PRIMARY KEY,
  channel         VARCHAR(16)  NOT NULL,
  target          VARCHAR(128) NOT NULL,
  event           VARCHAR(64)  NOT NULL,
  payload         TEXT         NOT NULL,
  attempt         INT          NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  last_error      VARCHAR(2048),
  dedup_key       VARCHAR(512) UNIQUE,
  fix_group_key   VARCHAR(256),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  delivered_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Fix groups Vigil has told people about, so that it notices when one is verified or comes back.
-- status: OPEN, VERIFIED.
CREATE TABLE fix_group (
  group_key   VARCHAR(256)  PRIMARY KEY,
  title       VARCHAR(1024) NOT NULL,
  status      VARCHAR(16)   NOT NULL,
  first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
  verified_at TIMESTAMP WITH TIME ZONE
);

-- The ticket a ticket system created for a fix group.
CREATE TABLE fix_group_ticket (
  group_key  VARCHAR(256)  PRIMARY KEY,
  channel    VARCHAR(16)   NOT NULL,
  target     VARCHAR(128)  NOT NULL,
  system     VARCHAR(32)   NOT NULL,
  ticket_id  VARCHAR(256)  NOT NULL,
  ticket_key VARCHAR(256),
  url        VARCHAR(2048),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every fix group status change (OPEN on first sight or reappearance, VERIFIED), with the reason.
CREATE TABLE fix_group_event (
  id          BIGINT        PRIMARY KEY,
  group_key   VARCHAR(256)  NOT NULL REFERENCES fix_group (group_key),
  from_status VARCHAR(16),
  to_status   VARCHAR(16)   NOT NULL,
  reason      VARCHAR(1024) NOT NULL,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fix_group_event_group ON fix_group_event (group_key);
