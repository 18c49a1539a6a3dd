package homelabarr.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing /proc/net tables from sample files. */
class ProcNetTest {
    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @Test
    void listeningTcpAndBoundUdpSocketsOfBothFamilies(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("tcp"), HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1\n"
                + "   1: 0100007F:A2C4 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 2\n"
                + "   2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3\n");
        Files.writeString(proc.resolve("tcp6"), HEADER
                + "   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 4\n"
                + "   1: 00000000000000000000000000000000:1F92 00000000000000000000000000000000:0000 06 0:0 0:0 0 0 0 5\n");
        Files.writeString(proc.resolve("udp"), HEADER
                + "  10: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 6\n"
                + "  11: 0100007F:C350 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 7\n");
        // udp6 missing: fine, the others are read
        assertThat(new LocalFiles(proc).listeners().orElseThrow())
                .containsExactly(new Listener(8080, "tcp"), new Listener(22, "tcp"), new Listener(8081, "tcp"),
                        new Listener(53, "udp"), new Listener(50000, "udp"));
    }

    @Test
    void unreadableProcMeansNotVisible(@TempDir Path empty) {
        assertThat(new LocalFiles(empty.resolve("missing")).listeners()).isEmpty();
    }

    @Test
    void malformedRowsAreIgnored() {
        assertThat(ProcNet.parse("garbage", "tcp")).isEmpty();
        assertThat(ProcNet.parse("   0: 0100007F:ZZZZ 00000000:0000 0A", "tcp")).isEmpty();
        assertThat(ProcNet.parse("   0: 0100007F:0000 00000000:0000 07", "udp")).isEmpty();
    }
}
