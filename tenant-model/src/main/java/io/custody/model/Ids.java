package io.custody.model;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for every row the service creates: UUID version 7 (RFC 9562), a 48-bit
 * millisecond timestamp followed by random bits. Time-ordered ids keep B-tree inserts local
 * and give keyset pagination a creation order without a second sort column.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long lsb = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            lsb |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(msb, lsb);
    }
}
