package io.gipc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.examples.showcase.Showcase;
import io.gipc.testkit.ChildProcesses;
import io.gipc.testkit.ChildResult;
import org.junit.jupiter.api.Test;

/** The mains the documented commands run, each in a child of the test, for their exit code and output. */
class ExamplesTest {
    @Test
    void theShowcaseCommandExitsZero() {
        ChildResult r = ChildProcesses.run(Showcase::main, new String[] {"--requests=30", "--concurrency=3"});

        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("| requests served      | 30 of 30 (HTTP 200)"), r.stdout());
        assertTrue(r.stdout().contains("| workers stopped      | exit codes [0, 0]"), r.stdout());
    }

    @Test
    void aBadShowcaseOptionExitsTwoWithTheUsage() {
        ChildResult r = ChildProcesses.run(Showcase::main, new String[] {"--requests=many"});

        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("usage: Showcase"), r.stderr());
    }

    @Test
    void anExampleRunsByName() {
        ChildResult r = ChildProcesses.run(Examples::main, new String[] {"sync"});

        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("Time delta: "), r.stdout());
    }

    @Test
    void theResultPipesExampleAnswersEachJobOnItsOwnPipe() {
        ChildResult r = ChildProcesses.run(Examples::main, new String[] {"resultpipes", "--jobs=2"});

        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains(": [0, 1, 4, 9, 16]"), r.stdout());
        assertTrue(r.stdout().contains(": [100, 121, 144, 169, 196]"), r.stdout());
        assertTrue(r.stdout().contains("worker exit code 0; handles left open here: 0"), r.stdout());
    }

    @Test
    void anUnknownNameListsTheExamples() {
        ChildResult r = ChildProcesses.run(Examples::main, new String[] {"nope"});

        assertEquals(2, r.exitCode());
        for (String name :
                new String[] {"showcase", "demo", "benchmark", "sync", "serverclient", "http", "infinite", "resultpipes"
                }) {
            assertTrue(r.stderr().contains("\n  " + name + " "), r.stderr());
        }
    }
}
