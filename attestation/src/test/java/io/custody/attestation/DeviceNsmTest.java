package io.custody.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * There is no Nitro hardware here, so these tests check the native call path itself: the
 * ioctl number, and that open/ioctl failures surface as errors with their errno.
 */
class DeviceNsmTest {

    @Test
    void ioctlNumber_isIowr0x0A_0_32() {
        long iowr = (3L << 30) | (32L << 16) | (0x0AL << 8); // _IOC(READ|WRITE, 0x0A, 0, 32)
        assertEquals(iowr, DeviceNsm.NSM_IOCTL);
    }

    @Test
    void open_failsWithErrno_whenThereIsNoDevice(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> DeviceNsm.open(dir.resolve("nsm")));
        assertTrue(e.getMessage().contains("errno 2"), e.getMessage()); // ENOENT
    }

    @Test
    void call_reachesIoctl_andReportsItsErrno_onADeviceThatIsNotAnNsm(@TempDir Path dir) throws Exception {
        Path notADevice = Files.writeString(dir.resolve("regular-file"), "x");
        try (DeviceNsm nsm = DeviceNsm.open(notADevice)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> nsm.call(new byte[] {0x69, 'G', 'e', 't', 'R', 'a', 'n', 'd', 'o', 'm'}));
            assertTrue(e.getMessage().contains("errno 25"), e.getMessage()); // ENOTTY: ioctl on a regular file
        }
    }

    @Test
    void oversizeRequest_isAnsweredAsTheNsmWould() throws Exception {
        Path devNull = Path.of("/dev/null");
        try (DeviceNsm nsm = DeviceNsm.open(devNull)) {
            NsmException e = assertThrows(NsmException.class,
                    () -> new NsmClient(nsm).extendPcr(16, new byte[DeviceNsm.MAX_REQUEST + 1]));
            assertEquals(NsmErrorCode.INPUT_TOO_LARGE, e.code());
        }
    }
}
