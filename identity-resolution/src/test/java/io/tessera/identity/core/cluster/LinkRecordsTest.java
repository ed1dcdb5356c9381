package io.tessera.identity.core.cluster;

import static io.tessera.identity.core.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Records of a link table (ERPNext's {@code tabDynamic Link}) as ingestion maps them: no attributes, a same-entity
 * {@code link-of} relation to the contact or address the row belongs to, and a relation to the customer it links it
 * to. The contact or address is related to the customer only through them, whatever order the three arrive in.
 */
class LinkRecordsTest {

    private static final RecordKey INDIVIDUAL = new RecordKey("erpnext", "tabCustomer", "CUST-2026-00002");
    private static final RecordKey COMPANY = new RecordKey("erpnext", "tabCustomer", "CUST-2026-00001");
    private static final RecordKey ADDRESS = new RecordKey("erpnext", "tabAddress", "Luis Pérez-Personal");
    private static final RecordKey CONTACT = new RecordKey("erpnext", "tabContact", "Ana García-Acme Ibérica SL");
    private static final RecordKey ADDRESS_LINK = new RecordKey("erpnext", "tabDynamic Link", "a1b2c3d4e5");
    private static final RecordKey CONTACT_LINK = new RecordKey("erpnext", "tabDynamic Link", "f6a7b8c9d0");

    private final InMemoryResolutionState state = new InMemoryResolutionState();
    private final IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
    private int position;

    @Test
    void anAddressLinkedToAnIndividualCustomerIsHerInEveryArrivalOrder() {
        List<SourceRecord> records = List.of(individual(), address(), link(ADDRESS_LINK, ADDRESS, "address-of", INDIVIDUAL));
        for (List<SourceRecord> order : permutations(records)) {
            InMemoryResolutionState fresh = new InMemoryResolutionState();
            order.forEach(record -> upsert(fresh, record));

            assertThat(partition(fresh)).as("arrival order %s", order.stream().map(r -> r.key().table()).toList())
                    .containsExactly(Set.of(INDIVIDUAL, ADDRESS, ADDRESS_LINK));
        }
        assertThat(resolver.unusableRecords()).as("a link record joins its rows: not an unusable record").isZero();
    }

    @Test
    void aContactLinkedToACompanyCustomerStaysAPersonOfHerOwnInEveryArrivalOrder() {
        List<SourceRecord> records = List.of(company(), contact(), link(CONTACT_LINK, CONTACT, "contact-of", COMPANY));
        for (List<SourceRecord> order : permutations(records)) {
            InMemoryResolutionState fresh = new InMemoryResolutionState();
            order.forEach(record -> upsert(fresh, record));

            assertThat(partition(fresh)).as("arrival order %s", order.stream().map(r -> r.key().table()).toList())
                    .containsExactlyInAnyOrder(Set.of(COMPANY), Set.of(CONTACT, CONTACT_LINK));
        }
    }

    @Test
    void deletingTheOnlyLinkSplitsTheAddressFromTheCustomer() {
        upsert(state, individual());
        upsert(state, address());
        upsert(state, link(ADDRESS_LINK, ADDRESS, "address-of", INDIVIDUAL));
        String profile = state.profileOf(INDIVIDUAL).orElseThrow();
        assertThat(state.profileOf(ADDRESS)).contains(profile);

        position++;
        resolver.apply(state, new Change.Delete(ADDRESS_LINK, "pos-" + position, T0.plusSeconds(position)));

        assertThat(partition(state)).containsExactlyInAnyOrder(Set.of(INDIVIDUAL), Set.of(ADDRESS));
        assertThat(state.profileOf(ADDRESS)).isNotEqualTo(state.profileOf(INDIVIDUAL));
    }

    @Test
    void aLinkUpdatedToAnotherCustomerMovesTheAddress() {
        RecordKey other = new RecordKey("erpnext", "tabCustomer", "CUST-2026-00003");
        upsert(state, individual());
        // Another customer of the same name, e.g. a second account: only the link says which one the address is.
        upsert(state, new SourceRecord(other, EntityKind.PERSON, new Attributes("Luis Pérez", null, null, null,
                List.of("lperez@empresa.example"), List.of(), null, null, null, Map.of()), T0, "c3"));
        upsert(state, address());
        upsert(state, link(ADDRESS_LINK, ADDRESS, "address-of", INDIVIDUAL));

        upsert(state, link(ADDRESS_LINK, ADDRESS, "address-of", other));

        assertThat(partition(state)).containsExactlyInAnyOrder(Set.of(INDIVIDUAL), Set.of(other, ADDRESS, ADDRESS_LINK));
    }

    private void upsert(ResolutionState target, SourceRecord record) {
        position++;
        resolver.apply(target, new Change.Upsert(record, "pos-" + position, T0.plusSeconds(position)));
    }

    /** A link record as ingestion's link mapping makes it of a tabDynamic Link row. */
    private static SourceRecord link(RecordKey key, RecordKey from, String type, RecordKey to) {
        return new SourceRecord(key, EntityKind.PERSON, Attributes.NONE, T0, "l-" + key.pk(),
                List.of(new Relation("link-of", from, true), new Relation(type, to, true)));
    }

    private static SourceRecord individual() {
        return new SourceRecord(INDIVIDUAL, EntityKind.PERSON, new Attributes("Luis Pérez", null, null, null,
                List.of("luis@example.org"), List.of("+34 654 000 003"), null, null, null, Map.of()), T0, "c2");
    }

    private static SourceRecord company() {
        return new SourceRecord(COMPANY, EntityKind.COMPANY, new Attributes("Acme Ibérica SL", null, null,
                "Acme Ibérica SL", List.of("info@acme.example"), List.of(), null, "ESB12345678", null, Map.of()), T0, "c1");
    }

    /**
     * Titled with the customer's name, as ERPNext titles an individual's address, but with no e-mail or phone: only
     * the link relates the two.
     */
    private static SourceRecord address() {
        return new SourceRecord(ADDRESS, EntityKind.PERSON, new Attributes("Luis Pérez", null, null, null, List.of(),
                List.of(), new Address("Calle Sol 5", "41001", "Sevilla", null, "Spain"), null, null, Map.of()), T0, "a1");
    }

    /** Ana works for Acme: her e-mail is not the company's. */
    private static SourceRecord contact() {
        return new SourceRecord(CONTACT, EntityKind.PERSON, new Attributes("Ana García", "Ana", "García",
                "Acme Ibérica SL", List.of("ana@acme.example"), List.of("+34 600 000 002"), null, null, null, Map.of()),
                T0, "k1");
    }

    private static Set<Set<RecordKey>> partition(InMemoryResolutionState of) {
        return of.profiles().values().stream()
                .map(keys -> (Set<RecordKey>) new TreeSet<>(keys))
                .collect(Collectors.toSet());
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
