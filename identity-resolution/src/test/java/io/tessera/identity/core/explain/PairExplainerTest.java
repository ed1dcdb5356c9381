package io.tessera.identity.core.explain;

import static io.tessera.identity.core.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.cluster.Change;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.InMemoryResolutionState;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.explain.RecordPairExplanation.Reason;
import io.tessera.identity.core.explain.RecordPairExplanation.Verdict;
import io.tessera.identity.core.scoring.AttributeEvidence;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pair explanations of real customer data, with the default parameters as the product runs them: the verdict, the
 * reason an analyst would give, and never a value.
 */
class PairExplainerTest {

    private static final Address CALLE_MAYOR = new Address("Calle Mayor 12, 3º B", "28013", "Madrid", null, "ES");
    private static final ResolverSettings SETTINGS = ResolverSettings.of("ES");

    private final PairExplainer explainer = new PairExplainer(SETTINGS);

    @Test
    void theSameCustomerInCrmAndErpIsLinkedByTheScoreWithTheEmailAsEvidence() {
        SourceRecord crm = person("crm", "1", "María José Fernández", "mj.fernandez@gmail.com", "+34 600 111 222",
                "1985-07-09", CALLE_MAYOR);
        SourceRecord erp = person("erp", "C-9", "FERNANDEZ, MARIA JOSE", "MJFernandez@gmail.com", "600111222", null,
                null);

        RecordPairExplanation explanation = explainer.explain(erp, crm);

        assertThat(explanation.verdict()).isEqualTo(Verdict.LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.AT_OR_ABOVE_THRESHOLD);
        assertThat(explanation.a()).isEqualTo("crm/customer/1");
        assertThat(explanation.b()).isEqualTo("erp/customer/C-9");
        assertThat(explanation.attribute("email")).hasValueSatisfying(email -> {
            assertThat(email.level()).isEqualTo("exact");
            assertThat(email.weight()).isPositive();
        });
        assertThat(explanation.attribute("date_of_birth")).hasValueSatisfying(dob -> {
            assertThat(dob.level()).as("the ERP has no birth date").isEqualTo("null");
            assertThat(dob.weight()).isZero();
        });
        assertThat(explanation.totalWeight()).isCloseTo(explanation.priorWeight()
                + explanation.attributes().stream().mapToDouble(AttributeEvidence::weight).sum(), within(1e-9));
        assertThat(explanation.totalWeight()).isGreaterThanOrEqualTo(explanation.thresholdWeight());
        assertThat(explanation.matchProbability()).isGreaterThanOrEqualTo(explanation.threshold());
        assertThat(explanation.threshold()).isEqualTo(0.5);
        assertThat(explanation.candidate()).isTrue();
        assertThat(explanation.sharedBlockingKeys()).contains("email", "phone");
        assertThat(explanation.decisiveRule()).isNull();
        assertThat(explanation.cannotLinkRule()).isNull();
        assertThat(explanation.note()).contains("50");
        assertNoValues(explanation, "fernandez", "maria", "jose", "gmail", "600111222", "mayor", "28013", "1985-07");
    }

    @Test
    void aPrimaryAddressIsExplainedAsTheSameEntityBecauseTheSourceSaysSo() {
        RecordKey address = new RecordKey("erp", "tabAddress", "ADDR-1");
        SourceRecord customer = new SourceRecord(new RecordKey("erp", "tabCustomer", "CUST-1"), EntityKind.PERSON,
                new Attributes("Elena Navarro", null, null, null, List.of(), List.of(), null, null, null, Map.of()),
                T0, "c1", List.of(new Relation("primary-address", address, true)));
        SourceRecord addressRecord = new SourceRecord(address, EntityKind.PERSON, new Attributes(null, null, null,
                null, List.of("reservas@correo.es"), List.of(), CALLE_MAYOR, null, null, Map.of()), T0, "a1");

        RecordPairExplanation explanation = explainer.explain(addressRecord, customer);

        assertThat(explanation.verdict()).isEqualTo(Verdict.LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.DECISIVE_RULE);
        assertThat(explanation.decisiveRule()).isEqualTo(IdentityResolver.SAME_ENTITY);
        assertThat(explanation.sharedBlockingKeys()).containsExactly(IdentityResolver.SAME_ENTITY);
        assertThat(explanation.summary()).contains("names the two records as one entity");

        SourceRecord company = new SourceRecord(customer.key(), EntityKind.COMPANY, customer.attributes(), T0, "c2",
                customer.relations());
        assertThat(explainer.explain(addressRecord, company).reason())
                .as("a person and a company stay apart whatever the source says").isEqualTo(Reason.CANNOT_LINK);
    }

