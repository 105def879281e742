package io.custody.api.signing;

import static io.custody.api.signing.SigningJson.assertRefused;
import static io.custody.api.signing.SigningJson.hex;
import static io.custody.api.signing.SigningJson.hexOfLength;
import static io.custody.api.signing.SigningJson.object;
import static io.custody.api.signing.SigningJson.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.SignPayload.TransactionType;
import io.custody.enclave.protocol.SignPayload;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The three transaction types: mapping to the enclave payload, and each refusal with its code and field. */
class TransactionRequestTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** shared/vectors/ethereum/transaction.json.gz "random-5" (maxPriorityFeePerGas "0x" there, "0x0" here). */
    static final String RANDOM_5_EIP1559 = """
            {"type": "eip1559_transaction", "transaction": {
              "to": "0x4d1060d970674619005137921969b4bfe3eea6b8", "nonce": 577, "gasLimit": "0xbe431918",
              "maxFeePerGas": "0x6bb02a65c7", "maxPriorityFeePerGas": "0x0",
              "data": "0xe07f2239c398167e747939f64b2ed9458db8aa10eb367bfab1976a0bc6693cf152dd8d13aa16e4d655a38d6ac64eae0932e13d649f9516fca834cd5a49c7b6e5ba1286a30eea1ac2e89c78441c5418250f8e30",
              "value": "0xc72c", "chainId": "0xef36a8",
              "accessList": [
                {"address": "0x8a632c23bf807681570c3fb6632ce99fd98bdb23", "storageKeys": [
                  "0x1c3124f271ea52d9e881bdd52c63020fb7c08a1b96263030415e4bc8146db25c",
                  "0x2b6d4aa754fa44f0e86e6fa0a936048674ffc4fef24c5a2b317c740630901919"]},
                {"address": "0x2d78b31ba09e8a2888d655e3d000fe95c63789c4", "storageKeys": []}]}}
            """;

    /** "random-0" of the same file, as a legacy transaction. */
    static final String RANDOM_0_LEGACY = """
            {"type": "legacy_transaction", "transaction": {
              "to": "0x6eb893e3466931517a04a17d153a6330c3f2f1dd", "nonce": 648, "gasLimit": "0x9d", "gasPrice": "0x237e",
              "data": "0x889e365e59664fb881554ba1175519b5195b1d20390beb806d8f2cda7893e6f79848195dba4c905db6d7257ffb5eefea35f18ae33c",
              "value": "0xc854", "chainId": "0x8404bf1f"}}
            """;

    static final String MINIMAL_EIP2930 = """
            {"type": "eip2930_transaction", "transaction": {"chainId": "1", "nonce": "0", "value": "0",
              "gasLimit": "21000", "gasPrice": "1000000000", "to": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}}
            """;

    private static ObjectNode eip1559() {
        return object(RANDOM_5_EIP1559);
    }

    private static ObjectNode tx(ObjectNode body) {
        return (ObjectNode) body.get("transaction");
    }

    private static SignPayload.Transaction payload(ObjectNode body) {
        return (SignPayload.Transaction) parse(body).payload();
    }

    @Test
    void eip1559_mapsEveryField_toTheEnclavePayload() {
        SigningRequest request = parse(eip1559());
        var p = (SignPayload.Transaction) request.payload();
        assertEquals(TransactionType.EIP1559, p.type());
        assertEquals(BigInteger.valueOf(0xef36a8), p.chainId());
        assertEquals(BigInteger.valueOf(577), p.nonce());
        assertArrayEquals(hex("4d1060d970674619005137921969b4bfe3eea6b8"), p.to());
        assertEquals(BigInteger.valueOf(0xc72c), p.value());
        assertEquals(BigInteger.valueOf(0xbe431918L), p.gasLimit());
        assertNull(p.gasPrice());
        assertEquals(new BigInteger("6bb02a65c7", 16), p.maxFeePerGas());
        assertEquals(BigInteger.ZERO, p.maxPriorityFeePerGas());
        assertArrayEquals(hex(tx(eip1559()).get("data").textValue()), p.data());
        assertEquals(2, p.accessList().size());
        assertArrayEquals(hex("8a632c23bf807681570c3fb6632ce99fd98bdb23"), p.accessList().get(0).address());
        assertArrayEquals(hex("2b6d4aa754fa44f0e86e6fa0a936048674ffc4fef24c5a2b317c740630901919"),
                p.accessList().get(0).storageKeys().get(1));
        assertEquals(0, p.accessList().get(1).storageKeys().size());
    }

    @Test
    void transactionSummary_carriesTypeChainIdChecksummedToAndValue() {
        SigningRequest request = parse(eip1559());
        assertEquals(SignatureType.EIP1559_TRANSACTION, request.type());
        assertEquals(BigInteger.valueOf(0xef36a8), request.chainId());
        assertEquals(EthFormats.checksum(hex("4d1060d970674619005137921969b4bfe3eea6b8")), request.to());
        assertEquals(BigInteger.valueOf(0xc72c), request.value());
        assertFalse(request.isContractCreation());
    }

    @Test
    void eip2930_mapsGasPriceAndAccessList_withNoEip1559Fees() {
        ObjectNode body = object(MINIMAL_EIP2930);
        tx(body).set("accessList", tx(eip1559()).get("accessList"));
        var p = payload(body);
        assertEquals(TransactionType.EIP2930, p.type());
        assertEquals(BigInteger.valueOf(1_000_000_000), p.gasPrice());
        assertNull(p.maxFeePerGas());
        assertNull(p.maxPriorityFeePerGas());
        assertEquals(BigInteger.valueOf(21000), p.gasLimit());
        assertEquals(2, p.accessList().size());
        assertArrayEquals(new byte[0], p.data());
    }

    @Test
    void legacy_mapsGasPrice_withAnEmptyAccessList() {
        var p = payload(object(RANDOM_0_LEGACY));
        assertEquals(TransactionType.LEGACY, p.type());
        assertEquals(BigInteger.valueOf(0x8404bf1fL), p.chainId());
        assertEquals(BigInteger.valueOf(648), p.nonce());
        assertEquals(BigInteger.valueOf(0x237e), p.gasPrice());
        assertEquals(BigInteger.valueOf(0x9d), p.gasLimit());
        assertEquals(0, p.accessList().size());
    }

    @Test
    void absentOrNullTo_isAContractCreation() {
        ObjectNode absent = eip1559();
        tx(absent).remove("to");
        ObjectNode nulled = eip1559();
        tx(nulled).putNull("to");
        for (ObjectNode body : new ObjectNode[] {absent, nulled}) {
            SigningRequest request = parse(body);
            assertNull(((SignPayload.Transaction) request.payload()).to());
            assertNull(request.to());
            assertTrue(request.isContractCreation());
        }
    }

    @Test
    void contractCreation_isRefused_withoutData() {
        ObjectNode body = eip1559();
        tx(body).remove("to");
        tx(body).put("data", "0x");
        assertRefused(body, ErrorCode.VALIDATION_FAILED, "transaction.data");
        tx(body).remove("data");
        assertRefused(body, ErrorCode.VALIDATION_FAILED, "transaction.data");
    }

    @Test
    void absentData_isEmpty() {
        ObjectNode body = eip1559();
        tx(body).remove("data");
        assertArrayEquals(new byte[0], payload(body).data());
    }

    @Test
    void chainId_isRefusedAsRequired_whenMissingNullOrZero() {
        ObjectNode missing = eip1559();
        tx(missing).remove("chainId");
        assertRefused(missing, ErrorCode.CHAIN_ID_REQUIRED, "transaction.chainId");
        ObjectNode nulled = eip1559();
        tx(nulled).putNull("chainId");
        assertRefused(nulled, ErrorCode.CHAIN_ID_REQUIRED, "transaction.chainId");
        for (var zero : new com.fasterxml.jackson.databind.JsonNode[] {NODES.textNode("0"), NODES.textNode("0x0"),
            NODES.textNode("0x0000"), NODES.numberNode(0)}) {
            ObjectNode body = eip1559();
            tx(body).set("chainId", zero);
            assertRefused(body, ErrorCode.CHAIN_ID_REQUIRED, "transaction.chainId");
        }
    }

    @Test
    void uint64Fields_accept2Pow64Minus1_andRefuse2Pow64() {
        String max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE).toString();
        String over = BigInteger.ONE.shiftLeft(64).toString();
        for (String field : new String[] {"chainId", "nonce", "gasLimit"}) {
            ObjectNode ok = eip1559();
            tx(ok).put(field, max);
            parse(ok);
            ObjectNode hexOk = eip1559();
            tx(hexOk).put(field, "0xffffffffffffffff");
            parse(hexOk);
            ObjectNode bad = eip1559();
            tx(bad).put(field, over);
            assertRefused(bad, ErrorCode.QUANTITY_OUT_OF_RANGE, "transaction." + field);
            tx(bad).put(field, "0x10000000000000000");
            assertRefused(bad, ErrorCode.QUANTITY_OUT_OF_RANGE, "transaction." + field);
        }
    }

    @Test
    void uint256Fields_accept2Pow256Minus1_andRefuse2Pow256() {
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        for (String field : new String[] {"value", "maxFeePerGas"}) {
            ObjectNode ok = eip1559();
            tx(ok).put(field, max.toString());
            tx(ok).put("maxFeePerGas", max.toString());
            assertEquals(max, field.equals("value") ? payload(ok).value() : payload(ok).maxFeePerGas());
            tx(ok).put(field, "0x" + "f".repeat(64));
            assertEquals(max, field.equals("value") ? payload(ok).value() : payload(ok).maxFeePerGas());
            tx(ok).put(field, "0x" + "0".repeat(100) + "f".repeat(64)); // leading zeros do not count
            parse(ok);
            ObjectNode bad = eip1559();
            tx(bad).put(field, BigInteger.ONE.shiftLeft(256).toString());
            assertRefused(bad, ErrorCode.QUANTITY_OUT_OF_RANGE, "transaction." + field);
            tx(bad).put(field, "0x1" + "0".repeat(64));
            assertRefused(bad, ErrorCode.QUANTITY_OUT_OF_RANGE, "transaction." + field);
            tx(bad).put(field, "1" + "0".repeat(5000)); // refused without parsing
            assertRefused(bad, ErrorCode.QUANTITY_OUT_OF_RANGE, "transaction." + field);
        }
        ObjectNode gasPrice = object(MINIMAL_EIP2930);
        tx(gasPrice).put("gasPrice", max.toString());
        assertEquals(max, payload(gasPrice).gasPrice());
    }

    @Test
    void quantities_inEveryAcceptedForm_mapToTheSameNumber() {
        for (String form : new String[] {"11259375", "0xabcdef", "0xABCDEF", "0xAbCdEf", "0x00abcdef"}) {
            ObjectNode body = eip1559();
            tx(body).put("nonce", form);
            assertEquals(BigInteger.valueOf(0xabcdef), payload(body).nonce(), form);
        }
        ObjectNode number = eip1559();
        tx(number).put("nonce", 11259375);
        assertEquals(BigInteger.valueOf(0xabcdef), payload(number).nonce());
        ObjectNode zero = eip1559();
        tx(zero).put("value", "0");
        assertEquals(BigInteger.ZERO, payload(zero).value());
        tx(zero).put("value", "0x0");
        assertEquals(BigInteger.ZERO, payload(zero).value());
    }

    @Test
    void jsonIntegers_areAccepted_upTo2Pow53Minus1_forChainIdNonceAndGasLimit() {
        ObjectNode body = eip1559();
        tx(body).put("gasLimit", 9007199254740991L);
        assertEquals(BigInteger.valueOf(9007199254740991L), payload(body).gasLimit());
        tx(body).put("gasLimit", 9007199254740992L);
        assertRefused(body, ErrorCode.INVALID_QUANTITY, "transaction.gasLimit");
    }

    @Test
    void malformedQuantities_areRefused_asInvalidQuantity() {
        String[] forms = {"", "0x", "+1", "-1", " 1", "1 ", "010", "00", "0X10", "1.0", "1e3", "0x1g", "0x-1", "1_000",
            "\u0661", "0x\uff11", "one"};
        for (String form : forms) {
            ObjectNode body = eip1559();
            tx(body).put("nonce", form);
            assertRefused(body, ErrorCode.INVALID_QUANTITY, "transaction.nonce");
        }
        ObjectNode fraction = eip1559();
        tx(fraction).put("nonce", 1.5);
        assertRefused(fraction, ErrorCode.INVALID_QUANTITY, "transaction.nonce");
        tx(fraction).put("nonce", 1.0);
        assertRefused(fraction, ErrorCode.INVALID_QUANTITY, "transaction.nonce");
        tx(fraction).put("nonce", -1);
        assertRefused(fraction, ErrorCode.INVALID_QUANTITY, "transaction.nonce");
    }

    @Test
    void valueAndFees_asJsonNumbers_areRefused_asTheWrongType() {
        for (String field : new String[] {"value", "maxFeePerGas", "maxPriorityFeePerGas"}) {
            ObjectNode body = eip1559();
            tx(body).put(field, 1);
            assertRefused(body, ErrorCode.INVALID_FIELD_TYPE, "transaction." + field);
        }
        ObjectNode bool = eip1559();
        tx(bool).put("nonce", true);
        assertRefused(bool, ErrorCode.INVALID_FIELD_TYPE, "transaction.nonce");
    }

    @Test
    void requiredFields_areRefused_whenMissingOrNull() {
        for (String field : new String[] {"nonce", "value", "gasLimit", "maxFeePerGas", "maxPriorityFeePerGas"}) {
            ObjectNode missing = eip1559();
            tx(missing).remove(field);
            assertRefused(missing, ErrorCode.VALIDATION_FAILED, "transaction." + field);
            ObjectNode nulled = eip1559();
            tx(nulled).putNull(field);
            assertRefused(nulled, ErrorCode.VALIDATION_FAILED, "transaction." + field);
        }
        ObjectNode legacy = object(RANDOM_0_LEGACY);
        tx(legacy).remove("gasPrice");
        assertRefused(legacy, ErrorCode.VALIDATION_FAILED, "transaction.gasPrice");
        assertRefused("{\"type\": \"legacy_transaction\"}", ErrorCode.VALIDATION_FAILED, "transaction");
        assertRefused("{\"type\": \"legacy_transaction\", \"transaction\": []}", ErrorCode.INVALID_FIELD_TYPE,
                "transaction");
    }

    @Test
    void feeFieldsOfAnotherType_areRefused_evenWhenNull() {
        ObjectNode gasPriceOn1559 = eip1559();
        tx(gasPriceOn1559).put("gasPrice", "1");
        assertRefused(gasPriceOn1559, ErrorCode.FIELD_NOT_ALLOWED, "transaction.gasPrice");
        tx(gasPriceOn1559).putNull("gasPrice");
        assertRefused(gasPriceOn1559, ErrorCode.FIELD_NOT_ALLOWED, "transaction.gasPrice");
        ObjectNode maxFeeOnLegacy = object(RANDOM_0_LEGACY);
        tx(maxFeeOnLegacy).put("maxFeePerGas", "1");
        assertRefused(maxFeeOnLegacy, ErrorCode.FIELD_NOT_ALLOWED, "transaction.maxFeePerGas");
        ObjectNode priorityOn2930 = object(MINIMAL_EIP2930);
        tx(priorityOn2930).put("maxPriorityFeePerGas", "1");
        assertRefused(priorityOn2930, ErrorCode.FIELD_NOT_ALLOWED, "transaction.maxPriorityFeePerGas");
        ObjectNode accessListOnLegacy = object(RANDOM_0_LEGACY);
        tx(accessListOnLegacy).putArray("accessList");
        assertRefused(accessListOnLegacy, ErrorCode.FIELD_NOT_ALLOWED, "transaction.accessList");
    }

    @Test
    void unknownTransactionFields_areRefused() {
        for (String field : new String[] {"gas", "from", "input", "type", "maxFeePerBlobGas"}) {
            ObjectNode body = eip1559();
            tx(body).put(field, "0x1");
            assertRefused(body, ErrorCode.UNKNOWN_FIELD, "transaction." + field);
        }
    }

    @Test
    void priorityFee_aboveMaxFee_isRefused_andEqualIsAccepted() {
        ObjectNode body = eip1559();
        tx(body).put("maxFeePerGas", "100").put("maxPriorityFeePerGas", "101");
        assertRefused(body, ErrorCode.VALIDATION_FAILED, "transaction.maxPriorityFeePerGas");
        tx(body).put("maxPriorityFeePerGas", "100");
        assertEquals(BigInteger.valueOf(100), payload(body).maxPriorityFeePerGas());
    }

    @Test
    void data_of128KiB_isAccepted_andOneByteMore_isRefusedWith413() {
        ObjectNode body = eip1559();
        tx(body).put("data", hexOfLength(SignPayload.MAX_DATA));
        tx(body).putArray("accessList");
        assertEquals(SignPayload.MAX_DATA, payload(body).data().length);
        tx(body).put("data", hexOfLength(SignPayload.MAX_DATA + 1));
        var e = assertRefused(body, ErrorCode.PAYLOAD_TOO_LARGE, "transaction.data");
        assertEquals(413, e.code().status());
    }

    @Test
    void malformedData_isRefused_asInvalidHex() {
        for (String data : new String[] {"0x123", "123456", "0X1234", "0x12zz", "0x\u0661\u0662"}) {
            ObjectNode body = eip1559();
            tx(body).put("data", data);
            assertRefused(body, ErrorCode.INVALID_HEX, "transaction.data");
        }
    }

    @Test
    void accessList_malformedEntries_areRefused_withTheirPath() {
        ObjectNode badAddress = eip1559();
        ((ObjectNode) tx(badAddress).get("accessList").get(1)).put("address", "0x1234");
        assertRefused(badAddress, ErrorCode.INVALID_ADDRESS, "transaction.accessList[1].address");
        ObjectNode shortKey = eip1559();
        ((ArrayNode) tx(shortKey).get("accessList").get(0).get("storageKeys")).set(1, hexOfLength(31));
        assertRefused(shortKey, ErrorCode.INVALID_HEX, "transaction.accessList[0].storageKeys[1]");
        ObjectNode extra = eip1559();
        ((ObjectNode) tx(extra).get("accessList").get(0)).put("slot", "0x");
        assertRefused(extra, ErrorCode.UNKNOWN_FIELD, "transaction.accessList[0].slot");
        ObjectNode noKeys = eip1559();
        ((ObjectNode) tx(noKeys).get("accessList").get(0)).remove("storageKeys");
        assertRefused(noKeys, ErrorCode.VALIDATION_FAILED, "transaction.accessList[0].storageKeys");
        ObjectNode notArray = eip1559();
        tx(notArray).putObject("accessList");
        assertRefused(notArray, ErrorCode.INVALID_FIELD_TYPE, "transaction.accessList");
    }

    @Test
    void accessList_overTheSignerBounds_isRefusedWith413() {
        ObjectNode entries = eip1559();
        ArrayNode list = tx(entries).putArray("accessList");
        for (int i = 0; i <= SignPayload.MAX_ACCESS_LIST; i++) {
            list.addObject().put("address", "0x" + "11".repeat(20)).putArray("storageKeys");
        }
        assertRefused(entries, ErrorCode.PAYLOAD_TOO_LARGE, "transaction.accessList");
        ObjectNode keys = eip1559();
        ArrayNode storageKeys = ((ObjectNode) tx(keys).get("accessList").get(0)).putArray("storageKeys");
        for (int i = 0; i <= SignPayload.MAX_STORAGE_KEYS; i++) {
            storageKeys.add(hexOfLength(32));
        }
        assertRefused(keys, ErrorCode.PAYLOAD_TOO_LARGE, "transaction.accessList[0].storageKeys");
    }

    @Test
    void signedTransaction_thatCouldNotBeReturned_isRefusedWith413() {
        ObjectNode body = eip1559();
        tx(body).put("data", hexOfLength(SignPayload.MAX_DATA));
        ArrayNode keys = ((ObjectNode) tx(body).get("accessList").get(0)).putArray("storageKeys");
        for (int i = 0; i < 200; i++) {
            keys.add(hexOfLength(32));
        }
        assertRefused(body, ErrorCode.PAYLOAD_TOO_LARGE, "transaction.accessList");
        ObjectNode small = eip1559();
        tx(small).put("data", hexOfLength(SignPayload.MAX_DATA)); // with the vector's 2 keys
        parse(small);
    }
}
