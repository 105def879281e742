package io.custody.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Load benchmark of a running custody-api in the dev profile (its emulators on the AWS port).
 *
 * <pre>
 *   scripts/java -jar bench/target/bench.jar batch --count 100000
 *   scripts/java -jar bench/target/bench.jar sign --accounts 1000 --clients 16 --duration 30 [--rate 500]
 * </pre>
 *
 * Every run creates its own tenant, so runs never share accounts and can be compared.
 */
public final class Bench {

    static final String USAGE = """
            usage: bench <command> [options]
              batch --count N [--download yes|no]
                  one batch of N accounts: progress, accounts/s, emulator calls, Secrets Manager cost,
                  then (unless --download no) the address download (lines/s) and its count check
              sign --accounts A --clients C --duration S [--rate R] [--warmup W] [--policy-rules N]
                  A accounts (one batch), then C clients sign EIP-1559 transactions round robin for
                  W seconds of warm-up (default 5) and S seconds measured; closed loop, or open loop
                  at R requests/s in total with --rate; --policy-rules N signs under an N-rule policy
                  (with an account limit) instead of the default allow-all
              audit --events N [--pages P] [--export E] [--db-url U] [--db-user U] [--db-password P]
                  N audit events generated with SQL for a new tenant (PostgreSQL at U, default
                  jdbc:postgresql://127.0.0.1:5432/custody as postgres), then P filtered first pages of
                  each kind (default 200; p50/p95/p99) and an NDJSON export of the newest E (default
                  1,000,000; rows/s); --tenant T measures a tenant an earlier run generated
            common options:
              --url U       custody-api (default http://127.0.0.1:8080)
              --aws-url U   the local AWS emulators (default http://127.0.0.1:4566)
              --key PEM     the dev JWT private key (default config/dev-jwt/private-key.pem)
            """;

    private Bench() {
    }

    /**
     * Parses the command's options and builds it before anything is printed or called (a bad
     * option or key fails first), then prints the header and runs it.
     */
    private static void run(String command, String[] args, java.util.Set<String> allowed,
            java.util.function.Function<Options, java.util.function.Consumer<Target>> create) {
        Options options = Options.parse(args, allowed);
        java.util.function.Consumer<Target> bench = create.apply(options);
        Target target = Target.from(options);
        printHeader(command, target);
        bench.accept(target);
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        Locale.setDefault(Locale.ROOT); // the same number format (1,234.5) on every machine
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "batch" -> run(command, rest, BatchBench.OPTIONS, options -> new BatchBench(options)::run);
                case "sign" -> run(command, rest, SignBench.OPTIONS, options -> new SignBench(options)::run);
                case "audit" -> run(command, rest, AuditBench.OPTIONS, options -> new AuditBench(options)::run);
                default -> throw new UsageException("unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (BenchException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** What a number was measured on: results from different machines or JDKs are not comparable. */
    private static void printHeader(String command, Target target) {
        System.out.println("== bench " + command + "  " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.printf("machine   %d cores (availableProcessors), %s %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() >> 20);
        // The same facts as `java -version` of this JVM, from its own properties.
        System.out.printf("java      version \"%s\" %s%n          %s %s (build %s)%n          %s (%s)%n",
                System.getProperty("java.version"), System.getProperty("java.version.date", ""),
                System.getProperty("java.runtime.name"), System.getProperty("java.vendor.version", ""),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.info"));
        System.out.println("target    " + target.url() + " (emulators " + target.awsUrl() + ")");
    }
}
