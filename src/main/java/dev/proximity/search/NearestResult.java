package dev.proximity.search;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer of a nearest search: at most {@code limit} businesses, nearest first; no total and no paging. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record NearestResult(List<NearbyResult.Item> businesses) {
}
