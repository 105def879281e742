package io.custody.api.idempotency;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reruns {@link IdempotencyTest} against the packaged application. */
@QuarkusIntegrationTest
class IdempotencyIT extends IdempotencyTest {
}
