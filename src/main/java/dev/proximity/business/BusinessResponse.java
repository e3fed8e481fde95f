package dev.proximity.business;

import java.time.Instant;
import java.util.List;

import dev.proximity.system.Ids;

/** A business as the API shows it. Ids are strings of digits; {@code version} is the ETag value. */
public record BusinessResponse(
        String id,
        String ownerId,
        String name,
        String category,
        double latitude,
        double longitude,
        String address,
        String city,
        String state,
        String country,
        String postalCode,
        String phone,
        String website,
        String timeZone,
        List<OpeningHours> hours,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static BusinessResponse of(Business b) {
        return new BusinessResponse(Ids.format(b.id()), Ids.format(b.ownerId()), b.name(), b.category(),
                b.latitude(), b.longitude(), b.address(), b.city(), b.state(), b.country(), b.postalCode(),
                b.phone(), b.website(), b.timeZone(), b.hours(), b.version(), b.createdAt(), b.updatedAt());
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
