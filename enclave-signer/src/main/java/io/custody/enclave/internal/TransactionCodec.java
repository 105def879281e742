package io.custody.enclave.internal;

import io.custody.enclave.AccessListEntry;
import io.custody.enclave.Eip1559Transaction;
import io.custody.enclave.Eip2930Transaction;
import io.custody.enclave.EthAddress;
import io.custody.enclave.LegacyTransaction;
import io.custody.enclave.TransactionPayload;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RLP serialization of transactions, unsigned (what is hashed and signed) and signed (what is
 * broadcast). Fields are encoded once and shared by both forms.
 *
 * <pre>
 *   legacy (EIP-155) unsigned: rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0])
 *   legacy (EIP-155) signed:   rlp([nonce, gasPrice, gasLimit, to, value, data, v, r, s]),
 *                              v = chainId * 2 + 35 + yParity
 *   EIP-2930: 0x01 || rlp([chainId, nonce, gasPrice, gasLimit, to, value, data, accessList(, yParity, r, s)])
 *   EIP-1559: 0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value,
 *                          data, accessList(, yParity, r, s)])
 * </pre>
 */
public final class TransactionCodec {

    private static final byte[] EMPTY = Rlp.string(new byte[0]);
    private static final BigInteger THIRTY_FIVE = BigInteger.valueOf(35);

    /** The encoded fields of one transaction, before the signature (or EIP-155 suffix). */
    public static final class Fields {
        private final TransactionPayload tx;
        private final List<byte[]> items;

        private Fields(TransactionPayload tx, List<byte[]> items) {
            this.tx = tx;
            this.items = items;
        }

        /** The bytes whose Keccak-256 is signed. */
        public byte[] unsigned() {
            if (tx instanceof LegacyTransaction legacy) {
                List<byte[]> all = new ArrayList<>(items);
                all.add(Rlp.unsigned(legacy.chainId()));
                all.add(EMPTY);
                all.add(EMPTY);
                return Rlp.list(all);
            }
            return typed(Rlp.list(items));
        }

        /** The broadcastable signed transaction. */
        public byte[] signed(int yParity, byte[] r, byte[] s) {
            List<byte[]> all = new ArrayList<>(items);
            all.add(tx instanceof LegacyTransaction legacy
                    ? Rlp.unsigned(legacyV(legacy.chainId(), yParity))
                    : Rlp.unsigned(yParity));
            all.add(Rlp.unsigned(r));
            all.add(Rlp.unsigned(s));
            return typed(Rlp.list(all));
        }

        private byte[] typed(byte[] rlp) {
            int type = switch (tx) {
                case LegacyTransaction l -> -1;
                case Eip2930Transaction t -> 0x01;
                case Eip1559Transaction t -> 0x02;
            };
            if (type < 0) {
                return rlp;
            }
            byte[] out = new byte[rlp.length + 1];
            out[0] = (byte) type;
            System.arraycopy(rlp, 0, out, 1, rlp.length);
            return out;
        }
    }

    private TransactionCodec() {}

    /** EIP-155: {@code v = chainId * 2 + 35 + yParity} (may exceed 64 bits for large chain ids). */
    public static BigInteger legacyV(BigInteger chainId, int yParity) {
        return chainId.shiftLeft(1).add(THIRTY_FIVE).add(BigInteger.valueOf(yParity));
    }

    public static Fields fields(TransactionPayload tx) {
        List<byte[]> items = new ArrayList<>(12);
        switch (tx) {
            case LegacyTransaction t -> {
                items.add(Rlp.unsigned(t.nonce()));
                items.add(Rlp.unsigned(t.gasPrice()));
                items.add(Rlp.unsigned(t.gasLimit()));
                items.add(to(t.to()));
                items.add(Rlp.unsigned(t.value()));
                items.add(Rlp.string(t.data()));
            }
            case Eip2930Transaction t -> {
                items.add(Rlp.unsigned(t.chainId()));
                items.add(Rlp.unsigned(t.nonce()));
                items.add(Rlp.unsigned(t.gasPrice()));
                items.add(Rlp.unsigned(t.gasLimit()));
                items.add(to(t.to()));
                items.add(Rlp.unsigned(t.value()));
                items.add(Rlp.string(t.data()));
                items.add(accessList(t.accessList()));
            }
            case Eip1559Transaction t -> {
                items.add(Rlp.unsigned(t.chainId()));
                items.add(Rlp.unsigned(t.nonce()));
                items.add(Rlp.unsigned(t.maxPriorityFeePerGas()));
                items.add(Rlp.unsigned(t.maxFeePerGas()));
                items.add(Rlp.unsigned(t.gasLimit()));
                items.add(to(t.to()));
                items.add(Rlp.unsigned(t.value()));
                items.add(Rlp.string(t.data()));
                items.add(accessList(t.accessList()));
            }
        }
        return new Fields(tx, items);
    }

    private static byte[] to(Optional<EthAddress> to) {
        return to.map(a -> Rlp.string(a.bytes())).orElse(EMPTY);
    }

    private static byte[] accessList(List<AccessListEntry> entries) {
        List<byte[]> encoded = new ArrayList<>(entries.size());
        for (AccessListEntry e : entries) {
            List<byte[]> keys = new ArrayList<>();
            for (byte[] k : e.storageKeys()) {
                keys.add(Rlp.string(k));
            }
            encoded.add(Rlp.list(List.of(Rlp.string(e.address().bytes()), Rlp.list(keys))));
        }
        return Rlp.list(encoded);
    }
}
