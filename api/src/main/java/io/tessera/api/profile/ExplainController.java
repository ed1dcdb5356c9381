package io.tessera.api.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.NotFoundException;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.explain.PairExplainer;
import io.tessera.identity.core.explain.RecordPairExplanation;
import io.tessera.identity.core.explain.RecordPairExplanation.Verdict;
import io.tessera.projections.profile.query.ProfileDetails;
import io.tessera.projections.profile.query.ProfileReadModel;
import io.tessera.projections.profile.query.RecordView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Why records are one profile, and why not (DESIGN invariant 4): a pair of records scored as the running resolver
 * scores it, and a profile's links and the merges and splits of its history. Attribute names, levels, weights and
 * rules only: no attribute value is ever part of an answer.
 */
@RestController
@RequestMapping("/api/v1")
public class ExplainController {

    private static final String KEY_FORMAT = "a record key reads source/table/pk (each part percent-encoded), e.g. "
            + "crm/res_partner/42 or erp/tabCustomer/CUST-00042";
    private static final String FIND_KEYS = "find record keys in a profile (GET /api/v1/profiles?q=…, then "
            + "GET /api/v1/profiles/{id}) or in GET /api/v1/profiles/export";

    private static final List<String> NOTES = List.of(
            "Links are resolution's stored evidence, with the weight and agreeing attributes of when it made them; "
                    + "each record keeps its ten strongest links to other members. Records are one profile through "
                    + "a chain of links, not a link between every pair.",
            "Each link's explanation scores the pair again as the records are now, with the running settings.",
            "History is read from the profile's events. For a split, the ended links are the links between the "
                    + "records that left and those that stayed, as the members held them just before the split; "
                    + "their explanation shows what the pair scores now.");

    private final ProfileReadModel readModel;
    private final ProfileEventLog eventLog;
    private final PairExplainer explainer;

    public ExplainController(ProfileReadModel readModel, ProfileEventLog eventLog, PairExplainer explainer) {
        this.readModel = readModel;
        this.eventLog = eventLog;
        this.explainer = explainer;
    }

    @Operation(summary = "Why two records are, or are not, one profile (a and b are record keys source/table/pk, e.g. "
            + "crm/res_partner/42): each attribute's level and match weight, the decisive or cannot-link rule, the "
            + "shared blocking keys, the verdict and whether they are one profile now")
    @GetMapping("/explain")
    public RecordPairView explainPair(@RequestParam String a, @RequestParam String b) {
        RecordKey keyA = parse("a", a);
        RecordKey keyB = parse("b", b);
        if (keyA.equals(keyB)) {
            throw new BadRequestException("Parameters 'a' and 'b' name the same record " + keyA.asString()
                    + "; name two records");
        }
        Located first = locate(keyA).orElseThrow(() -> unknownRecord("a", keyA));
        Located second = locate(keyB).orElseThrow(() -> unknownRecord("b", keyB));
        RecordPairExplanation explanation = explainer.explain(first.record(), second.record());
        boolean same = first.profileId().equals(second.profileId());
        return new RecordPairView(keyA.asString(), keyB.asString(), first.profileId(), second.profileId(), same,
                explanation, note(same, explanation.verdict(), first.profileId()));
    }

    @Operation(summary = "Why a profile's records are one profile: each link between its members with the stored "
            + "evidence and every attribute's weight, and the merges and splits of its history with the links that "
            + "ended")
    @GetMapping("/profiles/{id}/explain")
    public ProfileExplanation explainProfile(@PathVariable String id) {
        Optional<ProfileDetails> profile = readModel.find(id);
        List<RecordView> members = profile.map(ProfileDetails::records).orElse(List.of());
        Map<RecordKey, Optional<SourceRecord>> records = new HashMap<>();
        members.forEach(member -> records.put(member.record().key(), Optional.of(member.record())));
        BiFunction<RecordKey, RecordKey, RecordPairExplanation> explainNow = (x, y) -> {
            Optional<SourceRecord> rx = records.computeIfAbsent(x, k -> locate(k).map(Located::record));
            Optional<SourceRecord> ry = records.computeIfAbsent(y, k -> locate(k).map(Located::record));
            return rx.isPresent() && ry.isPresent() ? explainer.explain(rx.get(), ry.get()) : null;
        };
        ProfileLineage lineage = new ProfileLineage(eventLog::events, readModel::profileOf, explainNow);
        if (profile.isEmpty() && !lineage.known(id)) {
            throw new NotFoundException("No profile has id '" + id + "'; search with GET /api/v1/profiles?q=… or "
                    + "look a record up with GET /api/v1/records/{source}/{table}/{pk}/profile");
        }
        Set<RecordKey> memberKeys = members.stream().map(member -> member.record().key()).collect(Collectors.toSet());
        Map<String, LinkView> links = new LinkedHashMap<>();
        for (RecordView member : members) {
            for (Evidence evidence : member.evidence()) {
                if (!memberKeys.contains(evidence.linkedTo())) {
                    // The read model applies a decision event by event: evidence may still name a record that left.
                    continue;
                }
                LinkView link = LinkView.of(member.record().key(), evidence);
                links.computeIfAbsent(link.pair(), pair -> link.withExplanation(
                        explainNow.apply(member.record().key(), evidence.linkedTo())));
            }
        }
        List<LinkView> sorted = new ArrayList<>(links.values());
        sorted.sort(Comparator.comparingDouble(LinkView::weight).reversed());
        return new ProfileExplanation(id, profile.isPresent(),
                members.stream().map(member -> member.record().key().asString()).toList(), sorted,
                lineage.history(id), NOTES);
    }

    /** A controller-local answer for a missing parameter, so that it names the record-key format. */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Parameter '"
                + e.getParameterName() + "' is required: GET /api/v1/explain?a=…&b=… explains two records; "
                + KEY_FORMAT);
        problem.setTitle("Bad request");
        return problem;
    }

    private static RecordKey parse(String parameter, String text) {
        try {
            return RecordKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Parameter '" + parameter + "' is not a record key: " + KEY_FORMAT
                    + "; got '" + text + "'");
        }
    }

    private static NotFoundException unknownRecord(String parameter, RecordKey key) {
        return new NotFoundException("No record " + key.asString() + " (parameter '" + parameter + "') is known: "
                + "check the source name, the table name (without schema) and the primary key; " + FIND_KEYS);
    }

    /** The record with the profile holding it now, from the read model. */
    private Optional<Located> locate(RecordKey key) {
        return readModel.profileOf(key).flatMap(profileId -> readModel.find(profileId)
                .flatMap(p -> p.records().stream().filter(r -> r.record().key().equals(key)).findFirst())
                .map(r -> new Located(profileId, r.record())));
    }

    private static String note(boolean same, Verdict verdict, String profileId) {
        if (same && verdict == Verdict.NOT_LINKED) {
            return "The records are one profile through other members, not by a link of their own: "
                    + "GET /api/v1/profiles/" + profileId + "/explain shows the links that hold it together.";
        }
        if (!same && verdict == Verdict.LINKED) {
            return "The pair would link, yet the records are in different profiles: a cannot-link rule with another "
                    + "member kept the profiles apart, a value over the cardinality cap or a block over its size cap "
                    + "left the pair without that link, or the latest change is still being resolved.";
        }
        return null;
    }

    private record Located(String profileId, SourceRecord record) {
    }
}
