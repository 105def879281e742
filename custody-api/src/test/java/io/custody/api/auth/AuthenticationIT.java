package io.custody.api.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reruns {@link AuthenticationTest} against the packaged application. */
@QuarkusIntegrationTest
class AuthenticationIT extends AuthenticationTest {
}
