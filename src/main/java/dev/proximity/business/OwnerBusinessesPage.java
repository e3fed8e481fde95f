package dev.proximity.business;

import java.util.List;

/** One page of {@code GET /v1/owners/me/businesses}; {@code nextPageToken} is null on the last page. */
public record OwnerBusinessesPage(List<BusinessResponse> businesses, String nextPageToken) {
}
