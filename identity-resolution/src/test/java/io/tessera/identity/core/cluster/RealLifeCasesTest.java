package io.tessera.identity.core.cluster;

import static io.tessera.identity.core.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Merges and splits from real customer data, resolved with the default parameters as the product runs them: what
 * a CRM owner would expect to see as one person, and what must stay apart although it looks alike.
 */
class RealLifeCasesTest {

    private static final Address CALLE_MAYOR = new Address("Calle Mayor 12, 3º B", "28013", "Madrid", null, "ES");

    private final InMemoryResolutionState state = new InMemoryResolutionState();
    private final IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
    private int position;

    @Test
    void aFamilyMailboxDoesNotMakeMotherAndSonOnePerson() {
        upsert(person("crm", "1", "Carmen Ruiz Soto", "familia.ruiz@gmail.com", "+34 915 550 123", "1961-04-02",
                CALLE_MAYOR));
        upsert(person("shop", "8", "Pablo Ruiz Martín", "familia.ruiz@gmail.com", "+34 915 550 123", "1992-11-20",
                CALLE_MAYOR));
        // The mother again, in the ERP, with the family mailbox and her mobile: she joins her own profile only.
        upsert(person("erp", "C-3", "RUIZ SOTO, CARMEN", "familia.ruiz@gmail.com", "612 345 678", null, null));

        assertThat(partition()).containsExactlyInAnyOrder(
                Set.of(key("crm", "1"), key("erp", "C-3")),
                Set.of(key("shop", "8")));
    }

    @Test
    void aRecycledMobileNumberDoesNotJoinItsOldAndNewOwners() {
        upsert(person("crm", "1", "Luis Pérez Gómez", "lperez@correo.es", "+34 612 345 678", "1975-06-01", null));
        // Years later the operator gives the number to someone else, who buys in the shop.
        upsert(person("shop", "2", "Marta Gil Navarro", "marta.gil@gmail.com", "612345678", null,
                new Address("Avenida de América 40", "28028", "Madrid", null, "ES")));

        assertThat(partition()).hasSize(2);

        // Luis updates his number in the CRM; Marta's profile is not touched.
        List<IdentityDecision> decisions =
                upsert(person("crm", "1", "Luis Pérez Gómez", "lperez@correo.es", "+34 699 000 111", "1975-06-01",
                        null));
        assertThat(decisions).singleElement()
                .satisfies(d -> assertThat(d.members()).extracting(m -> m.record().key()).containsExactly(key("crm",
                        "1")));
        assertThat(partition()).hasSize(2);
    }

    @Test
    void aTypoCorrectedLaterMergesTheRecordIntoItsPersonsProfile() {
        String crm = upsert(person("crm", "1", "Ana García López", "ana.garcia@correo.es", null, null, null))
                .getFirst().profileId();
        // Typed by hand in the ERP: the mailbox is misspelt and nothing else is shared, so it stays apart...
        String erp = upsert(person("erp", "7", "Ana García", "ana.gracia.lopez@correo.es", null, null, null))
                .getFirst().profileId();
        assertThat(erp).isNotEqualTo(crm);

        // ...until someone corrects it: the two profiles merge; of two equal claims the smaller id survives.
        List<IdentityDecision> decisions =
                upsert(person("erp", "7", "Ana García", "ana.garcia@correo.es", null, null, null));

        String survivor = crm.compareTo(erp) < 0 ? crm : erp;
        String retired = survivor.equals(crm) ? erp : crm;
        assertThat(decisions).extracting(IdentityDecision::profileId).containsExactly(survivor, retired);
        assertThat(decisions.getFirst().mergedFrom()).containsExactly(retired);
        assertThat(decisions.getFirst().members()).extracting(m -> m.record().key())
                .containsExactly(key("crm", "1"), key("erp", "7"));
        assertThat(decisions.getFirst().members().getFirst().evidence().getFirst().detail()).contains("email exact");
        assertThat(decisions.getLast().retiresProfile()).isTrue();
        assertThat(decisions.getLast().mergedInto()).isEqualTo(survivor);

        // A new typo splits the ERP record off again: one part keeps the id, the other names where it came from.
        List<IdentityDecision> split =
                upsert(person("erp", "7", "Ana García", "ana.garcia@coreo.es", null, null, null));
        assertThat(partition()).hasSize(2);
        assertThat(split).hasSize(2).anySatisfy(d -> assertThat(d.profileId()).isEqualTo(survivor))
                .anySatisfy(d -> assertThat(d.splitFrom()).isEqualTo(survivor));
    }

    @Test
    void fatherAndSonWithTheSameNameAtTheSameAddressStayTwoPeople() {
        upsert(person("crm", "1", "José Martínez Ruiz", "jmartinez@correo.es", "+34 915 550 123", "1950-02-14",
                CALLE_MAYOR));
        upsert(person("erp", "2", "José Martínez Ruiz", null, "915 550 123", "1978-09-30", CALLE_MAYOR));
        // The son again, in the shop, with his birth date typed day-first.
        upsert(person("shop", "3", "Jose Martinez", "jose.mtz.78@gmail.com", "915550123", "30/09/1978", CALLE_MAYOR));

        assertThat(partition()).containsExactlyInAnyOrder(
                Set.of(key("crm", "1")),
                Set.of(key("erp", "2"), key("shop", "3")));
    }

