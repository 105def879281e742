-- The audit hash chain (ARCHITECTURE.md §7). Requests insert their events unsealed (seq, prev_hash
-- and hash NULL) in their own transactions; one sealer at a time (a transaction-scoped advisory
-- lock) then gives each chain's new events the next sequence numbers and hashes, in batches, and
-- moves the chain's head here in the same transaction. A chain is one tenant's events, or the
-- platform's (tenant_id NULL, chain id 00000000-0000-0000-0000-000000000000).

CREATE TABLE audit_chain_heads (
    chain_id  uuid        PRIMARY KEY,
    seq       bigint      NOT NULL,
    hash      bytea       NOT NULL,
    sealed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_chain_heads_seq_check CHECK (seq >= 1),
    CONSTRAINT audit_chain_heads_hash_check CHECK (octet_length(hash) = 32)
);

-- The sealer takes unsealed events in (occurred_at, id) order across all chains.
DROP INDEX audit_events_unsealed;
CREATE INDEX audit_events_unsealed ON audit_events (occurred_at, id) WHERE seq IS NULL;

-- (tenant_id, seq) cannot be declared unique on a table partitioned by time (a unique index must
-- include occurred_at): the single sealer keeps it so, and verification reports any break.

-- Query filters an auditor uses on large tenants: one account's events, one transaction.
CREATE INDEX audit_events_tenant_resource ON audit_events (tenant_id, resource_id, occurred_at, id)
    WHERE resource_id IS NOT NULL;
CREATE INDEX audit_events_tenant_transaction ON audit_events (tenant_id, (details ->> 'transactionHash'))
    WHERE details ? 'transactionHash';
