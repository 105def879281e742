package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void parse_acceptsEveryDocumentedOption() {
        Main.parse(new String[] {"--port", "0", "--host", "127.0.0.1", "--data-dir", "target/x", "--region", "eu-west-1",
                "--account", "444455556666", "--principal", "AKIA1=arn:aws:iam::444455556666:role/r"});
        assertNull(Main.parse(new String[] {"--help"}));
    }

    @Test
    void parse_rejectsUnknownOrIncompleteOptions() {
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--principal", "no-equals"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--account", "12"}));
    }
}
