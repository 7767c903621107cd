-- Lockout per (account, client address) (issue 9 §4). users.failed_logins and
-- users.locked_until now hold the account-wide back-off; this table holds the
-- consecutive failures of one account from one address, so a stranger who
-- knows a username locks only their own address out, never the official.
CREATE TABLE login_throttle (
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client       text NOT NULL CHECK (length(client) BETWEEN 1 AND 64),
    failed_count integer NOT NULL CHECK (failed_count >= 0),
    locked_until timestamptz,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, client)
);
