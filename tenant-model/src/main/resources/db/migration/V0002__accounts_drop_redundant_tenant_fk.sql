-- accounts.tenant_id is already checked twice by composite foreign keys: (tenant_id, shard_id)
-- references key_shards and (tenant_id, dek_version) references tenant_data_keys, and both of
-- those reference tenants. The third, direct check cost about 5 µs of PostgreSQL CPU for every
-- account row a batch inserts (measured with INSERT ... SELECT of 100,000 rows; see
-- docs/benchmarks.md), for no integrity it adds.
ALTER TABLE accounts DROP CONSTRAINT accounts_tenant_id_fkey;
