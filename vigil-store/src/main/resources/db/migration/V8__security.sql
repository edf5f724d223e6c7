-- Platform security: accounts (people and service accounts), teams and the business services they
-- are granted, API tokens (only a hash of the secret is kept), the append-only audit trail (a hash
-- chain whose head is one locked row, so concurrent nodes append in one order), and integration
-- secrets encrypted with a key that never enters the database.

-- role: ADMIN, ANALYST, OWNER, VIEWER. password_hash null: single sign-on or token-only account.
CREATE TABLE app_user (
  id              BIGINT        PRIMARY KEY,
  username        VARCHAR(256)  NOT NULL,
  display_name    VARCHAR(256),
  email           VARCHAR(320),
  role            VARCHAR(16)   NOT NULL,
  password_hash   VARCHAR(512),
  oidc_issuer     VARCHAR(1024),
  oidc_subject    VARCHAR(256),
  service_account BOOLEAN       NOT NULL,
  disabled        BOOLEAN       NOT NULL,
  failed_logins   INT           NOT NULL,
  locked_until    TIMESTAMP WITH TIME ZONE,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  last_login_at   TIMESTAMP WITH TIME ZONE,
  CONSTRAINT app_user_username UNIQUE (username),
  CONSTRAINT app_user_role CHECK (role IN ('ADMIN', 'ANALYST', 'OWNER', 'VIEWER'))
);
CREATE UNIQUE INDEX app_user_oidc ON app_user (oidc_issuer, oidc_subject);

CREATE TABLE team (
  id          BIGINT        PRIMARY KEY,
  name        VARCHAR(256)  NOT NULL,
  description VARCHAR(2048),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT team_name UNIQUE (name)
);

CREATE TABLE team_member (
  team_id BIGINT NOT NULL REFERENCES team (id),
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_member_user ON team_member (user_id);

-- A grant names a business service of the scope document (no foreign key: a scope edit may drop
-- and re-declare a service, and the grant should survive that).
CREATE TABLE team_grant (
  team_id BIGINT       NOT NULL REFERENCES team (id),
  service VARCHAR(256) NOT NULL,
  PRIMARY KEY (team_id, service)
);

-- The team an import was made for (null: made by an administrator or the command line, for all).
ALTER TABLE import_run ADD COLUMN team_id BIGINT;

-- scopes: comma-separated (read, write, admin). The token is vgl_<id>_<secret>; secret_hash is the
-- SHA-256 of the secret (256 random bits: a slow hash adds nothing against guessing).
CREATE TABLE api_token (
  id           BIGINT        PRIMARY KEY,
  user_id      BIGINT        NOT NULL REFERENCES app_user (id),
  name         VARCHAR(256)  NOT NULL,
  secret_hash  CHAR(64)      NOT NULL,
  scopes       VARCHAR(256)  NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by   VARCHAR(256)  NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at TIMESTAMP WITH TIME ZONE,
  revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_user ON api_token (user_id);

-- seq is gap-free and ordered by the chain; hash = SHA-256(prev_hash | canonical event).
CREATE TABLE audit_event (
  seq          BIGINT        PRIMARY KEY,
  at           TIMESTAMP WITH TIME ZONE NOT NULL,
  actor        VARCHAR(256)  NOT NULL,
  action       VARCHAR(64)   NOT NULL,
  target_type  VARCHAR(64),
  target_id    VARCHAR(256),
  before_state TEXT,
  after_state  TEXT,
  source       VARCHAR(128),
  prev_hash    CHAR(64)      NOT NULL,
  hash         CHAR(64)      NOT NULL
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_action ON audit_event (action);

CREATE TABLE audit_head (
  id   INT      PRIMARY KEY,
  seq  BIGINT   NOT NULL,
  hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- AES-256-GCM; key_id names the key (VIGIL_SECRET_KEY's fingerprint) so a rotation can tell.
CREATE TABLE secret (
  name       VARCHAR(256)  PRIMARY KEY,
  key_id     VARCHAR(64)   NOT NULL,
  nonce      VARCHAR(64)   NOT NULL,
  ciphertext TEXT          NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by VARCHAR(256)  NOT NULL
);
