package org.w3id.mevo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.MevoException;

/** The benchmark's one subprocess helper, against real processes (sh, sleep). */
@Tag("fast")
class BenchProcessesTest {
    @TempDir Path dir;

    @Test
    void runReturnsTheExitCodeSeesTheEnvironmentAndKillsOnTimeOut() {
        assertEquals(7, BenchProcesses.run(List.of("sh", "-c", "[ \"$MEVO_X\" = yes ] && exit 7"), dir, Duration.ofSeconds(30),
                Map.of("MEVO_X", "yes")));
        long t0 = System.nanoTime();
        assertEquals(-1, BenchProcesses.run(List.of("sleep", "30"), dir, Duration.ofMillis(300), Map.of()));
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "killed at its time limit, not after 30 s");
        assertEquals(-1, BenchProcesses.run(List.of("/nonexistent/program"), dir, Duration.ofSeconds(5), Map.of()));
    }

    @Test
    void checkFailsWithTheCommandItsExitCodeAndItsOutput() {
        BenchProcesses.check(List.of("sh", "-c", "echo fine > made.txt"), dir, Duration.ofSeconds(30));
        assertTrue(Files.exists(dir.resolve("made.txt")), "ran in the given folder");
        var e = assertThrows(MevoException.class,
                () -> BenchProcesses.check(List.of("sh", "-c", "echo why it broke >&2; exit 3"), dir, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("failed (3)") && e.getMessage().contains("why it broke"), e.getMessage());
        var t = assertThrows(MevoException.class, () -> BenchProcesses.check(List.of("sleep", "30"), dir, Duration.ofMillis(300)));
        assertTrue(t.getMessage().contains("did not finish"), t.getMessage());
    }

    @Test
    void stopEndsTheProcessAndItsChildren() throws Exception {
        Path log = dir.resolve("tree.log");
        Process p = BenchProcesses.start(List.of("sh", "-c", "sleep 60 & echo started; wait"), dir, log);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (p.descendants().findAny().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        List<ProcessHandle> children = p.descendants().toList();
        assertFalse(children.isEmpty(), "the shell started its child");
        BenchProcesses.stop(p, Duration.ofSeconds(5));
        assertFalse(p.isAlive(), "the process is stopped");
        for (ProcessHandle c : children) {
            c.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(c.isAlive(), "its child " + c.pid() + " is stopped too");
        }
        assertTrue(BenchProcesses.freePort() > 0);
    }
}
