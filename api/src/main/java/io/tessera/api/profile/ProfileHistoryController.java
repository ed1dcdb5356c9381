package io.tessera.api.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A profile's history: its events, oldest first, paged. */
@RestController
@RequestMapping("/api/v1")
public class ProfileHistoryController {

    private static final int MAX_PAGE_SIZE = 500;

    private final ProfileEventLog eventLog;

    public ProfileHistoryController(ProfileEventLog eventLog) {
        this.eventLog = eventLog;
    }

    @Operation(summary = "A profile's events, oldest first: records linked, updated (which attributes changed, from "
            + "what to what) and unlinked, merges, splits, retirement; paged (page from 0, size up to 500)")
    @GetMapping("/profiles/{id}/history")
    public ProfileHistory.Page history(@PathVariable String id,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new BadRequestException("Parameter 'page' must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("Parameter 'size' must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
        }
        List<ProfileHistory.Event> events = ProfileHistory.of(eventLog.stored(id));
        if (events.isEmpty()) {
            throw new NotFoundException("No profile has id '" + id + "'; search with GET /api/v1/profiles?q=… or look "
                    + "a record up with GET /api/v1/records/{source}/{table}/{pk}/profile");
        }
        int from = (int) Math.min((long) page * size, events.size());
        int to = Math.min(from + size, events.size());
        return new ProfileHistory.Page(id, page, size, events.size(), events.subList(from, to));
    }
}
