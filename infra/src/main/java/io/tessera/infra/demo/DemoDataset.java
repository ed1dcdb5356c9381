package io.tessera.infra.demo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A generated demo: the true people, the source rows that describe them, and the ground truth linking each row
 * to its person. Immutable; produced by {@link DemoDataGenerator}, written by {@link DemoSeeder}.
 */
public final class DemoDataset {

    private final long seed;
    private final List<DemoPerson> people;
    private final List<CrmPartner> crmPartners;
    private final List<ErpCustomer> erpCustomers;
    private final List<ErpContact> erpContacts;
    private final List<ErpAddress> erpAddresses;
    private final List<ErpDynamicLink> erpLinks;
    private final List<DemoRow> truth;
    private final Map<RowKey, Integer> personByRow;

    private record RowKey(SourceSystem system, String table, String pk) {
    }

    DemoDataset(long seed, List<DemoPerson> people, List<CrmPartner> crmPartners, List<ErpCustomer> erpCustomers,
                List<ErpContact> erpContacts, List<ErpAddress> erpAddresses, List<ErpDynamicLink> erpLinks,
                List<DemoRow> truth) {
        this.seed = seed;
        this.people = List.copyOf(people);
        this.crmPartners = List.copyOf(crmPartners);
        this.erpCustomers = List.copyOf(erpCustomers);
        this.erpContacts = List.copyOf(erpContacts);
        this.erpAddresses = List.copyOf(erpAddresses);
        this.erpLinks = List.copyOf(erpLinks);
        this.truth = List.copyOf(truth);
        Map<RowKey, Integer> index = new HashMap<>();
        for (DemoRow row : truth) {
            if (index.put(new RowKey(row.system(), row.table(), row.pk()), row.personId()) != null) {
                throw new IllegalStateException("Two demo rows share the key " + row.system() + "/" + row.table()
                        + "/" + row.pk());
            }
        }
        this.personByRow = Map.copyOf(index);
    }

    /** The seed the data was generated from. */
    public long seed() {
        return seed;
    }

    /** The true people, ordered by id (1..N). */
    public List<DemoPerson> people() {
        return people;
    }

    /** The true person with this id. */
    public DemoPerson person(int id) {
        if (id < 1 || id > people.size()) {
            throw new IllegalArgumentException("No demo person " + id + "; ids run from 1 to " + people.size());
        }
        return people.get(id - 1);
    }

    /** {@code res_partner} rows, by id. */
    public List<CrmPartner> crmPartners() {
        return crmPartners;
    }

    /** {@code tabCustomer} rows, by name. */
    public List<ErpCustomer> erpCustomers() {
        return erpCustomers;
    }

    /** {@code tabContact} rows, by name. */
    public List<ErpContact> erpContacts() {
        return erpContacts;
    }

    /** {@code tabAddress} rows, in customer order. */
    public List<ErpAddress> erpAddresses() {
        return erpAddresses;
    }

    /** {@code tabDynamic Link} rows, in customer order. */
    public List<ErpDynamicLink> erpLinks() {
        return erpLinks;
    }

    /**
     * Ground truth: one entry per generated row of every table, naming the true person behind it. Link rows
     * carry the person of the customer they tie to; filter by {@link DemoRow#table()} to score only party rows.
     */
    public List<DemoRow> truth() {
        return truth;
    }

    /** The true person behind a source row, or empty if the demo did not generate that row. */
    public OptionalInt personOf(SourceSystem system, String table, String pk) {
        Integer person = personByRow.get(new RowKey(system, table, pk));
        return person == null ? OptionalInt.empty() : OptionalInt.of(person);
    }

    /** Every generated row describing one person, in table order. */
    public List<DemoRow> rowsOf(int personId) {
        return truth.stream().filter(row -> row.personId() == personId).toList();
    }

    /** Number of generated rows per table, CRM tables first. */
    public Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(DemoSchemas.RES_PARTNER, crmPartners.size());
        counts.put(DemoSchemas.TAB_CUSTOMER, erpCustomers.size());
        counts.put(DemoSchemas.TAB_CONTACT, erpContacts.size());
        counts.put(DemoSchemas.TAB_ADDRESS, erpAddresses.size());
        counts.put(DemoSchemas.TAB_DYNAMIC_LINK, erpLinks.size());
        return counts;
    }
}
