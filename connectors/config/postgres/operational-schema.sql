-- The operational tables of a retailer's own systems (CRM, shop, returns desk, loyalty admin).
-- They are the CDC source: Debezium captures them through the publication below. Idempotent, so the local stack
-- and docker-compose's init both run it as is.

CREATE TABLE IF NOT EXISTS customers (
    crm_id           text PRIMARY KEY,
    program          text        NOT NULL,
    email            text,
    phone            text,
    card_number      text,
    first_name       text,
    last_name        text,
    birth_date       date,
    country          char(2),
    consent_email    boolean     NOT NULL DEFAULT false,
    consent_sms      boolean     NOT NULL DEFAULT false,
    consent_push     boolean     NOT NULL DEFAULT false,
    loyalty_enrolled boolean     NOT NULL DEFAULT false,
    enrolled_at      timestamptz,
    referred_by      text,        -- crm_id of the referrer
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orders (
    order_id        text PRIMARY KEY,
    program         text          NOT NULL,
    customer_crm_id text,          -- customer references: whatever the till or web shop knew
    customer_email  text,
    customer_phone  text,
    card_number     text,
    device_id       text,
    net_amount      numeric(12,2) NOT NULL,
    currency        char(3)       NOT NULL,
    channel         text          NOT NULL,
    categories      text[]        NOT NULL DEFAULT '{}',
    status          text          NOT NULL CHECK (status IN ('PLACED', 'PAID', 'COMPLETED', 'CANCELLED')),
    completed_at    timestamptz,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS returns (
    return_id       text PRIMARY KEY,
    program         text          NOT NULL,
    order_id        text,          -- null: an unlinked return (no receipt)
    customer_crm_id text,
    customer_email  text,
    customer_phone  text,
    card_number     text,
    refund_amount   numeric(12,2) NOT NULL,
    returned_at     timestamptz   NOT NULL
);

CREATE TABLE IF NOT EXISTS loyalty_rule_sets (
    program        text        NOT NULL,
    version        text        NOT NULL,
    effective_from timestamptz NOT NULL,
    body           jsonb       NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (program, version)
);

-- Full before-images, so an update or delete event names the row it changed with all its columns.
ALTER TABLE customers REPLICA IDENTITY FULL;
ALTER TABLE orders REPLICA IDENTITY FULL;
ALTER TABLE returns REPLICA IDENTITY FULL;
ALTER TABLE loyalty_rule_sets REPLICA IDENTITY FULL;

-- Debezium's heartbeat writes here, so the replication slot advances even when the captured tables are quiet.
CREATE TABLE IF NOT EXISTS debezium_heartbeat (
    id      int PRIMARY KEY,
    beat_at timestamptz NOT NULL
);
