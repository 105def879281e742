package io.custody.api.tenants;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.http.Cursors;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantPaginationTest {

    @Test
    void listing_walksEveryTenantOnce_inIdOrder_andEndsWithNullCursor() {
        // Start after a marker tenant so the walk covers this test's tenants, not every earlier run's.
        UUID marker = createTenant(unique("Marker"));
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createTenant(unique("Paged " + i)));
        }

        List<String> seen = new ArrayList<>();
        String cursor = Cursors.encode(marker);
        int pages = 0;
        do {
            Response page = as(Tokens.platformAdmin()).queryParam("limit", 3).queryParam("cursor", cursor).get("/v1/tenants");
            page.then().statusCode(200);
            List<String> ids = page.path("items.id");
            assertTrue(ids.size() <= 3);
            seen.addAll(ids);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 100_000);

        assertEquals(new HashSet<>(seen).size(), seen.size(), "no tenant appears twice");
        Set<String> all = new HashSet<>(seen);
        created.forEach(id -> assertTrue(all.contains(id.toString()), "listing contains " + id));
        List<String> sorted = seen.stream().sorted().toList();
        assertEquals(sorted, seen, "pages are in id order");
    }

    @Test
    void limit_defaultsTo50() {
        for (int i = 0; i < 51; i++) {
            createTenant(unique("Default limit " + i));
        }
        as(Tokens.platformAdmin()).get("/v1/tenants")
                .then().statusCode(200).body("items.size()", equalTo(50));
    }
}
