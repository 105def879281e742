-- What policy rules with windowed limits let through (docs/policies.md): one row per signature
-- allowed by such a rule, written in the signature's own transaction, under an advisory lock per
-- account (and per tenant for tenant-wide limits) that is held from reading the window's totals
-- to the commit, so concurrent signatures never exceed a limit. Rows older than the longest
-- window (31 days) are purged.

CREATE TABLE policy_usage (
    tenant_id  uuid          NOT NULL REFERENCES tenants (id),
    account_id uuid          NOT NULL,
    rule_id    text          NOT NULL,
    value      numeric(78,0) NOT NULL,
    signed_at  timestamptz   NOT NULL,
    CONSTRAINT policy_usage_value_check CHECK (value >= 0)
);

CREATE INDEX policy_usage_account ON policy_usage (account_id, rule_id, signed_at);
CREATE INDEX policy_usage_tenant ON policy_usage (tenant_id, rule_id, signed_at);
CREATE INDEX policy_usage_signed_at ON policy_usage (signed_at);
