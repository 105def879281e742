package io.custody.enclave;

import fr.acinq.secp256k1.Secp256k1;
import io.custody.enclave.internal.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Single-threaded throughput of the signing core, then the signer through its protocol
 * ({@link io.custody.enclave.server.ProtocolBenchmark}: cold-path latency and signatures per second
 * per payload type, next to the raw signing rate measured here). Not a test (surefire does not
 * pick it up by name); run it with the command in README.md. Plain Java: a warm-up, then timed
 * rounds of a fixed duration; prints operations per second and the median of the rounds.
 */
public final class SignerBenchmark {

    private static final long WARMUP_MS = Long.getLong("bench.warmupMs", 2_000);
    private static final long ROUND_MS = Long.getLong("bench.roundMs", 2_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        Secp256k1 lib = Secp256k1.get();
        EnclaveSigner signer = new EnclaveSigner(AllowEverything.POLICY);
        KeyIdentity id = new KeyIdentity(UUID.randomUUID(), UUID.randomUUID(), 1, Curve.SECP256K1);
        SecretBytes dek = SecretBytes.random(32, random);
        SecretBytes raw = Secp256k1Keys.generate(random);
        EthAddress address = Secp256k1Keys.publicKey(raw).address();
        byte[] wrapped = AccountKeyWrapper.wrap(dek, id, raw);
        SigningKey key = SigningKey.unwrap(dek, id, wrapped, address);
        byte[] d = raw.unsafeBytes();

        byte[][] hashes = new byte[1024][];
        byte[][] sigs = new byte[1024][];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Keccak.keccak256(new byte[] {(byte) i, (byte) (i >> 8)});
            sigs[i] = lib.sign(hashes[i], d, null);
        }
        List<Eip1559Transaction> txs = new ArrayList<>();
        List<Eip191Message> messages = new ArrayList<>();
        List<Eip712TypedData> typed = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            txs.add(new Eip1559Transaction(BigInteger.ONE, BigInteger.valueOf(i), BigInteger.valueOf(1_500_000_000L),
                    BigInteger.valueOf(40_000_000_000L), BigInteger.valueOf(21_000),
                    Optional.of(EthAddress.parse("0x" + "35".repeat(20))), BigInteger.TEN.pow(17), new byte[0],
                    List.of()));
            messages.add(new Eip191Message(("Sign in to example.com, nonce " + i).getBytes(StandardCharsets.UTF_8)));
            typed.add(mail(i));
        }

        System.out.printf("enclave-signer benchmark: 1 thread, warm-up %d ms, %d rounds x %d ms, JDK %s, %s%n",
                WARMUP_MS, ROUNDS, ROUND_MS, Runtime.version(), System.getProperty("os.arch"));
        double rawSign = run("raw libsecp256k1 sign (32-byte hash)", i -> sink = lib.sign(hashes[i & 1023], d, null));
        double recover = run("raw libsecp256k1 ecdsaRecover", i -> sink = lib.ecdsaRecover(sigs[i & 1023], hashes[i & 1023], i & 1));
        run("raw libsecp256k1 pubkeyCreate", i -> sink = lib.pubkeyCreate(d));
        double eip1559 = run("EIP-1559 end-to-end (encode+hash+sign+low-S+recovery check)",
                i -> sink = signer.sign(key, txs.get(i & 1023)));
        run("EIP-1559 with unwrap (AES-GCM unwrap + sign + wipe)", i -> {
            try (SigningKey k = SigningKey.unwrap(dek, id, wrapped, address)) {
                sink = signer.sign(k, txs.get(i & 1023));
            }
        });
        run("EIP-191 personal_sign end-to-end", i -> sink = signer.sign(key, messages.get(i & 1023)));
        run("EIP-712 (Mail) end-to-end", i -> sink = signer.sign(key, typed.get(i & 1023)));
        List<UUID> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(UUID.randomUUID());
        }
        double batches = run("key generate+wrap, batches of 1000 (batches/s)",
                i -> sink = AccountKeyWrapper.generateAndWrap(dek, id.tenantId(), 1, batch, random));
        System.out.printf("%-62s %,12.0f /s%n", "=> keys generated+wrapped", batches * batch.size());
        System.out.printf("%-62s %11.1f %%%n", "=> ratio EIP-1559 end-to-end / raw sign", 100 * eip1559 / rawSign);
        System.out.printf("%-62s %11.1f %%%n", "=> ceiling with one recovery check: 1/(1 + t_recover/t_sign)",
                100 / (1 + rawSign / recover));
        key.close();
        raw.close();
        dek.close();
        io.custody.enclave.server.ProtocolBenchmark.run(rawSign, WARMUP_MS, ROUND_MS, ROUNDS);
    }

    private static Eip712TypedData mail(int i) {
        return new Eip712TypedData(
                Map.of("Person", List.of(new Eip712Field("name", "string"), new Eip712Field("wallet", "address")),
                        "Mail", List.of(new Eip712Field("from", "Person"), new Eip712Field("to", "Person"),
                                new Eip712Field("contents", "string"))),
                "Mail",
                Map.of("name", "Ether Mail", "version", "1", "chainId", 1,
                        "verifyingContract", "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
                Map.of("from", Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
                        "to", Map.of("name", "Bob", "wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
                        "contents", "Hello, Bob! #" + i));
    }

    /** Warm-up, then {@code ROUNDS} timed rounds; prints and returns the median ops/s. */
    private static double run(String name, IntConsumer op) {
        timed(op, WARMUP_MS);
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            rates[r] = timed(op, ROUND_MS);
        }
        Arrays.sort(rates);
        double median = rates[ROUNDS / 2];
        System.out.printf("%-62s %,12.0f /s  (%.1f us/op; rounds %s)%n", name, median, 1e6 / median,
                Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
        return median;
    }

    private static double timed(IntConsumer op, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long start = System.nanoTime();
        int n = 0;
        long now;
        do {
            for (int k = 0; k < 64; k++) {
                op.accept(n++);
            }
            now = System.nanoTime();
        } while (now < deadline);
        return n * 1e9 / (now - start);
    }
}
