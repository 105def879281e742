package io.custody.enclave.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import fr.acinq.secp256k1.Secp256k1;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.security.SecureRandom;

/**
 * {@code secp256k1_ecdsa_sign_recoverable}, called through the Java FFM API in the libsecp256k1
 * binary that secp256k1-kmp ships and loads. Why: kmp's JNI API exposes only non-recoverable
 * signing, so the recovery id would have to be found by trial recovery (1.5 recoveries per
 * signature on average, each costing ~1.8 signatures). libsecp256k1 computes the id while signing;
 * taking it from there leaves exactly one recovery, the check in {@link Secp256k1Engine}.
 *
 * <p>Same library, same RFC 6979 nonce function (a null {@code noncefp} is the default, null
 * {@code ndata} = no extra entropy), so signatures are bit-identical to kmp's {@code sign}. The
 * context is created once and randomized (side-channel blinding of the signing multiplication);
 * after that it is only read, which libsecp256k1 documents as thread-safe. The private key is
 * copied into native memory for the call and zeroed before that memory is released.
 *
 * <p>Needs native access: run with {@code --enable-native-access=ALL-UNNAMED}. If the symbols
 * cannot be found (another loader, another build of the library) class initialization fails and
 * nothing is signed.
 */
final class RecoverableSigner {

    private static final int SECP256K1_CONTEXT_NONE = 1;
    private static final MethodHandle SIGN_RECOVERABLE;
    private static final MethodHandle SERIALIZE_COMPACT;
    private static final MemorySegment CONTEXT;

    static {
        Secp256k1.get(); // makes secp256k1-kmp load the native library into this class loader
        SymbolLookup lib = SymbolLookup.loaderLookup();
        Linker linker = Linker.nativeLinker();
        MethodHandle create = linker.downcallHandle(lib.findOrThrow("secp256k1_context_create"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
        MethodHandle randomize = linker.downcallHandle(lib.findOrThrow("secp256k1_context_randomize"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        SIGN_RECOVERABLE = linker.downcallHandle(lib.findOrThrow("secp256k1_ecdsa_sign_recoverable"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        SERIALIZE_COMPACT = linker.downcallHandle(
                lib.findOrThrow("secp256k1_ecdsa_recoverable_signature_serialize_compact"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            CONTEXT = (MemorySegment) create.invokeExact(SECP256K1_CONTEXT_NONE);
            if (CONTEXT.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("secp256k1_context_create failed");
            }
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            MemorySegment seedSegment = arena.allocateFrom(JAVA_BYTE, seed);
            int ok = (int) randomize.invokeExact(CONTEXT, seedSegment);
            seedSegment.fill((byte) 0);
            java.util.Arrays.fill(seed, (byte) 0);
            if (ok != 1) {
                throw new IllegalStateException("secp256k1_context_randomize failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot initialize libsecp256k1 context", t);
        }
    }

    private RecoverableSigner() {}

    /** {@code r || s || recId} (65 bytes) for a 32-byte hash and a valid 32-byte private key. */
    static byte[] sign(byte[] privateKey, byte[] hash) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocateFrom(JAVA_BYTE, privateKey);
            try {
                MemorySegment msg = arena.allocateFrom(JAVA_BYTE, hash);
                MemorySegment sig = arena.allocate(65); // opaque secp256k1_ecdsa_recoverable_signature
                MemorySegment compact = arena.allocate(64);
                MemorySegment recId = arena.allocate(JAVA_INT);
                int ok = (int) SIGN_RECOVERABLE.invokeExact(CONTEXT, sig, msg, key,
                        MemorySegment.NULL, MemorySegment.NULL);
                if (ok != 1) {
                    throw new IllegalStateException("secp256k1_ecdsa_sign_recoverable failed");
                }
                ok = (int) SERIALIZE_COMPACT.invokeExact(CONTEXT, compact, recId, sig);
                if (ok != 1) {
                    throw new IllegalStateException("recoverable signature serialization failed");
                }
                byte[] out = new byte[65];
                MemorySegment.copy(compact, JAVA_BYTE, 0, out, 0, 64);
                out[64] = (byte) recId.get(JAVA_INT, 0);
                return out;
            } finally {
                key.fill((byte) 0);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libsecp256k1 call failed", t);
        }
    }
}
