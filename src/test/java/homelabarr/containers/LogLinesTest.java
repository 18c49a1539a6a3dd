package homelabarr.containers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogLinesTest {
    private static final String TS = "2024-05-01T10:00:00.123456789Z ";
    private final List<LogEntry> out = new ArrayList<>();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds {@code text} in pieces of {@code size} bytes, as docker-java's chunking or a raw TTY stream would. */
    private static void feed(LogLines lines, boolean stderr, String text, int size) {
        byte[] all = bytes(text);
        for (int i = 0; i < all.length; i += size) {
            byte[] piece = Arrays.copyOfRange(all, i, Math.min(all.length, i + size));
            lines.accept(stderr, piece, piece.length);
        }
    }

    @Test
    void linesSplitAcrossFramesAreJoinedPerStream() {
        LogLines lines = new LogLines(false, out::add);
        lines.accept(false, bytes("hel"), 3);
        lines.accept(true, bytes("oops\nwa"), 7);
        lines.accept(false, bytes("lo\nworld\n"), 9);
        lines.accept(true, bytes("rning"), 5);
        lines.finish();
        assertThat(out).extracting(e -> e.stream() + ":" + e.line())
                .containsExactly("stderr:oops", "stdout:hello", "stdout:world", "stderr:warning");
        assertThat(out).allSatisfy(e -> assertThat(e.timestamp()).isNull());
    }

    @Test
    void multiByteCharactersSurviveByteByByteDelivery() {
        LogLines lines = new LogLines(false, out::add);
        feed(lines, false, "grüße 🚀\n", 1);
        assertThat(out).extracting(LogEntry::line).containsExactly("grüße 🚀");
    }

    @Test
    void rawTtyStreamIsStdoutWithoutCarriageReturns() {
        LogLines lines = new LogLines(false, out::add);
        feed(lines, false, "one\r\ntwo\r\n\r\nthree", 2);
        lines.finish();
        assertThat(out).extracting(e -> e.stream() + ":" + e.line())
                .containsExactly("stdout:one", "stdout:two", "stdout:", "stdout:three");
    }

    @Test
    void timestampsAreParsedAndRemoved() {
        LogLines lines = new LogLines(true, out::add);
        feed(lines, false, TS + "first line\n" + TS + "second\n", 5);
        assertThat(out).extracting(LogEntry::line).containsExactly("first line", "second");
        assertThat(out.getFirst().timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
    }

    @Test
    void theContinuationTimestampOfASplitLongLineIsDropped() {
        String part1 = "a".repeat(LogLines.MESSAGE_BYTES);
        String part2 = "b".repeat(LogLines.MESSAGE_BYTES);
        String later = "2024-05-01T10:00:01.000000000Z ";
        LogLines lines = new LogLines(true, out::add);
        feed(lines, true, TS + part1 + later + part2 + later + "c\n" + later + "next\n", 1024);
        assertThat(out).extracting(LogEntry::line).containsExactly(part1 + part2 + "c", "next");
        assertThat(out.getFirst().timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
        assertThat(out.getFirst().stream()).isEqualTo("stderr");
    }

    @Test
    void aLineOfExactlyOneMessageEndsNormally() {
        String exact = "x".repeat(LogLines.MESSAGE_BYTES);
        LogLines lines = new LogLines(true, out::add);
        feed(lines, false, TS + exact + "\n" + TS + "after\n", 1000);
        assertThat(out).extracting(LogEntry::line).containsExactly(exact, "after");
    }

    @Test
    void overlongLinesAreCutAndMarked() {
        LogLines lines = new LogLines(false, out::add);
        feed(lines, false, "y".repeat(LogLines.MAX_LINE_BYTES + 10) + "\nshort\n", 4096);
        assertThat(out.getFirst().line()).hasSize(LogLines.MAX_LINE_BYTES);
        assertThat(out.getFirst().truncated()).isTrue();
        assertThat(out.get(1).truncated()).isNull();
    }
}
