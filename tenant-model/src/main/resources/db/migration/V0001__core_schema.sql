-- Custody core schema.
-- Invariants live here as well as in code: every tenant-scoped row names its tenant
-- (NOT NULL + foreign key), identities are unique, and states are CHECKed.
-- Landed migrations are never edited; later changes go in new V000N files.

-- Tenants -----------------------------------------------------------------------------

CREATE TABLE tenants (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL,
    external_ref text,
    status       text        NOT NULL DEFAULT 'ACTIVE',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tenants_name_check CHECK (char_length(name) BETWEEN 1 AND 200 AND name = btrim(name)),
    CONSTRAINT tenants_external_ref_check CHECK (external_ref IS NULL OR char_length(external_ref) BETWEEN 1 AND 200),
    CONSTRAINT tenants_status_check CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    -- A platform's own reference to its customer identifies at most one tenant.
    CONSTRAINT tenants_external_ref_key UNIQUE (external_ref)
);

-- Tenant data keys: only the KMS CiphertextBlob is stored; the plaintext DEK exists only
-- inside the enclave. Versioned: rotation adds a version and retires the previous one.

CREATE TABLE tenant_data_keys (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    version     integer     NOT NULL,
    kms_key_id  text        NOT NULL,
    ciphertext  bytea       NOT NULL,
    status      text        NOT NULL DEFAULT 'ACTIVE',
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz,
    PRIMARY KEY (tenant_id, version),
    CONSTRAINT tenant_data_keys_version_check CHECK (version >= 1),
    CONSTRAINT tenant_data_keys_kms_key_id_check CHECK (char_length(kms_key_id) BETWEEN 1 AND 2048),
    -- KMS ciphertext blobs are at most 6144 bytes.
    CONSTRAINT tenant_data_keys_ciphertext_check CHECK (octet_length(ciphertext) BETWEEN 1 AND 6144),
    CONSTRAINT tenant_data_keys_status_check CHECK (status IN ('ACTIVE', 'RETIRED')),
    CONSTRAINT tenant_data_keys_retired_check CHECK ((status = 'RETIRED') = (retired_at IS NOT NULL))
);

-- At most one active DEK per tenant: new accounts are always wrapped under it.
CREATE UNIQUE INDEX tenant_data_keys_one_active ON tenant_data_keys (tenant_id) WHERE status = 'ACTIVE';

-- Account batches (background jobs that create accounts in chunks) -----------------------

CREATE TABLE account_batches (
    id               uuid        PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    requested        integer     NOT NULL,
    created          integer     NOT NULL DEFAULT 0,
    label_prefix     text,
    status           text        NOT NULL DEFAULT 'PENDING',
    failure_code     text,
    failure_detail   text,
    lease_owner      text,
    lease_expires_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    CONSTRAINT account_batches_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT account_batches_requested_check CHECK (requested BETWEEN 1 AND 1000000),
    CONSTRAINT account_batches_created_check CHECK (created BETWEEN 0 AND requested),
    CONSTRAINT account_batches_label_prefix_check CHECK (label_prefix IS NULL OR char_length(label_prefix) BETWEEN 1 AND 100),
    CONSTRAINT account_batches_status_check CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    CONSTRAINT account_batches_completed_check CHECK (
        (status = 'COMPLETED' AND created = requested AND completed_at IS NOT NULL)
        OR (status = 'FAILED' AND failure_code IS NOT NULL AND completed_at IS NOT NULL)
        OR (status IN ('PENDING', 'RUNNING') AND completed_at IS NULL))
);

CREATE INDEX account_batches_unfinished ON account_batches (created_at) WHERE status IN ('PENDING', 'RUNNING');

-- Key shards: write-once containers of wrapped account keys (a Secrets Manager secret,
-- or rows of this database when the Postgres key store is configured). A shard row is
-- committed together with the accounts that reference it, after the shard is durable.

