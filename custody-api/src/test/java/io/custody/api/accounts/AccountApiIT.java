package io.custody.api.accounts;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reruns {@link AccountApiTest} against the packaged application. */
@QuarkusIntegrationTest
class AccountApiIT extends AccountApiTest {
}
