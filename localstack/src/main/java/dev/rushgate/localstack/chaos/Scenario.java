package dev.rushgate.localstack.chaos;

import java.nio.file.Path;

/** One fault, injected into a stack of its own while a crowd uses it, and checked through the public API. */
interface Scenario {

    /** Where a scenario may write (logs, data directories) and whether to run its short form. */
    record Run(Path work, boolean quick) {
        static final int QUICK_VISIBILITY = 10;

        Path path(String name) {
            return work.resolve(name);
        }

        /**
         * Options for every stack: short runs shorten SQS's visibility timeout to {@value #QUICK_VISIBILITY} s, so that
         * messages a killed consumer had in flight come back within the run rather than after the declared 180 s.
         */
        java.util.List<String> stackArgs() {
            return quick ? java.util.List.of("--visibility-timeout", Integer.toString(QUICK_VISIBILITY)) : java.util.List.of();
        }
    }

    /** The name on the command line and in the table. */
    String name();

    /** Runs the scenario; every process it starts is ended before it returns, whatever happens. */
    Row run(Run run) throws Exception;
}
