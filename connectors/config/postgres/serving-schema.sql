-- The serving tables: what a till, the web shop or the call centre reads to answer "how many points has this
-- customer, and which expire when" in milliseconds, without Trino. The ledger and identity jobs keep them current
-- (loyalty.flink.serving, flushed on every Flink checkpoint); the balance API (loyalty.cli.api) reads them.
--
-- Delivery is at-least-once (a restarted job replays what followed its last checkpoint), so every write is
-- idempotent by its SQL: see the statements in flink-jobs/src/main/java/loyalty/flink/serving. Idempotent itself,
-- so the local stack, the jobs and docker-compose's init all run it as is, into database "shop".

CREATE SCHEMA IF NOT EXISTS serving;

-- One row per member: the SPEC §11 balance at as_of (event time) and the lots still open then.
CREATE TABLE IF NOT EXISTS serving.balances (
    program          text        NOT NULL,
    member_id        text        NOT NULL,
    available        bigint      NOT NULL,  -- net of debt, may be negative (SPEC §13.8)
    pending          bigint      NOT NULL,
    debt             bigint      NOT NULL,
    lifetime_earned  bigint      NOT NULL,
    redeemed         bigint      NOT NULL,
    expired          bigint      NOT NULL,
    tier             text,                  -- null while not enrolled
    tier_achieved_at timestamptz,
    as_of            timestamptz NOT NULL,  -- event time of the balance; a replayed older one never replaces it
    lots             jsonb       NOT NULL DEFAULT '[]',  -- [{lot_id, type, points, remaining, status, occurred_at,
                                                         --   available_at, expires_at}], soonest-expiring first
    updated_at       timestamptz NOT NULL DEFAULT now(), -- wall-clock time of the write: how stale the row is
    PRIMARY KEY (program, member_id)
);

-- Every ledger entry (SPEC §11), written once: entry ids are deterministic, so a replay inserts nothing new.
CREATE TABLE IF NOT EXISTS serving.ledger_entries (
    program         text        NOT NULL,
    entry_id        text        NOT NULL,
    member_id       text        NOT NULL,
    type            text        NOT NULL,
    points          bigint      NOT NULL,
    lot_id          text,
    occurred_at     timestamptz NOT NULL,
    available_at    timestamptz,
    expires_at      timestamptz,
    source_event_id text        NOT NULL,
    rule_version    text,
    campaign_ids    text[]      NOT NULL DEFAULT '{}',
    note            text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (program, entry_id)
);

CREATE INDEX IF NOT EXISTS ledger_entries_recent ON serving.ledger_entries (program, member_id, occurred_at DESC);

-- Who holds each normalised identifier now: open links only (a link closed by a merge or a device move deletes its
-- row, and the link that replaced it has its own). kind: email | phone | card | crm_id | device_id.
CREATE TABLE IF NOT EXISTS serving.identifiers (
    program    text        NOT NULL,
    kind       text        NOT NULL,
    value      text        NOT NULL,
    member_id  text        NOT NULL,
    link_id    text        NOT NULL,  -- identity.identity_links.link_id, so closing a link deletes only its own row
    valid_from timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (program, kind, value)
);

CREATE INDEX IF NOT EXISTS identifiers_by_member ON serving.identifiers (program, member_id);

-- Every member id ever handed out, so that a merged-away id still finds its survivor (SPEC §3 merge effects).
CREATE TABLE IF NOT EXISTS serving.members (
    program     text        NOT NULL,
    member_id   text        NOT NULL,
    status      text        NOT NULL,  -- PROSPECT | ACTIVE | MERGED
    merged_into text,                  -- the survivor, when MERGED
    merged_at   timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (program, member_id)
);
