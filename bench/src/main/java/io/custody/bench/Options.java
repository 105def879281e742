package io.custody.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs. An unknown or repeated option is refused rather than ignored. */
final class Options {

    /** The options of every command: where the service is, and the key to sign tokens with. */
    private static final Set<String> COMMON = Set.of("url", "aws-url", "key");

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** A command's options with the common ones. */
    static Set<String> withCommon(String... names) {
        Set<String> all = new HashSet<>(COMMON);
        all.addAll(Set.of(names));
        return Set.copyOf(all);
    }

    static Options parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new UsageException("expected an option, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("--" + name + " needs a value");
            }
            if (values.put(name, args[i + 1]) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return new Options(values);
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@code --name yes} or {@code --name no}. */
    boolean yesNo(String name, boolean defaultValue) {
        return switch (values.getOrDefault(name, defaultValue ? "yes" : "no")) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new UsageException("--" + name + " must be yes or no");
        };
    }

    int requiredInt(String name, int min) {
        if (!has(name)) {
            throw new UsageException("--" + name + " is required");
        }
        return intValue(name, min, 0);
    }

    int intValue(String name, int min, int defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(values.get(name));
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException("--" + name + " must be an integer of at least " + min + ", got '"
                + values.get(name) + "'");
    }

    double positiveDouble(String name) {
        try {
            double value = Double.parseDouble(values.get(name));
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException("--" + name + " must be a positive number, got '" + values.get(name) + "'");
    }
}
