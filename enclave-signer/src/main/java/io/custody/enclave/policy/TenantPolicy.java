package io.custody.enclave.policy;

import io.custody.enclave.Eip1559Transaction;
import io.custody.enclave.Eip191Message;
import io.custody.enclave.Eip2930Transaction;
import io.custody.enclave.Eip712TypedData;
import io.custody.enclave.EthAddress;
import io.custody.enclave.InvalidPayloadException;
import io.custody.enclave.LegacyTransaction;
import io.custody.enclave.PolicyDecision;
import io.custody.enclave.SigningPayload;
import io.custody.enclave.SigningPolicy;
import io.custody.enclave.SigningRequest;
import io.custody.enclave.TransactionPayload;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Enforces a {@link PolicyDocument}: a matching DENY rule refuses, whatever else matches; otherwise
 * the first matching ALLOW rule whose limits have room allows; otherwise the request is refused
 * (fail closed). The limits' current totals come from {@link Usage}, which the caller reads from
 * the signature records of the window.
 */
public final class TenantPolicy implements SigningPolicy {
    private final PolicyDocument document;
    private final Usage usage;

    /** What a limit has already let through in its current window, before this request. */
    public record Totals(BigInteger value, long count) {
        public static final Totals NONE = new Totals(BigInteger.ZERO, 0);
    }

    /**
     * The totals of limit {@code index} of {@code rule}, for the account (or the tenant, by the
     * limit's scope) this request signs for.
     */
    @FunctionalInterface
    public interface Usage {
        Totals used(PolicyDocument.Rule rule, int index);

        Usage NONE = (rule, index) -> Totals.NONE;
    }

    /** The decision, and every rule whose conditions matched (for a dry run's explanation). */
    public record Evaluation(PolicyDecision decision, List<String> matchedRuleIds) {
    }

