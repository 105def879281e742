package io.custody.enclave;

import io.custody.enclave.internal.Hex;
import java.util.UUID;

/** Builds signing keys from published test private keys, through the package-private import. */
final class TestKeys {

    static final KeyIdentity TEST_ID = new KeyIdentity(
            UUID.fromString("00000000-0000-0000-0000-00000000000a"),
            UUID.fromString("00000000-0000-0000-0000-00000000000b"), 1, Curve.SECP256K1);

    private TestKeys() {}

    static SigningKey fromHex(String privateKeyHex) {
        String hex = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        return SigningKey.forTestOnly(TEST_ID, SecretBytes.takeOwnership(Hex.decode(hex)));
    }
}
