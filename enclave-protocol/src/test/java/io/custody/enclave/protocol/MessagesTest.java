package io.custody.enclave.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.protocol.Messages.CreateAccountsRequest;
import io.custody.enclave.protocol.Messages.CreateAccountsResponse;
import io.custody.enclave.protocol.Messages.CreatedAccount;
import io.custody.enclave.protocol.Messages.SealedPolicy;
import io.custody.enclave.protocol.Messages.SignRequest;
import io.custody.enclave.protocol.Messages.SignResponse;
import io.custody.enclave.protocol.SignPayload.AccessListEntry;
import io.custody.enclave.protocol.SignPayload.Transaction;
import io.custody.enclave.protocol.SignPayload.TransactionType;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final AwsCredentials CREDENTIALS = new AwsCredentials("AKIAEXAMPLE", "secret-value", "token-value");
    private static final DataKeyRef DEK = new DataKeyRef(3, "arn:aws:kms:us-east-1:111122223333:key/k", new byte[] {1, 2, 3});

    private static byte[] bytes(int length, int fill) {
        byte[] value = new byte[length];
        Arrays.fill(value, (byte) fill);
        return value;
    }

    @Test
    void signRequest_withTransaction_roundTrips() throws Exception {
        Transaction tx = new Transaction(TransactionType.EIP1559, BigInteger.ONE, BigInteger.valueOf(7), bytes(20, 0x35),
                new BigInteger("1000000000000000000"), BigInteger.valueOf(21000), null, BigInteger.valueOf(30_000_000_000L),
                BigInteger.valueOf(2_000_000_000L), bytes(4, 0xa9),
                List.of(new AccessListEntry(bytes(20, 1), List.of(bytes(32, 2), bytes(32, 3)))));
        SignRequest request = new SignRequest(UUID.randomUUID(), UUID.randomUUID(), DEK, CREDENTIALS, bytes(20, 9),
                bytes(61, 7), tx, new SealedPolicy(2, "{}".getBytes(), bytes(32, 4)));

        SignRequest decoded = SignRequest.decode(request.encode());

        assertEquals(request.tenantId(), decoded.tenantId());
        assertEquals(DEK, decoded.dek());
        assertEquals(CREDENTIALS, decoded.credentials());
        Transaction back = assertInstanceOf(Transaction.class, decoded.payload());
        assertEquals(tx.type(), back.type());
        assertEquals(tx.value(), back.value());
        assertNull(back.gasPrice());
        assertEquals(tx.maxFeePerGas(), back.maxFeePerGas());
        assertArrayEquals(tx.to(), back.to());
        assertArrayEquals(tx.accessList().getFirst().storageKeys().get(1), back.accessList().getFirst().storageKeys().get(1));
        assertEquals(2, decoded.policy().version());
    }

    @Test
    void contractCreation_hasNoDestination() throws Exception {
        Transaction tx = new Transaction(TransactionType.LEGACY, BigInteger.valueOf(5), BigInteger.ZERO, null, BigInteger.ZERO,
                BigInteger.valueOf(100000), BigInteger.TEN, null, null, bytes(100, 0x60), List.of());
        SignRequest request = new SignRequest(UUID.randomUUID(), UUID.randomUUID(), DEK, CREDENTIALS, bytes(20, 9),
                bytes(61, 7), tx, null);
        Transaction back = (Transaction) SignRequest.decode(request.encode()).payload();
        assertNull(back.to());
        assertNull(SignRequest.decode(request.encode()).policy());
    }

    @Test
    void createAccounts_roundTrips() throws Exception {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        CreateAccountsRequest request = new CreateAccountsRequest(UUID.randomUUID(), DEK, CREDENTIALS, ids);
        assertEquals(ids, CreateAccountsRequest.decode(request.encode()).accountIds());

        CreateAccountsResponse response = new CreateAccountsResponse(List.of(
                new CreatedAccount(ids.get(0), bytes(20, 1), bytes(33, 2), bytes(61, 3))));
        CreatedAccount back = CreateAccountsResponse.decode(response.encode()).accounts().getFirst();
        assertEquals(ids.get(0), back.accountId());
        assertArrayEquals(bytes(61, 3), back.wrappedKey());
    }

    @Test
    void signResponse_roundTrips_withLargeLegacyV() throws Exception {
        BigInteger v = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TWO).add(BigInteger.valueOf(36));
        SignResponse response = new SignResponse(bytes(32, 1), bytes(32, 2), 1, v, bytes(110, 3), bytes(32, 4), null);
        SignResponse back = SignResponse.decode(response.encode());
        assertEquals(v, back.v());
        assertNull(back.messageHash());
    }

    @Test
    void decode_refusesTrailingBytes() {
        byte[] encoded = new Messages.AttestRequest(bytes(8, 1)).encode();
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThrows(WireFormatException.class, () -> Messages.AttestRequest.decode(longer));
    }

    @Test
    void decode_refusesEveryTruncation() {
        SignRequest request = new SignRequest(UUID.randomUUID(), UUID.randomUUID(), DEK, CREDENTIALS, bytes(20, 9),
                bytes(61, 7), new SignPayload.PersonalMessage("hello".getBytes()), null);
        byte[] encoded = request.encode();
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThrows(WireFormatException.class, () -> SignRequest.decode(truncated), "length " + length);
        }
    }

    @Test
    void decode_refusesNonMinimalIntegers_andOversizeCounts() {
        byte[] nonMinimal = {2, 0, 1};
        assertThrows(WireFormatException.class, () -> new WireReader(nonMinimal).unsigned(256, "x"));
        byte[] hugeCount = new WireWriter().u32(Integer.MAX_VALUE).toByteArray();
        assertThrows(WireFormatException.class, () -> new WireReader(hugeCount).count(100, "list"));
        byte[] badUtf8 = new WireWriter().bytes(new byte[] {(byte) 0xC3, 0x28}).toByteArray();
        assertThrows(WireFormatException.class, () -> new WireReader(badUtf8).string(10, "s"));
        byte[] badBool = {2};
        assertThrows(WireFormatException.class, () -> new WireReader(badBool).bool());
    }

    @Test
    void credentials_neverPrintTheirSecrets() {
        String text = CREDENTIALS.toString();
        assertFalse(text.contains("secret-value"));
        assertFalse(text.contains("token-value"));
        assertTrue(text.contains("AKIAEXAMPLE"));
    }
}
