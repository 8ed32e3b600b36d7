package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.bench.LoadTestOperation;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.support.TestKb;

/**
 * The load test's verdict ({@code ./mevo bench-load}), run for a few seconds against the real test server: it reports
 * what it measured and fails on a p99 bound no server can meet. (The load numbers themselves live in bench/BENCHMARKS.md.)
 */
class LoadTestVerdictTest {
    private static LoadTestOperation.Result run(double maxP99, ByteArrayOutputStream printed) {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new LoadTestOperation(StepLog.silent(), out, out).run(new LoadTestOperation.Options(TestKb.layout(), TestKb.release(),
                TestKb.sparqlUrl(), true, 4, Duration.ofSeconds(2), maxP99, Duration.ofSeconds(1), 0, null));
    }

    @Test
    void aShortLoadRunPassesWithoutErrorsAndFailsOnAnImpossibleBound() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoadTestOperation.Result ok = run(Double.NaN, printed);
        assertEquals(0, ok.outcome().errors(), printed.toString(StandardCharsets.UTF_8));
        assertTrue(ok.outcome().requests() > 34, "every example query was sent at least once: " + ok.outcome().requests());
        assertTrue(ok.passed());
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("p99") && table.contains("VERDICT") && table.contains("PASS"), table);

        ByteArrayOutputStream printed2 = new ByteArrayOutputStream();
        LoadTestOperation.Result strict = run(0.001, printed2);
        assertFalse(strict.passed(), "no answer over HTTP takes a microsecond");
        assertTrue(printed2.toString(StandardCharsets.UTF_8).contains("FAIL (p99 above the bound)"), printed2.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anOpenLoopRunSendsOnScheduleAndCountsEveryRequest() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        LoadTestOperation.Result r = new LoadTestOperation(StepLog.silent(), out, out).run(new LoadTestOperation.Options(TestKb.layout(),
                TestKb.release(), TestKb.sparqlUrl(), true, 1, Duration.ofSeconds(2), Double.NaN, Duration.ofSeconds(1), 100, null));
        String table = printed.toString(StandardCharsets.UTF_8);
        assertEquals(200, r.outcome().requests(), "100 requests/s for 2 s, sent on schedule: " + table);
        assertEquals(0, r.outcome().errors(), table);
        assertTrue(r.passed() && table.contains("open loop at 100 requests/s"), table);
    }
}
