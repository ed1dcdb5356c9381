package io.tessera.api.profile;

import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.NotFoundException;
import io.tessera.contracts.RecordKey;
import io.tessera.projections.profile.query.ProfileDetails;
import io.tessera.projections.profile.query.ProfileReadModel;
import io.tessera.projections.search.ProfileQuery;
import io.tessera.projections.search.ProfileSearchIndex;
import io.tessera.projections.search.SearchPage;
import io.swagger.v3.oas.annotations.Operation;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Unified profiles: read one, search, export the record-to-profile assignment, find the profile of a record. */
@RestController
@RequestMapping("/api/v1")
public class ProfileController {

    private static final int MAX_PAGE_SIZE = 200;

    private final ProfileReadModel readModel;
    private final ProfileSearchIndex searchIndex;

    public ProfileController(ProfileReadModel readModel, ProfileSearchIndex searchIndex) {
        this.readModel = readModel;
        this.searchIndex = searchIndex;
    }

    @Operation(summary = "A profile with every source record it holds and the evidence that links them")
    @GetMapping("/profiles/{id}")
    public ProfileDetails profile(@PathVariable String id) {
        return readModel.find(id).orElseThrow(() -> new NotFoundException("No profile has id '" + id
                + "'; search with GET /api/v1/profiles?q=… or look a record up with "
                + "GET /api/v1/records/{source}/{table}/{pk}/profile"));
    }

    @Operation(summary = "Search profiles: free words and field:value terms (name, email, phone, city, country, source, kind)")
    @GetMapping("/profiles")
    public SearchPage search(@RequestParam String q,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new BadRequestException("Parameter 'page' must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("Parameter 'size' must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
        }
        return searchIndex.search(ProfileQuery.parse(q), page, size);
    }

    @Operation(summary = "Every source record with its profile, as CSV: source,source_table,source_pk,profile_id")
    @GetMapping(value = "/profiles/export", produces = "text/csv")
    public ResponseEntity<StreamingResponseBody> export() {
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            readModel.exportCsv(writer);
            writer.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tessera-profiles.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    @Operation(summary = "The profile that holds one source record")
    @GetMapping("/records/{source}/{table}/{pk}/profile")
    public ProfileDetails profileOfRecord(@PathVariable String source, @PathVariable String table,
                                          @PathVariable String pk) {
        RecordKey key = new RecordKey(source, table, pk);
        String profileId = readModel.profileOf(key).orElseThrow(() -> new NotFoundException("No record "
                + source + "/" + table + "/" + pk + " is known: check the source name, the table name (without "
                + "schema) and the primary key"));
        return profile(profileId);
    }
}
