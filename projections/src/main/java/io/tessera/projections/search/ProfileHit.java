package io.tessera.projections.search;

import java.util.List;

/** One profile found by a search. */
public record ProfileHit(String profileId, String displayName, String kind, List<String> emails, List<String> cities,
                         List<String> sources, int recordCount, double score) {
}
