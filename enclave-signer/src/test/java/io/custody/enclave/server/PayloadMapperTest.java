package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.custody.enclave.Eip1559Transaction;
import io.custody.enclave.Eip2930Transaction;
import io.custody.enclave.Eip712TypedData;
import io.custody.enclave.InvalidPayloadException;
import io.custody.enclave.LegacyTransaction;
import io.custody.enclave.internal.Eip712Encoder;
import io.custody.enclave.internal.Hex;
import io.custody.enclave.protocol.SignPayload;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PayloadMapperTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();

    private static byte[] digest(Eip712TypedData t) {
        return Eip712Encoder.digest(t.types(), t.primaryType(), t.domain(), t.message());
    }

    @SuppressWarnings("unchecked")
    @Test
    void typedDataJson_ofAll130EthersVectors_givesTheVectorDigest_rawAndEscaped() throws Exception {
        Path file = Path.of(System.getProperty("custody.shared.dir"), "vectors/ethereum/typed-data.json.gz");
        List<Map<String, Object>> vectors;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            vectors = JSON.readValue(in, List.class);
        }
        ObjectMapper escaping = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        assertEquals(130, vectors.size());
        for (Map<String, Object> v : vectors) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("types", v.get("types"));
            document.put("primaryType", v.get("primaryType"));
            document.put("domain", v.get("domain"));
            document.put("message", v.get("data"));
            for (String json : List.of(JSON.writeValueAsString(document), escaping.writeValueAsString(document))) {
                assertEquals(v.get("digest"), Hex.encode0x(digest(PayloadMapper.typedData(json))), (String) v.get("name"));
            }
        }
    }

    @Test
    void eip712MailExample_givesThePublishedDigest() {
        assertEquals(Payloads.MAIL_DIGEST, Hex.encode(digest(PayloadMapper.typedData(Payloads.MAIL_JSON))));
    }

    @Test
    void nestedExample_givesTheSignTypedDataV4Digest() {
        assertEquals("a85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2",
                Hex.encode(digest(PayloadMapper.typedData(Payloads.NESTED_JSON))));
    }

    @Test
    void typedData_withAnExtraOrMissingMember_isRefused() {
        String extra = Payloads.MAIL_JSON.replaceFirst("\\{", "{\"extra\": 1, ");
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.typedData(extra));
        String missing = "{\"types\": {}, \"primaryType\": \"X\", \"domain\": {}}";
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.typedData(missing));
        String extraFieldKey = Payloads.MAIL_JSON.replace("{\"name\": \"contents\", \"type\": \"string\"}",
                "{\"name\": \"contents\", \"type\": \"string\", \"hidden\": \"x\"}");
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.typedData(extraFieldKey));
    }

    @Test
    void typedData_withNullOrAFraction_isRefused() {
        String withNull = Payloads.MAIL_JSON.replace("\"Hello, Bob!\"", "null");
        assertTrue(assertThrows(InvalidPayloadException.class, () -> PayloadMapper.typedData(withNull))
                .getMessage().contains("message.contents"));
        String withFraction = Payloads.MAIL_JSON.replace("\"chainId\": 1,", "\"chainId\": 1.0,");
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.typedData(withFraction));
    }

    @Test
    void transactions_mapToTheirCoreTypes() {
        assertInstanceOf(Eip1559Transaction.class, PayloadMapper.toCore(Payloads.eip1559(0)));
        assertInstanceOf(Eip2930Transaction.class, PayloadMapper.toCore(Payloads.eip2930(0)));
        assertInstanceOf(LegacyTransaction.class, PayloadMapper.toCore(Payloads.legacy(0)));
        Eip1559Transaction creation = (Eip1559Transaction) PayloadMapper.toCore(Payloads.contractCreation(0));
        assertTrue(creation.to().isEmpty());
    }

    @Test
    void transaction_withFeeFieldsOfAnotherType_isRefused() {
        SignPayload.Transaction l = Payloads.legacy(0);
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.toCore(new SignPayload.Transaction(l.type(),
                l.chainId(), l.nonce(), l.to(), l.value(), l.gasLimit(), l.gasPrice(), BigInteger.ONE, null, l.data(),
                List.of())));
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.toCore(new SignPayload.Transaction(l.type(),
                l.chainId(), l.nonce(), l.to(), l.value(), l.gasLimit(), null, null, null, l.data(), List.of())));
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.toCore(new SignPayload.Transaction(l.type(),
                l.chainId(), l.nonce(), l.to(), l.value(), l.gasLimit(), l.gasPrice(), null, null, l.data(),
                Payloads.eip2930(0).accessList())));
        SignPayload.Transaction t = Payloads.eip1559(0);
        assertThrows(InvalidPayloadException.class, () -> PayloadMapper.toCore(new SignPayload.Transaction(t.type(),
                t.chainId(), t.nonce(), t.to(), t.value(), t.gasLimit(), null, t.maxFeePerGas(), null, t.data(),
                List.of())));
    }
}
