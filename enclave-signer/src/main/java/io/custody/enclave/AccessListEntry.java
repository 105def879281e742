package io.custody.enclave;

import java.util.List;
import java.util.Objects;

/**
 * One EIP-2930 access-list entry: an address and the storage slots (32 bytes each) it touches.
 *
 * @param address     the accessed account
 * @param storageKeys 32-byte storage keys, copied on the way in and out
 */
public record AccessListEntry(EthAddress address, List<byte[]> storageKeys) {

    public AccessListEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(storageKeys, "storageKeys");
        storageKeys = storageKeys.stream().map(AccessListEntry::checkedKey).toList();
    }

    @Override
    public List<byte[]> storageKeys() {
        return storageKeys.stream().map(byte[]::clone).toList();
    }

    private static byte[] checkedKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new InvalidPayloadException("accessList storage keys must be 32 bytes");
        }
        return key.clone();
    }
}
