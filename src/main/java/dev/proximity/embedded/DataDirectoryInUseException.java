package dev.proximity.embedded;

import java.nio.file.Path;

/** Another running copy of the app holds the data directory. */
public final class DataDirectoryInUseException extends IllegalStateException {

    DataDirectoryInUseException(Path dataDir, String holderPid) {
        super("The data directory " + dataDir.toAbsolutePath() + " is in use by another running Proximity"
                + (holderPid.isEmpty() ? "" : " (pid " + holderPid + ")")
                + ". Stop it first, or start this copy with --proximity.embedded.data-dir=<another directory>.");
    }
}