CREATE TABLE key_shards (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    dek_version    integer     NOT NULL,
    store          text        NOT NULL,
    secret_name    text,
    secret_arn     text,
    format_version smallint    NOT NULL,
    entry_count    integer     NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT key_shards_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT key_shards_dek_fkey FOREIGN KEY (tenant_id, dek_version) REFERENCES tenant_data_keys (tenant_id, version),
    CONSTRAINT key_shards_store_check CHECK (store IN ('SECRETS_MANAGER', 'POSTGRES')),
    CONSTRAINT key_shards_secret_check CHECK (
        (store = 'SECRETS_MANAGER' AND secret_name IS NOT NULL AND secret_arn IS NOT NULL)
        OR (store = 'POSTGRES' AND secret_name IS NULL AND secret_arn IS NULL)),
    CONSTRAINT key_shards_secret_name_key UNIQUE (secret_name),
    CONSTRAINT key_shards_format_version_check CHECK (format_version >= 1),
    CONSTRAINT key_shards_entry_count_check CHECK (entry_count BETWEEN 1 AND 65536)
);

-- Accounts -------------------------------------------------------------------------------

CREATE TABLE accounts (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    address     bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    curve       text        NOT NULL,
    label       text,
    batch_id    uuid,
    dek_version integer     NOT NULL,
    shard_id    uuid        NOT NULL,
    shard_slot  integer     NOT NULL,
    wrapped_key bytea,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_tenant_id_id_key UNIQUE (tenant_id, id),
    -- Two accounts with one address would mean a broken random number generator.
    CONSTRAINT accounts_address_key UNIQUE (address),
    CONSTRAINT accounts_shard_slot_key UNIQUE (shard_id, shard_slot),
    CONSTRAINT accounts_shard_fkey FOREIGN KEY (tenant_id, shard_id) REFERENCES key_shards (tenant_id, id),
    CONSTRAINT accounts_batch_fkey FOREIGN KEY (tenant_id, batch_id) REFERENCES account_batches (tenant_id, id),
    CONSTRAINT accounts_dek_fkey FOREIGN KEY (tenant_id, dek_version) REFERENCES tenant_data_keys (tenant_id, version),
    CONSTRAINT accounts_address_check CHECK (octet_length(address) = 20),
    CONSTRAINT accounts_curve_check CHECK (curve IN ('secp256k1')),
    CONSTRAINT accounts_public_key_check CHECK (
        (curve = 'secp256k1' AND octet_length(public_key) IN (33, 65))),
    CONSTRAINT accounts_label_check CHECK (label IS NULL OR char_length(label) BETWEEN 1 AND 200),
    CONSTRAINT accounts_shard_slot_check CHECK (shard_slot >= 0),
    CONSTRAINT accounts_wrapped_key_check CHECK (wrapped_key IS NULL OR octet_length(wrapped_key) BETWEEN 1 AND 1024)
);

CREATE INDEX accounts_tenant_label ON accounts (tenant_id, label text_pattern_ops, id);
CREATE INDEX accounts_tenant_batch ON accounts (tenant_id, batch_id, id) WHERE batch_id IS NOT NULL;

-- Policies (versioned; the enclave seals each version) -----------------------------------

CREATE TABLE policies (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    version     integer     NOT NULL,
    document    text        NOT NULL,
    dek_version integer,
    seal        bytea,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, version),
    CONSTRAINT policies_version_check CHECK (version >= 1),
    -- The document is kept byte for byte as sealed; it must still be JSON.
    CONSTRAINT policies_document_check CHECK (octet_length(document) <= 262144 AND (document::jsonb) IS NOT NULL),
    CONSTRAINT policies_dek_fkey FOREIGN KEY (tenant_id, dek_version) REFERENCES tenant_data_keys (tenant_id, version),
    CONSTRAINT policies_seal_check CHECK ((seal IS NULL) = (dek_version IS NULL))
);

