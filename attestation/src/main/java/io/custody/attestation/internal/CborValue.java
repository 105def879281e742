package io.custody.attestation.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CBOR data model this module needs (RFC 8949 subset): integers that fit a {@code long},
 * byte and text strings, arrays, maps with text or integer keys, tags, booleans and null.
 * Floats, undefined and other simple values are not representable, so the decoder refuses them.
 */
public sealed interface CborValue {

    /** Major types 0 and 1. */
    record Int(long value) implements CborValue {}

    /** Major type 2. The array is not copied: internal code hands out copies where it matters. */
    record Bytes(byte[] value) implements CborValue {
        @Override public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }
        @Override public int hashCode() {
            return Arrays.hashCode(value);
        }
        @Override public String toString() {
            return "Bytes[" + value.length + "]";
        }
    }

    /** Major type 3, valid UTF-8. */
    record Text(String value) implements CborValue {}

    /** Major type 4. */
    record Array(List<CborValue> items) implements CborValue {
        public Array {
            items = List.copyOf(items);
        }
    }

    /** Major type 5. Keys are {@link Text} or {@link Int}; iteration order is encoding order. */
    record CborMap(Map<CborValue, CborValue> entries) implements CborValue {
        public CborMap {
            for (CborValue key : entries.keySet()) {
                if (!(key instanceof Text) && !(key instanceof Int)) {
                    throw new CborException("map key must be text or integer, got " + key.kind());
                }
            }
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public CborValue get(String key) {
            return entries.get(new Text(key));
        }

        public CborValue get(long key) {
            return entries.get(new Int(key));
        }

        /** The value under {@code key}; a missing key is a {@link CborException}. */
        public CborValue require(String key) {
            CborValue v = get(key);
            if (v == null) {
                throw new CborException("missing key \"" + key + "\"");
            }
            return v;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Builds a map in insertion order, refusing duplicate keys. */
        public static final class Builder {
            private final LinkedHashMap<CborValue, CborValue> entries = new LinkedHashMap<>();

            public Builder put(String key, CborValue value) {
                return put(new Text(key), value);
            }

            public Builder put(long key, CborValue value) {
                return put(new Int(key), value);
            }

            private Builder put(CborValue key, CborValue value) {
                if (entries.putIfAbsent(key, value) != null) {
                    throw new CborException("duplicate map key " + key);
                }
                return this;
            }

            public CborMap build() {
                return new CborMap(entries);
            }
        }
    }

    /** Major type 6. */
    record Tag(long tag, CborValue content) implements CborValue {}

    /** Simple values 20 and 21. */
    record Bool(boolean value) implements CborValue {}

    /** Simple value 22. */
    record Null() implements CborValue {}

    Null NULL = new Null();

    static CborValue bytesOrNull(byte[] value) {
        return value == null ? NULL : new Bytes(value.clone());
    }

    default String kind() {
        return switch (this) {
            case Int i -> "integer";
            case Bytes b -> "byte string";
            case Text t -> "text string";
            case Array a -> "array";
            case CborMap m -> "map";
            case Tag t -> "tag";
            case Bool b -> "bool";
            case Null n -> "null";
        };
    }

    default long asLong() {
        if (this instanceof Int i) {
            return i.value();
        }
        throw unexpected("integer");
    }

    default byte[] asBytes() {
        if (this instanceof Bytes b) {
            return b.value();
        }
        throw unexpected("byte string");
    }

    /** The byte string, or {@code null} for CBOR null. */
    default byte[] asBytesOrNull() {
        return this instanceof Null ? null : asBytes();
    }

    default String asText() {
        if (this instanceof Text t) {
            return t.value();
        }
        throw unexpected("text string");
    }

    default boolean asBool() {
        if (this instanceof Bool b) {
            return b.value();
        }
        throw unexpected("bool");
    }

    default List<CborValue> asArray() {
        if (this instanceof Array a) {
            return a.items();
        }
        throw unexpected("array");
    }

    default CborMap asMap() {
        if (this instanceof CborMap m) {
            return m;
        }
        throw unexpected("map");
    }

    private CborException unexpected(String wanted) {
        return new CborException("expected " + wanted + ", got " + kind());
    }
}
