package io.custody.api.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reruns {@link BadInputTest} against the packaged application. */
@QuarkusIntegrationTest
class BadInputIT extends BadInputTest {
}
