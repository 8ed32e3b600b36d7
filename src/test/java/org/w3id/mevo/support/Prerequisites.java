package org.w3id.mevo.support;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tools some system tests need beyond Java and Maven (Chromium and chromedriver, Python's SPARQLWrapper, Node.js).
 * On a developer's machine a missing tool skips the test with a message naming it and how to install it; under CI
 * (environment variable {@code CI} set, as {@code .ci/run} does) a missing tool fails the test, so CI never passes by
 * skipping.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** True when running under CI: {@code CI} is set to anything but empty, {@code false} or {@code 0}. */
    public static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /** True when {@code program} is an executable file in one of the PATH's folders. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator))
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) return true;
        return false;
    }

    /** Skips (or, under CI, fails) unless {@code present}; the message names the tool and how to install it. */
    public static void require(boolean present, String tool, String install) {
        if (present) return;
        String message = tool + " is missing: " + install;
        if (underCi()) fail(message + " (CI is set, so a missing tool is a failure, not a skip)");
        Assumptions.assumeTrue(false, "skipped: " + message);
    }
}
