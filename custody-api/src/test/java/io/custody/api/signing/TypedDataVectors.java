package io.custody.api.signing;

import static io.custody.api.signing.SigningJson.object;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * EIP-712 vectors copied from shared/vectors/ethereum/typed-data.json.gz (its {@code data} member
 * renamed {@code message}, as in eth_signTypedData_v4).
 */
final class TypedDataVectors {
    /** "EIP712 example": the Mail example of the EIP; the vector's signature is used in SignatureResponsesTest. */
    static final String MAIL = """
            {"types": {
               "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
               "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person"},
                        {"name": "contents", "type": "string"}]},
             "primaryType": "Mail",
             "domain": {"name": "Ether Mail", "version": "1", "chainId": 1,
                        "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
             "message": {"from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
                         "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
                         "contents": "Hello, Bob!"}}
            """;

    /** "random-1": bytes, bytes11, non-ASCII strings, a JSON integer chainId and a salt. */
    static final String RANDOM_1 = """
            {"types": {"Struct6": [{"name": "param2", "type": "bytes"}, {"name": "param3", "type": "bytes11"},
               {"name": "param4", "type": "bytes"}, {"name": "param5", "type": "string"}]},
             "primaryType": "Struct6",
             "domain": {"name": "Moo é🚀éoMo🚀 oé🚀🚀🚀MéooMéooo éo oé  🚀M🚀  🚀 o", "version": "22.43.44", "chainId": 1268,
                        "salt": "0x6ebb306942854acbb10134c9dee015937042c39da2ee124eb926ad77df52dbe0"},
             "message": {"param2": "0x2364d8559a1777b684a9121d132c4b4237e2534bd5a0",
                         "param3": "0x90166c1d5cf7f1be5e4535",
                         "param4": "0x0f6c35f4b0fa348c603ee0070c8f4f971805c4d9d2ddb8acb82e806e1f4b2c1bc500e41b882213648af39dd4a29d303a31f68476cf803ef8c9024509b2f164",
                         "param5": "Moo é🚀MoM🚀éoMMooM🚀ooéM Mééo"}}
            """;

    /** "random-2" (strings shortened): a negative int32 as a string, a fixed-size string array, an address. */
    static final String RANDOM_2 = """
            {"types": {"Struct6": [{"name": "param2", "type": "int32"}, {"name": "param3", "type": "string[3]"},
               {"name": "param5", "type": "address"}]},
             "primaryType": "Struct6",
             "domain": {"verifyingContract": "0xb98ccb3b2f1843cdd391295779890c162f2833ea"},
             "message": {"param2": "-828619503",
                         "param3": ["Moo é🚀o🚀oo🚀o", "Moo é🚀o🚀M ééé🚀", "Moo é🚀 🚀oooéé"],
                         "param5": "0xd5cf50b584016c19732d845cc9c8d3a43ce41362"}}
            """;

    /** "Boundary values" (a subset): integer extremes, as JSON integers and as decimal strings, and an empty domain. */
    static final String BOUNDARIES = """
            {"types": {"Values": [
               {"name": "uint8_0", "type": "uint8"}, {"name": "uint8_255", "type": "uint8"},
               {"name": "int8__128", "type": "int8"}, {"name": "int8_127", "type": "int8"},
               {"name": "uint256_max", "type": "uint256"}, {"name": "int256__1", "type": "int256"},
               {"name": "int256_min", "type": "int256"}, {"name": "int256_max", "type": "int256"}]},
             "primaryType": "Values",
             "domain": {},
             "message": {"uint8_0": 0, "uint8_255": 255, "int8__128": -128, "int8_127": 127,
               "uint256_max": "115792089237316195423570985008687907853269984665640564039457584007913129639935",
               "int256__1": -1,
               "int256_min": "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
               "int256_max": "57896044618658097711785492504343953926634992332820282019728792003956564819967"}}
            """;

    private TypedDataVectors() {
    }

    /** The request body {@code {"type": "eip712_typed_data", "typedData": ...}}. */
    static ObjectNode request(String typedData) {
        ObjectNode body = object("{\"type\": \"eip712_typed_data\"}");
        body.set("typedData", object(typedData));
        return body;
    }

    static ObjectNode typedData(ObjectNode request) {
        return (ObjectNode) request.get("typedData");
    }
}
