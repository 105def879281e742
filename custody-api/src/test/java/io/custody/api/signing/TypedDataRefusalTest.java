package io.custody.api.signing;

import static io.custody.api.signing.SigningJson.assertRefused;
import static io.custody.api.signing.SigningJson.json;
import static io.custody.api.signing.TypedDataVectors.request;
import static io.custody.api.signing.TypedDataVectors.typedData;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.SignPayload;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** EIP-712 requests the enclave would refuse are refused here first, with the offending path. */
class TypedDataRefusalTest {

    private static ObjectNode mail() {
        return request(TypedDataVectors.MAIL);
    }

    private static ObjectNode message(ObjectNode body) {
        return (ObjectNode) typedData(body).get("message");
    }

    private static ObjectNode member(ObjectNode body, String type, int index) {
        return (ObjectNode) typedData(body).get("types").get(type).get(index);
    }

    @Test
    void missingOrNonObjectTypedData_isRefused() {
        assertRefused("{\"type\": \"eip712_typed_data\"}", ErrorCode.VALIDATION_FAILED, "typedData");
        assertRefused("{\"type\": \"eip712_typed_data\", \"typedData\": \"{}\"}", ErrorCode.INVALID_FIELD_TYPE,
                "typedData");
    }

    @Test
    void topLevelMembers_areExactlyTypesPrimaryTypeDomainAndMessage() {
        for (String name : new String[] {"types", "primaryType", "domain", "message"}) {
            ObjectNode body = mail();
            typedData(body).remove(name);
            assertRefused(body, ErrorCode.VALIDATION_FAILED, "typedData." + name);
        }
        ObjectNode data = mail();
        typedData(data).set("data", typedData(data).remove("message")); // the vectors' own spelling
        assertRefused(data, ErrorCode.UNKNOWN_FIELD, "typedData.data");
    }

    @Test
    void wrongJsonTypes_inTheStructure_areRefused() {
        ObjectNode types = mail();
        typedData(types).putArray("types");
        assertRefused(types, ErrorCode.INVALID_FIELD_TYPE, "typedData.types");
        ObjectNode members = mail();
        ((ObjectNode) typedData(members).get("types")).putObject("Person");
        assertRefused(members, ErrorCode.INVALID_FIELD_TYPE, "typedData.types.Person");
        ObjectNode primary = mail();
        typedData(primary).put("primaryType", 1);
        assertRefused(primary, ErrorCode.INVALID_FIELD_TYPE, "typedData.primaryType");
        ObjectNode domain = mail();
        typedData(domain).putArray("domain");
        assertRefused(domain, ErrorCode.INVALID_FIELD_TYPE, "typedData.domain");
        ObjectNode memberType = mail();
        member(memberType, "Person", 1).put("type", 5);
        assertRefused(memberType, ErrorCode.INVALID_FIELD_TYPE, "typedData.types.Person[1].type");
    }

    @Test
    void typeMembers_areExactlyNameAndType() {
        ObjectNode extra = mail();
        member(extra, "Person", 0).put("description", "shown by a wallet, not signed");
        assertRefused(extra, ErrorCode.UNKNOWN_FIELD, "typedData.types.Person[0].description");
        ObjectNode missing = mail();
        member(missing, "Mail", 2).remove("type");
        assertRefused(missing, ErrorCode.VALIDATION_FAILED, "typedData.types.Mail[2].type");
    }

    @Test
    void typeDefinitions_breakingEip712Rules_areRefused() {
        ObjectNode undefined = mail();
        typedData(undefined).put("primaryType", "Letter");
        assertRefused(undefined, ErrorCode.INVALID_TYPED_DATA, "typedData.primaryType");
        ObjectNode unresolved = mail();
        member(unresolved, "Mail", 0).put("type", "Persona");
        assertRefused(unresolved, ErrorCode.INVALID_TYPED_DATA, "typedData.types.Mail[0].type");
        ObjectNode oddBits = mail();
        member(oddBits, "Mail", 2).put("type", "uint7");
        assertRefused(oddBits, ErrorCode.INVALID_TYPED_DATA, "typedData.types.Mail[2].type");
        ObjectNode duplicate = mail();
        member(duplicate, "Person", 1).put("name", "name");
        assertRefused(duplicate, ErrorCode.INVALID_TYPED_DATA, "typedData.types.Person[1].name");
        ObjectNode badName = mail();
        member(badName, "Person", 1).put("name", "wal let");
        assertRefused(badName, ErrorCode.INVALID_TYPED_DATA, "typedData.types.Person[1].name");
        ObjectNode atomicStruct = mail();
        ((ObjectNode) typedData(atomicStruct).get("types")).putArray("uint256");
        assertRefused(atomicStruct, ErrorCode.INVALID_TYPED_DATA, "typedData.types.uint256");
    }

    @Test
    void domainKeys_outsideTheCanonicalFive_needADeclaredEip712Domain() {
        ObjectNode body = mail();
        ((ObjectNode) typedData(body).get("domain")).put("app", "x");
        assertRefused(body, ErrorCode.INVALID_TYPED_DATA, "typedData.domain.app");
    }