    @Test
    void aFamilyMailboxIsExplainedAsACannotLinkOnGivenNames() {
        SourceRecord mother = person("crm", "1", "Carmen Ruiz Soto", "familia.ruiz@gmail.com", "+34 915 550 123",
                "1961-04-02", CALLE_MAYOR);
        SourceRecord son = person("shop", "8", "Pablo Ruiz Martín", "familia.ruiz@gmail.com", "+34 915 550 123",
                "1992-11-20", CALLE_MAYOR);

        RecordPairExplanation explanation = explainer.explain(mother, son);

        assertThat(explanation.verdict()).isEqualTo(Verdict.NOT_LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.CANNOT_LINK);
        assertThat(explanation.cannotLinkRule()).startsWith("cannot-link:");
        assertThat(explanation.attribute("email")).hasValueSatisfying(e -> assertThat(e.level()).isEqualTo("exact"));
        assertThat(explanation.candidate()).isTrue();
        assertThat(explanation.summary()).contains(explanation.cannotLinkRule());
        assertNoValues(explanation, "familia", "ruiz", "carmen", "pablo", "915550123", "1961-04", "1992-11");
    }

    @Test
    void fatherAndSonOfTheSameNameAreApartByTheirBirthDates() {
        SourceRecord father = person("crm", "1", "José Martínez Ruiz", "jmartinez@correo.es", "+34 915 550 123",
                "1950-02-14", CALLE_MAYOR);
        SourceRecord son = person("erp", "2", "José Martínez Ruiz", null, "915 550 123", "1978-09-30", CALLE_MAYOR);

        RecordPairExplanation explanation = explainer.explain(father, son);

        assertThat(explanation.verdict()).isEqualTo(Verdict.NOT_LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.CANNOT_LINK);
        assertThat(explanation.cannotLinkRule()).isEqualTo("cannot-link:birth-dates-apart");
    }

    @Test
    void aNameInCommonWithDifferentMailboxesStaysBelowTheThreshold() {
        SourceRecord crm = person("crm", "1", "Ana García López", "ana.garcia@correo.es", null, null, null);
        SourceRecord erp = person("erp", "7", "Ana García López", "agl.1990@gmail.com", null, null, null);

        RecordPairExplanation explanation = explainer.explain(crm, erp);

        assertThat(explanation.verdict()).isEqualTo(Verdict.NOT_LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.BELOW_THRESHOLD);
        assertThat(explanation.candidate()).isTrue();
        assertThat(explanation.sharedBlockingKeys()).containsExactly("given-soundex+family-soundex");
        assertThat(explanation.attribute("family_name")).hasValueSatisfying(e -> assertThat(e.level()).isEqualTo("exact"));
        assertThat(explanation.attribute("email")).hasValueSatisfying(e -> assertThat(e.weight()).isNegative());
        assertThat(explanation.totalWeight()).isLessThan(explanation.thresholdWeight());
        assertThat(explanation.summary()).startsWith("Not linked").contains("below the threshold");
    }

    @Test
    void aMisspeltMailboxAndAShorterNameShareNoBlockingKey() {
        // RealLifeCasesTest: typed by hand in the ERP, the record stays apart until the mailbox is corrected.
        SourceRecord crm = person("crm", "1", "Ana García López", "ana.garcia@correo.es", null, null, null);
        SourceRecord erp = person("erp", "7", "Ana García", "ana.gracia.lopez@correo.es", null, null, null);

        RecordPairExplanation explanation = explainer.explain(crm, erp);

        assertThat(explanation.verdict()).isEqualTo(Verdict.NOT_LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.NO_SHARED_BLOCKING_KEY);
        assertThat(explanation.attribute("email")).hasValueSatisfying(e -> assertThat(e.level()).isNotEqualTo("exact"));
    }

    @Test
    void twoStrangersAreNeverCompared() {
        SourceRecord a = person("crm", "1", "Luis Pérez Gómez", "lperez@correo.es", "+34 612 345 678", "1975-06-01",
                null);
        SourceRecord b = person("shop", "2", "Marta Gil Navarro", "marta.gil@gmail.com", "699 000 111", null,
                new Address("Avenida de América 40", "28028", "Madrid", null, "ES"));

        RecordPairExplanation explanation = explainer.explain(a, b);

        assertThat(explanation.verdict()).isEqualTo(Verdict.NOT_LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.NO_SHARED_BLOCKING_KEY);
        assertThat(explanation.candidate()).isFalse();
        assertThat(explanation.sharedBlockingKeys()).isEmpty();
        assertThat(explanation.summary()).contains("never compares");
    }

