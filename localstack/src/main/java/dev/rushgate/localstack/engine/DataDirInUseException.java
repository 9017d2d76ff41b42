package dev.rushgate.localstack.engine;

import java.nio.file.Path;

/** A stack was asked to start on a data directory that another live stack holds; nothing was started. */
public final class DataDirInUseException extends IllegalStateException {

    DataDirInUseException(Path dir, String pid) {
        super("another Rushgate stack (pid " + pid + ") is using " + dir
                + "; stop it first, or give this one another --data directory");
    }
}
