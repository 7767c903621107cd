-- Foundation: tenants (minimal; the registry issue fills them), accounts,
-- bearer tokens and the hash-chained, append-only audit log.

-- Needs PostgreSQL 13 or later (gen_random_uuid() and sha256() are built in),
-- and no extension, so the database owner can run it without superuser rights.

-- R-REGION: 6-digit GB/T 2260 codes and 9-digit township/street codes.
CREATE TABLE regions (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3})?$'),
    name        text NOT NULL,
    parent_code text REFERENCES regions (code),
    CHECK (parent_code IS NULL OR parent_code <> code)
);

CREATE TABLE institutions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    credit_code text UNIQUE,
    region_code text NOT NULL REFERENCES regions (code),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprises (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    credit_code text UNIQUE,
    region_code text NOT NULL REFERENCES regions (code),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username            text NOT NULL,
    display_name        text NOT NULL DEFAULT '',
    role                text NOT NULL CHECK (role IN ('admin', 'regulator', 'institution', 'enterprise')),
    region_code         text REFERENCES regions (code),
    institution_id      uuid REFERENCES institutions (id),
    enterprise_id       uuid REFERENCES enterprises (id),
    -- argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash)
    password_hash       text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    disabled            boolean NOT NULL DEFAULT false,
    failed_logins       integer NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- Each role carries exactly its own kind of scope.
    CONSTRAINT users_scope_matches_role CHECK (
        (role = 'admin'       AND region_code IS NULL     AND institution_id IS NULL     AND enterprise_id IS NULL) OR
        (role = 'regulator'   AND region_code IS NOT NULL AND institution_id IS NULL     AND enterprise_id IS NULL) OR
        (role = 'institution' AND region_code IS NULL     AND institution_id IS NOT NULL AND enterprise_id IS NULL) OR
        (role = 'enterprise'  AND region_code IS NULL     AND institution_id IS NULL     AND enterprise_id IS NOT NULL)
    )
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Only the SHA-256 of a bearer token is stored; the token itself is shown once.
CREATE TABLE auth_tokens (
    token_hash   bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id      uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    client       text
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id) WHERE revoked_at IS NULL;

-- The audit log. Rows are chained: hash = sha256(prev_hash || content), where
-- content is audit_content(row) below. The chain is computed here, in the
-- database, so no writer can forget it; `anpei audit verify` recomputes it
-- independently in Swift.
CREATE TABLE audit_log (
    id          bigint PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_id    uuid,
    actor_name  text NOT NULL,
    action      text NOT NULL,
    entity_type text NOT NULL,
    entity_id   text,
    request_id  text,
    change      jsonb NOT NULL DEFAULT '{}'::jsonb,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);

CREATE FUNCTION audit_content(r audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT r.id::text || chr(31)
        || to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || chr(31)
        || coalesce(r.actor_id::text, '') || chr(31)
        || r.actor_name || chr(31)
        || r.action || chr(31)
        || r.entity_type || chr(31)
        || coalesce(r.entity_id, '') || chr(31)
        || coalesce(r.request_id, '') || chr(31)
        || r.change::text
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last audit_log%ROWTYPE;
BEGIN
    -- One writer at a time extends the chain; the lock is held until commit,
    -- so the next writer sees this row as its predecessor.
    PERFORM pg_advisory_xact_lock(7365238501);
    SELECT * INTO last FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.id := coalesce(last.id, 0) + 1;
    NEW.at := clock_timestamp();
    NEW.prev_hash := coalesce(last.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    NEW.hash := sha256(NEW.prev_hash || convert_to(audit_content(NEW), 'UTF8'));
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
