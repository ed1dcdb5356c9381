package io.tessera.api.profile;

import java.util.List;

/**
 * Why a profile's records are one profile, and how it came to be: its links now and the merges and splits of its
 * history.
 *
 * @param profileId the profile
 * @param active    whether the profile holds records now (a merged or emptied profile keeps its history)
 * @param members   its records now ({@code source/table/pk})
 * @param links     each link between members as resolution stored it (a record keeps its ten strongest), explained
 *                  with the records as they are now
 * @param history   the changes of its membership, oldest first
 * @param notes     what the explanation cannot show
 */
public record ProfileExplanation(String profileId, boolean active, List<String> members, List<LinkView> links,
        List<HistoryEntry> history, List<String> notes) {

    public ProfileExplanation {
        members = List.copyOf(members);
        links = List.copyOf(links);
        history = List.copyOf(history);
        notes = List.copyOf(notes);
    }
}