    @Test
    void theSameCustomerInThreeSystemsIsOneProfile() {
        upsert(person("crm", "1", "María José Fernández", "mj.fernandez@gmail.com", "+34 600 111 222", "1985-07-09",
                CALLE_MAYOR));
        upsert(person("erp", "C-9", "FERNANDEZ, MARIA JOSE", "MJFernandez@gmail.com", "600111222", null, null));
        upsert(person("shop", "44", "Mª José Fernández", "mj.fernandez+tienda@gmail.com", null, null,
                new Address("C/ Mayor 12", "28013", "Madrid", null, "ES")));

        assertThat(partition()).containsExactly(Set.of(key("crm", "1"), key("erp", "C-9"), key("shop", "44")));
    }

    @Test
    void anIndividualCustomersPrimaryAddressIsHerUntilTheCustomerPointsElsewhere() {
        RecordKey address = new RecordKey("erp", "tabAddress", "ADDR-1");
        RecordKey contact = new RecordKey("erp", "tabContact", "CONT-1");
        // The address arrives first: its mailbox says nothing that links it to anyone yet.
        upsert(new SourceRecord(address, EntityKind.PERSON, new Attributes(null, null, null, null,
                List.of("reservas.casa@correo.es"), List.of(), CALLE_MAYOR, null, null, Map.of()), T0, "a1"));
        SourceRecord customer = new SourceRecord(key("erp", "CUST-1"), EntityKind.PERSON,
                new Attributes("Elena Navarro", null, null, null, List.of(), List.of(), null, null, null, Map.of()),
                T0, "c1", List.of(new Relation("primary-address", address, true)));
        List<IdentityDecision> decisions = upsert(customer);

        assertThat(partition()).containsExactly(Set.of(key("erp", "CUST-1"), address));
        assertThat(decisions.getFirst().members().getFirst().evidence())
                .extracting(e -> e.rule()).containsExactly(IdentityResolver.SAME_ENTITY);

        // The contact arrives after the customer that names it; a company customer's contact would stay apart.
        upsert(new SourceRecord(key("erp", "CUST-1"), EntityKind.PERSON, customer.attributes(), T0, "c2",
                List.of(new Relation("primary-address", address, true),
                        new Relation("primary-contact", contact, true))));
        upsert(new SourceRecord(contact, EntityKind.PERSON, new Attributes("Elena Navarro Gil", null, null, null,
                List.of("elena.navarro@gmail.com"), List.of(), null, null, null, Map.of()), T0, "k1"));
        assertThat(partition()).containsExactly(Set.of(key("erp", "CUST-1"), address, contact));

        // The customer moves: the old address is no longer hers, and its record leaves her profile.
        upsert(new SourceRecord(key("erp", "CUST-1"), EntityKind.PERSON, customer.attributes(), T0, "c3",
                List.of(new Relation("primary-contact", contact, true))));
        assertThat(partition()).containsExactlyInAnyOrder(Set.of(key("erp", "CUST-1"), contact), Set.of(address));
    }

    @Test
    void aCompanyCustomersPrimaryContactStaysAPersonOfHerOwn() {
        RecordKey contact = new RecordKey("erp", "tabContact", "CONT-2");
        upsert(new SourceRecord(contact, EntityKind.PERSON, new Attributes("Jorge Sanz", null, null, null,
                List.of("jorge.sanz@acme.es"), List.of(), null, null, null, Map.of()), T0, "k2"));
        upsert(new SourceRecord(key("erp", "CUST-2"), EntityKind.COMPANY,
                new Attributes("Acme Ibérica SL", null, null, "Acme Ibérica SL", List.of(), List.of(), null, null,
                        null, Map.of()), T0, "c4", List.of(new Relation("primary-contact", contact, true))));

        assertThat(partition()).containsExactlyInAnyOrder(Set.of(key("erp", "CUST-2")), Set.of(contact));
    }

    @Test
    void aRecordWithoutAnyUsableAttributeIsAProfileOfItsOwn() {
        upsert(person("crm", "1", null, "info@acme.es", "000000000", null, null));
        upsert(person("crm", "2", null, "info@acme.es", "000000000", null, null));

        assertThat(partition()).containsExactlyInAnyOrder(Set.of(key("crm", "1")), Set.of(key("crm", "2")));
        assertThat(resolver.unusableRecords()).as("counted, for the pipeline's health").isEqualTo(2);
    }

    private List<IdentityDecision> upsert(SourceRecord record) {
        position++;
        return resolver.apply(state, new Change.Upsert(record, "pos-" + position, T0.plusSeconds(position)));
    }

    private Set<Set<RecordKey>> partition() {
        return state.profiles().values().stream()
                .map(keys -> (Set<RecordKey>) new TreeSet<>(keys))
                .collect(Collectors.toSet());
    }

    private static RecordKey key(String source, String pk) {
        return new RecordKey(source, "customer", pk);
    }

    private static SourceRecord person(String source, String pk, String name, String email, String phone,
            String birthDate, Address address) {
        Attributes attributes = new Attributes(name, null, null, null, email == null ? List.of() : List.of(email),
                phone == null ? List.of() : List.of(phone), address == null ? new Address(null, null, null, null, "ES")
                : address, null, birthDate, Map.of());
        return new SourceRecord(key(source, pk), EntityKind.PERSON, attributes, T0, source + "-" + pk);
    }
}
