package dev.proximity.business;

import dev.proximity.system.NotFoundException;

final class BusinessNotFoundException extends NotFoundException {

    private BusinessNotFoundException(String detail) {
        super("business-not-found", "Business not found", detail);
    }

    static BusinessNotFoundException forId(long id) {
        return new BusinessNotFoundException("No business has the id " + id);
    }

    static BusinessNotFoundException forUnknownId() {
        return new BusinessNotFoundException("No business has this id");
    }
}
