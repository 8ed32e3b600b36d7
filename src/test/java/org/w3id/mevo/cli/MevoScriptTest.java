package org.w3id.mevo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Processes;
import org.w3id.mevo.support.TestKb;

/**
 * The {@code ./mevo} script as a user runs it (a separate process through bash and the JVM): a malformed option value
 * is one line on standard error naming the option and the value, exit code 2, no stack trace. (The script may compile
 * first when its classpath stamp is stale; its "[mevo] compiling" note is then the only other line.)
 */
class MevoScriptTest {
    @Test
    void malformedPortIsOneLineAndExitCodeTwo() throws Exception {
        var r = Processes.run(List.of("./mevo", "reload", "--port", "abc"), TestKb.layout().root(), Duration.ofMinutes(5));
        assertEquals(2, r.exit(), r.toString());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("[mevo] compiling") && !l.isBlank()).toList();
        assertEquals(List.of("mevo: error: --port: 'abc' is not a number (see ./mevo reload --help)"),
                lines.stream().map(l -> l.replaceAll("\u001B\\[[0-9;]*m", "")).toList(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }
}
