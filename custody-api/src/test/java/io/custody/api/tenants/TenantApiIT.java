package io.custody.api.tenants;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reruns {@link TenantApiTest} against the packaged application. */
@QuarkusIntegrationTest
class TenantApiIT extends TenantApiTest {
}