-- Idempotency keys: the stored response of a POST, replayed on retry. Scoped by the
-- caller (issuer + subject), since a tenant may not exist yet when the POST creates it.

CREATE TABLE idempotency_keys (
    principal       text        NOT NULL,
    idempotency_key text        NOT NULL,
    tenant_id       uuid        REFERENCES tenants (id),
    request_method  text        NOT NULL,
    request_path    text        NOT NULL,
    request_hash    bytea       NOT NULL,
    response_status integer,
    response_body   text,
    response_location text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key),
    CONSTRAINT idempotency_keys_key_check CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    CONSTRAINT idempotency_keys_hash_check CHECK (octet_length(request_hash) = 32),
    CONSTRAINT idempotency_keys_status_check CHECK (response_status IS NULL OR response_status BETWEEN 200 AND 299)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- Audit events -----------------------------------------------------------------------------
-- Append-only and partitioned by month. Each event is inserted in the transaction of the
-- change it records. seq/prev_hash/hash form the per-tenant hash chain
-- (hash = SHA-256(prev_hash || canonical event)); they may be filled once, after insert,
-- by the sealer, and nothing else about an event may ever change.
-- tenant_id is NULL only for platform-scope events (for example an authentication
-- failure that names no tenant).

CREATE TABLE audit_events (
    id          uuid        NOT NULL,
    tenant_id   uuid        REFERENCES tenants (id),
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    resource_type text,
    resource_id text,
    outcome     text        NOT NULL,
    request_id  text,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    seq         bigint,
    prev_hash   bytea,
    hash        bytea,
    PRIMARY KEY (occurred_at, id),
    CONSTRAINT audit_events_actor_check CHECK (char_length(actor) BETWEEN 1 AND 512),
    CONSTRAINT audit_events_action_check CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    CONSTRAINT audit_events_outcome_check CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILURE')),
    CONSTRAINT audit_events_chain_check CHECK (
        (seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
        OR (seq >= 1 AND octet_length(prev_hash) = 32 AND octet_length(hash) = 32))
) PARTITION BY RANGE (occurred_at);

CREATE INDEX audit_events_tenant_time ON audit_events (tenant_id, occurred_at, id);
CREATE INDEX audit_events_tenant_seq ON audit_events (tenant_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX audit_events_unsealed ON audit_events (tenant_id, occurred_at) WHERE seq IS NULL;

CREATE FUNCTION audit_events_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND (NEW.id, NEW.tenant_id, NEW.occurred_at, NEW.actor, NEW.action, NEW.resource_type,
            NEW.resource_id, NEW.outcome, NEW.request_id, NEW.details)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.tenant_id, OLD.occurred_at, OLD.actor, OLD.action, OLD.resource_type,
            OLD.resource_id, OLD.outcome, OLD.request_id, OLD.details) THEN
        RETURN NEW; -- sealing: the chain columns are set once
    END IF;
    RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_guard();

CREATE FUNCTION audit_events_refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only (TRUNCATE refused)'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_truncate();

-- Creates the monthly partitions from last month through months_ahead months from now.
-- Runs here, at every start of the service and daily, so inserts never lack a partition.
-- SECURITY DEFINER: the application role needs no CREATE privilege.
CREATE FUNCTION audit_events_ensure_partitions(months_ahead integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    month_start date := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date;
    last_start  date := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_ahead))::date;
    part_name   text;
    created     integer := 0;
BEGIN
    IF months_ahead < 0 OR months_ahead > 120 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 120, got %', months_ahead;
    END IF;
    WHILE month_start <= last_start LOOP
        part_name := format('audit_events_y%sm%s', to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
        IF to_regclass(part_name) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                part_name,
                (month_start::timestamp AT TIME ZONE 'UTC'),
                ((month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
            created := created + 1;
        END IF;
        month_start := (month_start + interval '1 month')::date;
    END LOOP;
    RETURN created;
END;
$$;

SELECT audit_events_ensure_partitions(12);