    public TenantPolicy(PolicyDocument document, Usage usage) {
        this.document = Objects.requireNonNull(document, "document");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public PolicyDecision evaluate(SigningRequest request) {
        return explain(request.payload()).decision();
    }

    public Evaluation explain(SigningPayload payload) {
        Facts facts = Facts.of(payload);
        List<PolicyDocument.Rule> matched = new ArrayList<>();
        for (PolicyDocument.Rule rule : document.rules()) {
            if (matches(rule.when(), facts)) {
                matched.add(rule);
            }
        }
        List<String> ids = matched.stream().map(PolicyDocument.Rule::id).toList();
        for (PolicyDocument.Rule rule : matched) {
            if (rule.effect() == PolicyDocument.Effect.DENY) {
                return new Evaluation(new PolicyDecision.Deny("denied by rule " + rule.id(), rule.id()), ids);
            }
        }
        PolicyDocument.Rule full = null;
        for (PolicyDocument.Rule rule : matched) {
            if (hasRoom(rule, facts)) {
                return new Evaluation(new PolicyDecision.Allow(rule.id()), ids);
            }
            if (full == null) {
                full = rule;
            }
        }
        return new Evaluation(full != null
                ? new PolicyDecision.Deny("the limit of rule " + full.id() + " is reached", full.id())
                : new PolicyDecision.Deny("no rule allows this request", null), ids);
    }

    private boolean hasRoom(PolicyDocument.Rule rule, Facts facts) {
        for (int i = 0; i < rule.limits().size(); i++) {
            PolicyDocument.Limit limit = rule.limits().get(i);
            Totals used = usage.used(rule, i);
            if (limit.maxCount() != null && used.count() + 1 > limit.maxCount()) {
                return false;
            }
            if (limit.maxValue() != null && used.value().add(facts.valueOrZero()).compareTo(limit.maxValue()) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(PolicyDocument.Conditions when, Facts facts) {
        if (when.types() != null && !when.types().contains(facts.type())) {
            return false;
        }
        boolean transactionConditions = when.chainIds() != null || when.to() != null || when.maxValue() != null
                || when.maxFeePerGas() != null || when.methodSelectors() != null;
        if (transactionConditions && !facts.isTransaction()) {
            return false;
        }
        if (when.chainIds() != null && !when.chainIds().contains(facts.chainId())) {
            return false;
        }
        if (when.to() != null && (facts.to() == null || !when.to().contains(facts.to()))) {
            return false;
        }
        if (when.maxValue() != null && facts.value().compareTo(when.maxValue()) > 0) {
            return false;
        }
        if (when.maxFeePerGas() != null && facts.maxFeePerGas().compareTo(when.maxFeePerGas()) > 0) {
            return false;
        }
        if (when.methodSelectors() != null
                && (facts.selector() == null || !when.methodSelectors().contains(facts.selector()))) {
            return false;
        }
        return when.eip712Domain() == null || matches(when.eip712Domain(), facts);
    }

    private static boolean matches(PolicyDocument.Domain domain, Facts facts) {
        if (!facts.type().equals("eip712_typed_data")) {
            return false;
        }
        return in(domain.names(), facts.domainName()) && in(domain.chainIds(), facts.domainChainId())
                && in(domain.verifyingContracts(), facts.domainVerifyingContract());
    }

    /** An unstated condition holds; a stated one needs the value, and the value in the set. */
    private static <T> boolean in(Set<T> allowed, T value) {
        return allowed == null || (value != null && allowed.contains(value));
    }

    /** What the rules look at, taken once from the payload. Addresses: lower-case hex without 0x. */
    private record Facts(String type, BigInteger chainId, String to, BigInteger value, BigInteger maxFeePerGas,
            String selector, String domainName, BigInteger domainChainId, String domainVerifyingContract) {

        boolean isTransaction() {
            return chainId != null;
        }

        BigInteger valueOrZero() {
            return value == null ? BigInteger.ZERO : value;
        }

        static Facts of(SigningPayload payload) {
            return switch (payload) {
                case TransactionPayload tx -> new Facts(typeOf(tx), tx.chainId(), tx.to().map(Facts::hex).orElse(null),
                        tx.value(), feeOf(tx), selectorOf(tx.data()), null, null, null);
                case Eip191Message m -> new Facts("eip191_message", null, null, null, null, null, null, null, null);
                case Eip712TypedData t -> new Facts("eip712_typed_data", null, null, null, null, null,
                        t.domain().get("name") instanceof String name ? name : null,
                        integer(t.domain().get("chainId")), address(t.domain().get("verifyingContract")));
            };
        }

        private static String typeOf(TransactionPayload tx) {
            return switch (tx) {
                case Eip1559Transaction t -> "eip1559_transaction";
                case Eip2930Transaction t -> "eip2930_transaction";
                case LegacyTransaction t -> "legacy_transaction";
            };
        }

        private static BigInteger feeOf(TransactionPayload tx) {
            return switch (tx) {
                case Eip1559Transaction t -> t.maxFeePerGas();
                case Eip2930Transaction t -> t.gasPrice();
                case LegacyTransaction t -> t.gasPrice();
            };
        }

        /** The first 4 bytes of call data in hex; "" for none; null for 1 to 3 bytes (matches no selector). */
        private static String selectorOf(byte[] data) {
            if (data.length == 0) {
                return "";
            }
            return data.length < 4 ? null : HexFormat.of().formatHex(data, 0, 4);
        }

        private static String hex(EthAddress address) {
            return HexFormat.of().formatHex(address.bytes());
        }

        private static BigInteger integer(Object value) {
            try {
                return switch (value) {
                    case BigInteger i -> i;
                    case String s when s.startsWith("0x") -> new BigInteger(s.substring(2), 16);
                    case String s -> new BigInteger(s);
                    case null, default -> null;
                };
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String address(Object value) {
            try {
                return switch (value) {
                    case EthAddress a -> hex(a);
                    case byte[] b when b.length == EthAddress.LENGTH -> HexFormat.of().formatHex(b);
                    case String s -> hex(EthAddress.parse(s.toLowerCase(Locale.ROOT)));
                    case null, default -> null;
                };
            } catch (InvalidPayloadException e) {
                return null;
            }
        }
    }
}