    @Test
    void valuesReadersDisagreeOn_areRefused() {
        ObjectNode nullValue = mail();
        message(nullValue).putNull("contents");
        assertRefused(nullValue, ErrorCode.INVALID_TYPED_DATA, "typedData.message.contents");
        ObjectNode fraction = request(TypedDataVectors.BOUNDARIES);
        message(fraction).put("uint8_255", 2.5);
        assertRefused(fraction, ErrorCode.INVALID_TYPED_DATA, "typedData.message.uint8_255");
        ObjectNode exponent = request(TypedDataVectors.BOUNDARIES);
        exponent.set("typedData", json(exponent.get("typedData").toString().replace("\"uint8_0\":0", "\"uint8_0\":1e0")));
        assertRefused(exponent, ErrorCode.INVALID_TYPED_DATA, "typedData.message.uint8_0");
        ObjectNode digits = request(TypedDataVectors.BOUNDARIES);
        message(digits).put("uint256_max", new BigInteger("9".repeat(81)));
        assertRefused(digits, ErrorCode.INVALID_TYPED_DATA, "typedData.message.uint256_max");
        ObjectNode surrogate = mail();
        message(surrogate).set("contents", json("\"a\\udc00\""));
        assertRefused(surrogate, ErrorCode.INVALID_TYPED_DATA, "typedData.message.contents");
        ObjectNode nullInDomain = mail();
        ((ObjectNode) typedData(nullInDomain).get("domain")).putNull("version");
        assertRefused(nullInDomain, ErrorCode.INVALID_TYPED_DATA, "typedData.domain.version");
    }

    @Test
    void nesting_deeperThan32Levels_isRefused() {
        ObjectNode body = request("""
                {"types": {"T": [{"name": "v", "type": "uint8[][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][]"}]},
                 "primaryType": "T", "domain": {}, "message": {"v": []}}
                """);
        ArrayNode level = message(body).putArray("v");
        for (int depth = 2; depth <= 33; depth++) {
            level = level.addArray();
        }
        assertRefused(body, ErrorCode.INVALID_TYPED_DATA, "typedData.message.v" + "[0]".repeat(32));
    }

    @Test
    void valuesNotMatchingTheirTypes_areRefused_withTheirPath() {
        ObjectNode undeclared = mail();
        message(undeclared).put("cc", "Alice");
        assertRefused(undeclared, ErrorCode.INVALID_TYPED_DATA, "typedData.message.cc");
        ObjectNode missing = mail();
        ((ObjectNode) message(missing).get("to")).remove("wallet");
        assertRefused(missing, ErrorCode.INVALID_TYPED_DATA, "typedData.message.to.wallet");
        ObjectNode checksum = mail();
        ((ObjectNode) message(checksum).get("from")).put("wallet", "0xcD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        assertRefused(checksum, ErrorCode.INVALID_CHECKSUM, "typedData.message.from.wallet");
        ObjectNode notString = mail();
        message(notString).put("contents", 7);
        assertRefused(notString, ErrorCode.INVALID_FIELD_TYPE, "typedData.message.contents");
        ObjectNode notStruct = mail();
        message(notStruct).put("to", "Bob");
        assertRefused(notStruct, ErrorCode.INVALID_FIELD_TYPE, "typedData.message.to");
        ObjectNode domainChainId = mail();
        ((ObjectNode) typedData(domainChainId).get("domain")).put("chainId", "mainnet");
        assertRefused(domainChainId, ErrorCode.INVALID_QUANTITY, "typedData.domain.chainId");
    }

    @Test
    void sizedValues_outsideTheirType_areRefused() {
        ObjectNode uint8 = request(TypedDataVectors.BOUNDARIES);
        message(uint8).put("uint8_255", 256);
        assertRefused(uint8, ErrorCode.QUANTITY_OUT_OF_RANGE, "typedData.message.uint8_255");
        ObjectNode int8 = request(TypedDataVectors.BOUNDARIES);
        message(int8).put("int8__128", "-0x81");
        assertRefused(int8, ErrorCode.QUANTITY_OUT_OF_RANGE, "typedData.message.int8__128");
        ObjectNode uintNegative = request(TypedDataVectors.BOUNDARIES);
        message(uintNegative).put("uint8_0", -1);
        assertRefused(uintNegative, ErrorCode.QUANTITY_OUT_OF_RANGE, "typedData.message.uint8_0");
        ObjectNode bytes11 = request(TypedDataVectors.RANDOM_1);
        message(bytes11).put("param3", "0x90166c1d5cf7f1be5e45");
        assertRefused(bytes11, ErrorCode.INVALID_HEX, "typedData.message.param3");
        ObjectNode oddBytes = request(TypedDataVectors.RANDOM_1);
        message(oddBytes).put("param2", "0x123");
        assertRefused(oddBytes, ErrorCode.INVALID_HEX, "typedData.message.param2");
        ObjectNode fixedArray = request(TypedDataVectors.RANDOM_2);
        ((ArrayNode) message(fixedArray).get("param3")).remove(2);
        assertRefused(fixedArray, ErrorCode.INVALID_TYPED_DATA, "typedData.message.param3");
        ObjectNode badInt = request(TypedDataVectors.RANDOM_2);
        message(badInt).put("param2", "+5");
        assertRefused(badInt, ErrorCode.INVALID_QUANTITY, "typedData.message.param2");
    }

    @Test
    void typedData_over64KiBOfCanonicalJson_isRefusedWith413() {
        ObjectNode body = mail();
        message(body).put("contents", "é".repeat(SignPayload.MAX_TYPED_DATA / 2));
        assertRefused(body, ErrorCode.PAYLOAD_TOO_LARGE, "typedData");
    }
}
