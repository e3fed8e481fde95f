package dev.proximity.business;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Background imports' bodies on disk, from their upload until their import has ended: a file per body in
 * {@code proximity.import.jobs.spool-directory}, readable by the app's user only (as temporary files are made).
 */
@Component
class ImportSpools {

    private static final Logger log = LoggerFactory.getLogger(ImportSpools.class);
    private static final String PREFIX = "proximity-import-";
    private static final String SUFFIX = ".spool";

    private final ImportJobProperties properties;

    ImportSpools(ImportJobProperties properties) {
        this.properties = properties;
        deleteAbandoned();
    }

    /**
     * Copies the whole body to a new spool file. Reading it may end the import as a synchronous one would (413,
     * 408, 400: {@code upload} names its failures), and then no file is left; the disk failing is a 503.
     */
    Path receive(InputStream upload) {
        Path spool;
        try {
            spool = Files.createTempFile(properties.spoolPath(), PREFIX, SUFFIX);
        } catch (IOException e) {
            log.error("Cannot create an import spool file in {}", properties.spoolPath(), e);
            throw ImportRefusedException.noSpoolSpace();
        }
        boolean received = false;
        try (OutputStream out = Files.newOutputStream(spool)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = read(upload, buffer)) >= 0;) {
                out.write(buffer, 0, n);
            }
            received = true;
        } catch (IOException e) {
            log.error("Cannot write an import spool file", e);
            throw ImportRefusedException.noSpoolSpace();
        } finally {
            if (!received) {
                delete(spool);
            }
        }
        return spool;
    }

    private static int read(InputStream upload, byte[] buffer) {
        try {
            return upload.read(buffer);
        } catch (IOException e) {
            throw IncompleteUploadException.cutOff(); // UploadInput names its own failures; this is any other
        }
    }

    void delete(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            log.warn("Could not delete the import spool {} ({})", spool.getFileName(), e.getClass().getSimpleName());
        }
    }

    /**
     * Deletes the spools an instance killed mid-import left behind: only those older than the job retention, as
     * instances on one host may share the directory and their live spools are younger than their imports' 30-min
     * statement timeout.
     */
    private void deleteAbandoned() {
        long before = System.currentTimeMillis() - properties.retention().toMillis();
        try (DirectoryStream<Path> spools = Files.newDirectoryStream(properties.spoolPath(), PREFIX + "*" + SUFFIX)) {
            for (Path spool : spools) {
                if (Files.getLastModifiedTime(spool).toMillis() < before) {
                    delete(spool);
                    log.info("Deleted an abandoned import spool, {}", spool.getFileName());
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for abandoned import spools ({})", e.getClass().getSimpleName());
        }
    }
}
