package io.custody.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reruns {@link PlatformEndpointsTest} against the packaged application. */
@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
