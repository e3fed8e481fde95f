package dev.proximity.business;

import dev.proximity.system.NotFoundException;

/** No import job by this id for this owner (another owner's job is not found either: ids reveal nothing). */
final class ImportJobNotFoundException extends NotFoundException {

    private ImportJobNotFoundException(String detail) {
        super("import-job-not-found", "Import job not found", detail);
    }

    static ImportJobNotFoundException forId(long id) {
        return new ImportJobNotFoundException("You have no import job with the id " + id);
    }

    static ImportJobNotFoundException forUnknownId() {
        return new ImportJobNotFoundException("You have no import job with this id");
    }
}
