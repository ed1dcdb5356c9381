package io.tessera.projections.search;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.profile.query.ProfileDetails;
import io.tessera.projections.profile.query.RecordView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Elasticsearch index of profiles: one document per profile, rewritten whenever the profile changes. */
public class ProfileSearchIndex {

    private final ElasticsearchClient client;
    private final String index;

    public ProfileSearchIndex(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public String indexName() {
        return index;
    }

    /** Creates the index with its mapping unless it exists. */
    public void ensureIndex() {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return;
            }
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                    .mappings(m -> m
                            .properties("profile_id", p -> p.keyword(k -> k))
                            .properties("display_name", p -> p.keyword(k -> k))
                            .properties("kind", p -> p.keyword(k -> k))
                            .properties("names", p -> p.text(t -> t))
                            .properties("emails", p -> p.keyword(k -> k))
                            .properties("phones", p -> p.keyword(k -> k))
                            .properties("cities", p -> p.text(t -> t))
                            .properties("countries", p -> p.keyword(k -> k))
                            .properties("sources", p -> p.keyword(k -> k))
                            .properties("record_count", p -> p.integer(n -> n))
                            .properties("text", p -> p.text(t -> t))));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Elasticsearch to create index " + index, e);
        }
    }

    /**
     * Removes every document, for a rebuild of the read models from the event store: the index is dropped and made
     * again (delete-by-query needs a module a minimal Elasticsearch lacks).
     */
    public void clear() {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                client.indices().delete(d -> d.index(index));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Elasticsearch to clear index " + index, e);
        }
        ensureIndex();
    }

    /** Makes every document written so far visible to searches (Elasticsearch shows new writes within a second). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Elasticsearch to refresh index " + index, e);
        }
    }

    /**
     * Writes the documents of the profiles that exist and deletes those of the profiles that are gone, in one bulk
     * request: a projection batch refreshes many profiles, and a request per profile costs a round trip each.
     *
     * @throws UncheckedIOException when Elasticsearch cannot be reached or rejects any of the operations
     */
    public void write(List<ProfileDetails> profiles, List<String> deleted) {
        if (profiles.isEmpty() && deleted.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>(profiles.size() + deleted.size());
        for (ProfileDetails profile : profiles) {
            Map<String, Object> document = document(profile);
            operations.add(BulkOperation.of(o -> o.index(i -> i.index(index).id(profile.profileId()).document(document))));
        }
        for (String profileId : deleted) {
            operations.add(BulkOperation.of(o -> o.delete(d -> d.index(index).id(profileId))));
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + operations.size() + " profiles to the index", e);
        }
        if (response.errors()) {
            // A delete of a document that is not there is fine; anything else fails the batch, which is retried.
            List<String> failures = response.items().stream()
                    .filter(item -> item.error() != null && !(item.operationType() == OperationType.Delete
                            && item.status() == 404))
                    .map(item -> item.id() + ": " + item.error().type() + " " + item.error().reason())
                    .toList();
            if (!failures.isEmpty()) {
                throw new UncheckedIOException(new IOException("Elasticsearch rejected " + failures.size() + " of "
                        + operations.size() + " profile writes, e.g. " + failures.getFirst()));
            }
        }
    }

    static Map<String, Object> document(ProfileDetails profile) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        Set<String> cities = new LinkedHashSet<>();
        Set<String> countries = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (RecordView view : profile.records()) {
            SourceRecord record = view.record();
            var a = record.attributes();
            addFolded(names, a.displayName());
            addFolded(names, a.companyName());
            a.emails().forEach(e -> emails.add(e.trim().toLowerCase(Locale.ROOT)));
            a.phones().forEach(p -> phones.add(Folding.digits(p)));
            addFolded(cities, a.address().city());
            if (a.address().country() != null) {
                countries.add(a.address().country().trim().toUpperCase(Locale.ROOT));
            }
            sources.add(record.key().source() + "/" + record.key().table());
            sources.add(record.key().source());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("profile_id", profile.profileId());
        doc.put("display_name", profile.displayName());
        doc.put("kind", profile.kind().name().toLowerCase(Locale.ROOT));
        doc.put("names", List.copyOf(names));
        doc.put("emails", List.copyOf(emails));
        doc.put("phones", List.copyOf(phones));
        doc.put("cities", List.copyOf(cities));
        doc.put("countries", List.copyOf(countries));
        doc.put("sources", List.copyOf(sources));
        doc.put("record_count", profile.recordCount());
        List<String> text = new ArrayList<>(names);
        text.addAll(emails);
        text.addAll(cities);
        doc.put("text", String.join(" ", text));
        return doc;
    }

    private static void addFolded(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(Folding.fold(value.trim()));
        }
    }

    @SuppressWarnings("unchecked")
    public SearchPage search(ProfileQuery query, int page, int size) {
        List<Query> must = query.terms().stream().map(ProfileSearchIndex::toQuery).toList();
        try {
            SearchResponse<Map> response = client.search(s -> s.index(index)
                    .query(q -> q.bool(b -> b.must(must)))
                    .from(page * size)
                    .size(size)
                    .trackTotalHits(t -> t.enabled(true)), Map.class);
            List<ProfileHit> hits = new ArrayList<>();
            for (Hit<Map> hit : response.hits().hits()) {
                Map<String, Object> doc = hit.source();
                hits.add(new ProfileHit((String) doc.get("profile_id"), (String) doc.get("display_name"),
                        (String) doc.get("kind"), (List<String>) doc.get("emails"), (List<String>) doc.get("cities"),
                        (List<String>) doc.get("sources"), ((Number) doc.get("record_count")).intValue(),
                        hit.score() == null ? 0 : hit.score()));
            }
            long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
            return new SearchPage(total, page, size, hits);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Elasticsearch to search profiles", e);
        }
    }

    private static Query toQuery(ProfileQuery.Term term) {
        String value = term.value();
        if (term.field() == null) {
            return Query.of(q -> q.match(m -> m.field("text").query(Folding.fold(value)).operator(
                    co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)));
        }
        return switch (term.field()) {
            case "name" -> Query.of(q -> q.match(m -> m.field("names").query(Folding.fold(value))
                    .operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)));
            case "city" -> Query.of(q -> q.match(m -> m.field("cities").query(Folding.fold(value))
                    .operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)));
            case "email" -> Query.of(q -> q.term(t -> t.field("emails").value(value.toLowerCase(Locale.ROOT))));
            case "phone" -> {
                String digits = Folding.digits(value);
                if (digits.length() < 4) {
                    throw new InvalidQueryException("phone:" + value + " needs at least 4 digits, e.g. phone:612345678");
                }
                yield Query.of(q -> q.wildcard(w -> w.field("phones").value("*" + digits)));
            }
            case "country" -> Query.of(q -> q.term(t -> t.field("countries").value(value.toUpperCase(Locale.ROOT))));
            case "source" -> Query.of(q -> q.term(t -> t.field("sources").value(value)));
            case "kind" -> Query.of(q -> q.term(t -> t.field("kind").value(value.toLowerCase(Locale.ROOT))));
            default -> throw new InvalidQueryException("Unknown search field '" + term.field() + "'");
        };
    }
}