    @Test
    void aSharedValidTaxIdIsDecisiveAgainstTheScore() {
        SourceRecord crm = withTaxId(person("crm", "1", "Carlos Vidal Soler", "cvidal@correo.es", null, null, null),
                "12345679S");
        SourceRecord erp = withTaxId(person("erp", "5", "Carlos Vidal", null, "+34 699 123 456", null, null),
                "12345679-s");

        RecordPairExplanation explanation = explainer.explain(crm, erp);

        assertThat(explanation.verdict()).isEqualTo(Verdict.LINKED);
        assertThat(explanation.reason()).isEqualTo(Reason.DECISIVE_RULE);
        assertThat(explanation.decisiveRule()).isEqualTo("shared-identifier:tax_id");
        assertThat(explanation.sharedBlockingKeys()).contains("decisive:tax_id");
        assertNoValues(explanation, "12345679", "vidal", "carlos");
    }

    @Test
    void theOrderOfTheRecordsDoesNotMatter() {
        SourceRecord crm = person("crm", "1", "María José Fernández", "mj.fernandez@gmail.com", null, null,
                CALLE_MAYOR);
        SourceRecord shop = person("shop", "44", "Mª José Fernández", "mj.fernandez+tienda@gmail.com", null, null,
                new Address("C/ Mayor 12", "28013", "Madrid", null, "ES"));

        assertThat(explainer.explain(shop, crm)).isEqualTo(explainer.explain(crm, shop));
    }

    @Test
    void theVerdictIsWhatTheResolverDoesWithThePairAlone() {
        List<List<SourceRecord>> pairs = List.of(
                List.of(person("crm", "1", "María José Fernández", "mj.fernandez@gmail.com", "+34 600 111 222",
                                "1985-07-09", CALLE_MAYOR),
                        person("erp", "C-9", "FERNANDEZ, MARIA JOSE", "MJFernandez@gmail.com", "600111222", null,
                                null)),
                List.of(person("crm", "1", "Carmen Ruiz Soto", "familia.ruiz@gmail.com", "+34 915 550 123",
                                "1961-04-02", CALLE_MAYOR),
                        person("shop", "8", "Pablo Ruiz Martín", "familia.ruiz@gmail.com", "+34 915 550 123",
                                "1992-11-20", CALLE_MAYOR)),
                List.of(person("crm", "1", "Ana García López", "ana.garcia@correo.es", null, null, null),
                        person("erp", "7", "Ana García", "ana.gracia.lopez@correo.es", null, null, null)),
                List.of(person("crm", "1", "Ana García López", "ana.garcia@correo.es", null, null, null),
                        person("erp", "7", "Ana García", "ana.garcia@correo.es", null, null, null)),
                List.of(person("crm", "1", "Jörg Müller", "joerg.mueller@post.de", "+49 151 2345 6789", null, null),
                        person("erp", "2", "Jorg Muller", null, "+49 151 23456789", null, null)));
        for (List<SourceRecord> pair : pairs) {
            InMemoryResolutionState state = new InMemoryResolutionState();
            IdentityResolver resolver = new IdentityResolver(SETTINGS);
            resolver.apply(state, new Change.Upsert(pair.get(0), "p-1", T0));
            resolver.apply(state, new Change.Upsert(pair.get(1), "p-2", T0.plusSeconds(1)));
            boolean together = state.profiles().size() == 1;

            RecordPairExplanation explanation = explainer.explain(pair.get(0), pair.get(1));

            assertThat(explanation.verdict() == Verdict.LINKED).as(explanation.summary()).isEqualTo(together);
        }
    }

    /** Neither the explanation nor its sentence may carry a value of the records. */
    private static void assertNoValues(RecordPairExplanation explanation, String... values) {
        String text = explanation.toString().toLowerCase(Locale.ROOT);
        for (String value : values) {
            assertThat(text).as("shows no value").doesNotContain(value);
        }
    }

    private static SourceRecord withTaxId(SourceRecord record, String taxId) {
        Attributes a = record.attributes();
        return new SourceRecord(record.key(), record.kind(), new Attributes(a.fullName(), a.givenName(),
                a.familyName(), a.companyName(), a.emails(), a.phones(), a.address(), taxId, a.dateOfBirth(),
                a.identifiers()), record.changedAt(), record.position());
    }

    private static SourceRecord person(String source, String pk, String name, String email, String phone,
            String birthDate, Address address) {
        Attributes attributes = new Attributes(name, null, null, null, email == null ? List.of() : List.of(email),
                phone == null ? List.of() : List.of(phone), address == null ? new Address(null, null, null, null, "ES")
                : address, null, birthDate, Map.of());
        return new SourceRecord(new RecordKey(source, "customer", pk), EntityKind.PERSON, attributes, T0,
                source + "-" + pk);
    }
}
