package io.tessera.projections.search;

import java.util.List;

/** A page of search results with the total number of matching profiles. */
public record SearchPage(long total, int page, int size, List<ProfileHit> hits) {
}
