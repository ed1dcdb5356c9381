package io.tessera.infra.demo;

import io.tessera.infra.demo.CountryProfile.City;
import io.tessera.infra.demo.CountryProfile.MobileRange;
import io.tessera.infra.demo.CountryProfile.StreetStyle;
import io.tessera.infra.demo.DemoPerson.Gender;
import io.tessera.infra.demo.DemoPerson.Presence;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invents the demo customers and the rows two imperfect source systems hold about them. Deterministic: the same
 * seed and size give the same {@link DemoDataset}, row for row.
 *
 * <p>About 15% of the customers are companies. Each customer is in both systems (40%), only
 * the CRM (35%) or only the ERP (25%); every copy gets its own noise (case, accents, swapped or shortened names,
 * one-letter typos, phone formats, abbreviations, stale or missing contact data). Of the customers in both systems
 * about 87% share an e-mail or a phone across the two copies once normalised; the rest share only name and
 * address, as real data does. A few customers are in the CRM (or the ERP) twice, companies use generic
 * mailboxes, and a few couples share a family mailbox.
 */
public final class DemoDataGenerator {

    /** Seed of the demo that Tessera's embedded stack starts. */
    public static final long DEFAULT_SEED = 20_260_101L;
    /** Number of true customers in the default demo. */
    public static final int DEFAULT_PEOPLE = 3000;
    static final int COMPANY_PERCENT = 15;
    static final double BOTH_SHARE = 0.40;
    static final double CRM_ONLY_SHARE = 0.35;

    private final long seed;

    /** A generator with the {@link #DEFAULT_SEED}. */
    public DemoDataGenerator() {
        this(DEFAULT_SEED);
    }

    public DemoDataGenerator(long seed) {
        this.seed = seed;
    }

    /** The default demo: {@value #DEFAULT_PEOPLE} customers. */
    public DemoDataset generate() {
        return generate(DEFAULT_PEOPLE);
    }

    /** A demo of {@code people} true customers. */
    public DemoDataset generate(int people) {
        if (people < 1) {
            throw new IllegalArgumentException("A demo needs at least one customer, got " + people);
        }
        return new Run(seed, people).run();
    }

    /** One generation; all mutable state lives here, so the generator itself can be shared. */
    private static final class Run {

        private static final DemoCountry[] COUNTRIES = DemoCountry.values();
        // Share of customers per country, in DemoCountry order (ES PT FR IT DE NL PL GB BE AT IE).
        private static final int[] COUNTRY_WEIGHTS = {14, 8, 13, 12, 15, 8, 8, 10, 5, 4, 3};
        private static final LocalDate OLDEST_BIRTH = LocalDate.of(1940, 1, 1);
        private static final LocalDate YOUNGEST_BIRTH = LocalDate.of(2005, 12, 31);
        private static final LocalDateTime CRM_START = LocalDateTime.of(2019, 3, 4, 9, 0);
        private static final LocalDateTime CRM_END = LocalDateTime.of(2025, 12, 19, 18, 0);
        private static final LocalDateTime ERP_START = LocalDateTime.of(2026, 1, 5, 8, 0);
        /** Share of CRM partners who opted out of e-mail marketing. */
        private static final int OPT_OUT_PERCENT = 8;
        private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
        private static final String EIRCODE_CHARS = "0123456789ACDEFHKNPRTVWXY";
        private static final Map<String, String> IT_BIRTHPLACES = Map.ofEntries(
                Map.entry("Roma", "H501"), Map.entry("Milano", "F205"), Map.entry("Napoli", "F839"),
                Map.entry("Torino", "L219"), Map.entry("Palermo", "G273"), Map.entry("Bologna", "A944"),
                Map.entry("Firenze", "D612"), Map.entry("Genova", "D969"), Map.entry("Bari", "A662"),
                Map.entry("Venezia", "L736"), Map.entry("Verona", "L781"));
        private static final Map<String, List<String>> LEGAL_FORM_VARIANTS = Map.ofEntries(
                Map.entry("S.L.", List.of("SL", "S.L", "Sociedad Limitada")),
                Map.entry("S.A.", List.of("SA", "S.A")),
                Map.entry("S.L.U.", List.of("SLU", "S.L.U")),
                Map.entry("Lda.", List.of("Lda", "Limitada", "L.da")),
                Map.entry("Unipessoal Lda.", List.of("Unipessoal, Lda", "Unip. Lda.")),
                Map.entry("SARL", List.of("S.A.R.L.", "Sarl")),
                Map.entry("SAS", List.of("S.A.S.", "Sas")),
                Map.entry("SA", List.of("S.A.")),
                Map.entry("EURL", List.of("E.U.R.L.")),
                Map.entry("S.r.l.", List.of("SRL", "Srl", "s.r.l.")),
                Map.entry("S.p.A.", List.of("SpA", "SPA")),
                Map.entry("S.n.c.", List.of("snc", "S.N.C.")),
                Map.entry("GmbH", List.of("Gmbh", "GMBH", "G.m.b.H.")),
                Map.entry("GmbH & Co. KG", List.of("GmbH & Co KG", "GmbH u. Co. KG")),
                Map.entry("AG", List.of("A.G.")),
                Map.entry("e.K.", List.of("eK", "e. K.")),
                Map.entry("B.V.", List.of("BV", "B.V")),
                Map.entry("V.O.F.", List.of("VOF", "vof")),
                Map.entry("Sp. z o.o.", List.of("sp. z o.o.", "Spółka z o.o.", "Sp.z o.o.")),
                Map.entry("Sp.j.", List.of("sp.j.", "Spółka jawna")),
                Map.entry("Ltd", List.of("Ltd.", "Limited", "LTD")),
                Map.entry("Limited", List.of("Ltd", "Ltd.")),
                Map.entry("plc", List.of("PLC", "Plc")),
                Map.entry("LLP", List.of("L.L.P.")),
                Map.entry("BV", List.of("B.V.", "bv")),
                Map.entry("SRL", List.of("S.R.L.", "srl")),
                Map.entry("NV", List.of("N.V.")),
                Map.entry("KG", List.of("K.G.")),
                Map.entry("OG", List.of("O.G.")),
                Map.entry("e.U.", List.of("eU")),
                Map.entry("DAC", List.of("D.A.C.")),
                Map.entry("Teoranta", List.of("Teo.")));

        private final long seed;
        private final int size;
        private final Random random;
        private final List<Draft> drafts = new ArrayList<>();
        private final Set<String> emails = new HashSet<>();
        private final Set<String> phones = new HashSet<>();
        private final Set<String> taxIds = new HashSet<>();
        private final Set<String> companyNames = new HashSet<>();
        private final Set<String> domains = new HashSet<>();
        private final Set<String> addressNames = new HashSet<>();
        private final Set<String> linkNames = new HashSet<>();

        Run(long seed, int size) {
            this.seed = seed;
            this.size = size;
            this.random = new Random(seed);
        }

        DemoDataset run() {
            createPeople();
            assignPresence();
            List<Copy> crm = new ArrayList<>();
            List<Copy> erp = new ArrayList<>();
            for (Draft draft : drafts) {
                for (Plan plan : planCopies(draft)) {
                    (plan.system == SourceSystem.CRM ? crm : erp).add(observe(plan));
                }
            }
            // Each system lists its customers in its own order, so a row's position says nothing about its twin.
            Collections.shuffle(crm, random);
            Collections.shuffle(erp, random);
            List<DemoRow> truth = new ArrayList<>();
            List<CrmPartner> partners = crmRows(crm, truth);
            ErpRows erpRows = erpRows(erp, truth);
            List<DemoPerson> people = drafts.stream().map(Draft::freeze).toList();
            return new DemoDataset(seed, people, partners, erpRows.customers, erpRows.contacts, erpRows.addresses,
                    erpRows.links, truth);
        }

        // ---------------------------------------------------------------- true people

        private void createPeople() {
            int id = 1;
            while (id <= size) {
                DemoCountry country = pickCountry();
                if (random.nextInt(100) < COMPANY_PERCENT) {
                    drafts.add(company(id++, country));
                    continue;
                }
                Draft person = individual(id++, country);
                drafts.add(person);
                if (id <= size && random.nextDouble() < 0.015) {
                    drafts.add(partner(id++, person));
                }
            }
        }

        private DemoCountry pickCountry() {
            int r = random.nextInt(100);
            for (int i = 0; i < COUNTRIES.length; i++) {
                r -= COUNTRY_WEIGHTS[i];
                if (r < 0) {
                    return COUNTRIES[i];
                }
            }
            return COUNTRIES[0];
        }

        private Draft individual(int id, DemoCountry country) {
            Draft d = new Draft(id, country);
            d.gender = random.nextBoolean() ? Gender.FEMALE : Gender.MALE;
            d.given = pick(d.gender == Gender.FEMALE ? d.profile.femaleGiven() : d.profile.maleGiven());
            d.family = familyName(d.profile, d.gender);
            d.birth = OLDEST_BIRTH.plusDays(random.nextInt((int) (YOUNGEST_BIRTH.toEpochDay()
                    - OLDEST_BIRTH.toEpochDay())));
            d.city = pickCity(d.profile);
            d.address = address(country, d.city);
            d.germanSlug = (country == DemoCountry.DE || country == DemoCountry.AT) && random.nextDouble() < 0.6;
            d.mobile = random.nextDouble() < 0.92 ? newMobile(country) : null;
            d.landline = random.nextDouble() < 0.45 ? newLandline(country, d.city) : null;
            if (random.nextDouble() < 0.93) {
                d.email = personalEmail(d, random.nextDouble() < 0.15);
                d.staleEmail = otherPersonalEmail(d);
            }
            d.taxId = unique(taxIds, () -> TaxIds.person(country, d.given, d.family, d.birth,
                    d.gender == Gender.FEMALE, IT_BIRTHPLACES.get(d.city.name()), random));
            return d;
        }

        /** A second adult of the same household: same address and home phone, and a mailbox the two share. */
        private Draft partner(int id, Draft first) {
            DemoCountry country = first.country;
            Draft d = new Draft(id, country);
            d.gender = random.nextDouble() < 0.9 ? (first.gender == Gender.FEMALE ? Gender.MALE : Gender.FEMALE)
                    : first.gender;
            d.given = pick(d.gender == Gender.FEMALE ? d.profile.femaleGiven() : d.profile.maleGiven());
            d.family = switch (country) {
                // Spouses keep their own surnames here.
                case ES, PT, IT -> familyName(d.profile, d.gender);
                case PL -> d.gender == Gender.FEMALE ? feminine(masculine(first.family)) : masculine(first.family);
                default -> first.family;
            };
            d.birth = first.birth.plusDays(random.nextInt(4000) - 2000L);
            d.city = first.city;
            d.address = first.address;
            d.germanSlug = first.germanSlug;
            if (first.landline == null) {
                first.landline = newLandline(country, first.city);
            }
            d.landline = first.landline;
            d.mobile = random.nextDouble() < 0.9 ? newMobile(country) : null;
            d.staleEmail = personalEmail(d, false);
            if (random.nextBoolean()) {
                String local = String.format(d.profile.familyMailboxPattern(),
                        Noise.slug(firstToken(first.family), first.germanSlug));
                String family = unique(emails, local, pick(d.profile.providers()));
                if (first.email != null) {
                    first.staleEmail = first.email;
                }
                first.email = family;
            } else if (first.email == null) {
                first.email = personalEmail(first, false);
            }
            d.email = first.email;
            d.taxId = unique(taxIds, () -> TaxIds.person(country, d.given, d.family, d.birth,
                    d.gender == Gender.FEMALE, IT_BIRTHPLACES.get(d.city.name()), random));
            return d;
        }

        private Draft company(int id, DemoCountry country) {
            Draft d = new Draft(id, country);
            d.company = true;
            d.city = pickCity(d.profile);
            d.address = address(country, d.city);
            d.companyName = companyName(d.profile, d.city);
            String domainBase = Noise.slug(d.companyName.base(), true);
            String tld = random.nextDouble() < 0.2 ? "com" : d.profile.tld();
            d.domain = uniqueDomain(domainBase, tld);
            List<String> mailboxes = d.profile.genericMailboxes();
            if (random.nextDouble() < 0.45) {
                String mailbox = random.nextDouble() < 0.6 ? mailboxes.get(0) : pick(mailboxes);
                d.email = unique(emails, mailbox, d.domain);
            } else {
                d.email = unique(emails, namedLocal(d.profile), d.domain);
            }
            d.staleEmail = unique(emails, random.nextBoolean() ? pick(mailboxes) : namedLocal(d.profile), d.domain);
            d.landline = newLandline(country, d.city);
            d.mobile = random.nextDouble() < 0.35 ? newMobile(country) : null;
            d.taxId = unique(taxIds, () -> TaxIds.companyVat(country, random));
            return d;
        }

        private String namedLocal(CountryProfile profile) {
            String given = Noise.slug(firstToken(pick(random.nextBoolean() ? profile.maleGiven()
                    : profile.femaleGiven())), false);
            String family = Noise.slug(firstToken(pick(profile.family())), false);
            return random.nextBoolean() ? given.charAt(0) + "." + family : given + "." + family;
        }

        private String familyName(CountryProfile profile, Gender gender) {
            String first = pick(profile.family());
            String family = first;
            if (random.nextDouble() < profile.doubleSurnameShare()) {
                String second = pick(profile.family());
                while (second.equals(first)) {
                    second = pick(profile.family());
                }
                family = first + " " + second;
            }
            return profile.genderedFamilyNames() && gender == Gender.FEMALE ? feminine(family) : family;
        }

        /** Polish surnames agree with gender: Kowalski → Kowalska, Czarnecki → Czarnecka. */
        private static String feminine(String family) {
            return family.replaceAll("(sk|ck|dzk)i\\b", "$1a");
        }

        private static String masculine(String family) {
            return family.replaceAll("(sk|ck|dzk)a\\b", "$1i");
        }

        private CompanyName companyName(CountryProfile profile, City city) {
            for (int attempt = 0; ; attempt++) {
                String pattern = pick(profile.companyPatterns());
                String s1 = firstToken(pick(profile.family()));
                String s2 = firstToken(pick(profile.family()));
                String base = pattern.replace("{A}", pick(profile.activities())).replace("{S2}", s2)
                        .replace("{S}", s1).replace("{C}", city.name());
                if (attempt > 20) {
                    base = base + " " + (attempt - 19);
                }
                if (companyNames.add(base)) {
                    return new CompanyName(base, pick(profile.legalForms()), profile.legalFormSeparator());
                }
            }
        }

        private String uniqueDomain(String base, String tld) {
            String domain = base + "." + tld;
            for (int n = 2; !domains.add(domain); n++) {
                domain = base + n + "." + tld;
            }
            return domain;
        }

        private City pickCity(CountryProfile profile) {
            List<City> cities = profile.cities();
            // Skewed towards the first (largest) cities of each list.
            return cities.get((int) (Math.pow(random.nextDouble(), 1.6) * cities.size()));
        }

        private DemoAddress address(DemoCountry country, City city) {
            StreetStyle style = CountryProfiles.style(city.style());
            String street = pick(style.streets());
            String number = String.valueOf(1 + (int) (Math.pow(random.nextDouble(), 2.2) * 180));
            if ((country == DemoCountry.DE || country == DemoCountry.AT) && random.nextDouble() < 0.06) {
                number += "abc".charAt(random.nextInt(3));
            }
            String line2 = random.nextDouble() < style.line2Share() ? fillLine2(pick(style.line2())) : null;
            if (line2 != null && line2.startsWith("/")) {
                // Flat or addition written into the house number: ul. Długa 12/4, Stiege 12/3/14, Kerkstraat 12-II.
                String suffix = line2.substring(1);
                number = Character.isDigit(suffix.charAt(0)) ? number + "/" + suffix : number + suffix;
                line2 = null;
            }
            String line1 = style.numberFirst() ? number + " " + street : street + style.separator() + number;
            String postcode = fillPostcode(pick(city.postcodes()));
            return new DemoAddress(line1, line2, postcode, city.name(), country);
        }

        private String fillLine2(String template) {
            StringBuilder out = new StringBuilder();
            for (char c : template.toCharArray()) {
                switch (c) {
                    case '#' -> out.append((char) ('1' + random.nextInt(9)));
                    case '@' -> out.append((char) ('A' + random.nextInt(4)));
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

        private String fillPostcode(String pattern) {
            StringBuilder out = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '#' -> out.append((char) ('0' + random.nextInt(10)));
                    case '+' -> out.append((char) ('1' + random.nextInt(9)));
                    case '?' -> out.append(POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length())));
                    case '*' -> out.append(EIRCODE_CHARS.charAt(random.nextInt(EIRCODE_CHARS.length())));
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

        private PhoneNumber newMobile(DemoCountry country) {
            CountryProfile profile = CountryProfiles.of(country);
            while (true) {
                MobileRange range = pick(profile.mobiles());
                String nsn = range.prefix() + digits(range.length() - range.prefix().length());
                if (phones.add(nsn + "@" + country)) {
                    return new PhoneNumber(country, nsn, mobileGroupLength(country), true);
                }
            }
        }

        private static int mobileGroupLength(DemoCountry country) {
            return switch (country) {
                case FR, NL -> 1;
                case IE -> 2;
                case GB -> 4;
                default -> 3;
            };
        }

        private PhoneNumber newLandline(DemoCountry country, City city) {
            while (true) {
                String area = city.areaCode();
                String nsn = area + (char) ('2' + random.nextInt(8))
                        + digits(city.landlineLength() - area.length() - 1);
                if (phones.add(nsn + "@" + country)) {
                    int groupLength = switch (country) {
                        case ES, PT -> 3;
                        case PL -> 2;
                        default -> area.length();
                    };
                    return new PhoneNumber(country, nsn, groupLength, false);
                }
            }
        }

        /** A name-based address at a common provider, or (work) at an employer's domain. */
        private String personalEmail(Draft d, boolean work) {
            String given = Noise.slug(random.nextDouble() < 0.3 ? d.given : firstToken(d.given), d.germanSlug);
            String family = Noise.slug(emailFamily(d), d.germanSlug);
            String initial = given.substring(0, 1);
            String yy = String.format("%02d", d.birth.getYear() % 100);
            if (work) {
                CompanyName employer = companyName(d.profile, d.city);
                d.employer = employer.display();
                String domain = uniqueDomain(Noise.slug(employer.base(), true), d.profile.tld());
                String local = switch (random.nextInt(4)) {
                    case 0 -> given + "." + family;
                    case 1 -> initial + "." + family;
                    case 2 -> initial + family;
                    default -> given;
                };
                return unique(emails, local, domain);
            }
            int r = random.nextInt(100);
            String local;
            if (r < 30) {
                local = given + "." + family;
            } else if (r < 45) {
                local = given + family;
            } else if (r < 55) {
                local = initial + "." + family;
            } else if (r < 65) {
                local = initial + family;
            } else if (r < 72) {
                local = family + "." + given;
            } else if (r < 77) {
                local = given + "_" + family;
            } else if (r < 85) {
                local = given + "." + family + yy;
            } else if (r < 93) {
                local = given + family + yy;
            } else if (r < 97) {
                local = family + initial;
            } else {
                local = given + yy;
            }
            return unique(emails, local, pick(d.profile.providers()));
        }

        /** An address the person used before: another provider, often with the birth year or a number. */
        private String otherPersonalEmail(Draft d) {
            String given = Noise.slug(firstToken(d.given), d.germanSlug);
            String family = Noise.slug(emailFamily(d), d.germanSlug);
            String local = switch (random.nextInt(3)) {
                case 0 -> given + family + String.format("%02d", d.birth.getYear() % 100);
                case 1 -> given.charAt(0) + family + (1 + random.nextInt(99));
                default -> family + "." + given;
            };
            List<String> providers = d.profile.providers();
            String provider = pick(providers);
            for (int i = 0; i < 5 && d.email != null && d.email.endsWith("@" + provider); i++) {
                provider = pick(providers);
            }
            return unique(emails, local, provider);
        }

        private String emailFamily(Draft d) {
            String family = d.family;
            if (!family.contains(" ")) {
                return family;
            }
            return switch (d.country) {
                case ES -> random.nextDouble() < 0.7 ? firstToken(family) : family;
                case PT -> random.nextDouble() < 0.6 ? lastToken(family) : family;
                // "van den Berg" → vandenberg, "De Luca" → deluca: the particles stay in the mailbox.
                default -> family;
            };
        }

        private void assignPresence() {
            List<Presence> presences = new ArrayList<>(size);
            int both = (int) Math.round(size * BOTH_SHARE);
            int crmOnly = (int) Math.round(size * CRM_ONLY_SHARE);
            for (int i = 0; i < size; i++) {
                presences.add(i < both ? Presence.BOTH : i < both + crmOnly ? Presence.CRM_ONLY : Presence.ERP_ONLY);
            }
            Collections.shuffle(presences, random);
            for (int i = 0; i < size; i++) {
                drafts.get(i).presence = presences.get(i);
            }
        }

        // ---------------------------------------------------------------- copies in the source systems

        private enum EmailChoice { CURRENT, STALE, NONE }

        private enum Scenario { SHARE_BOTH, SHARE_EMAIL, SHARE_PHONE, SHARE_NOTHING }

        /** What one source row shows of its person's contact data. */
        private static final class Plan {
            final SourceSystem system;
            final Draft person;
            EmailChoice email = EmailChoice.NONE;
            boolean primary;
            boolean secondary;
            boolean moved;

            Plan(SourceSystem system, Draft person) {
                this.system = system;
                this.person = person;
            }
        }

        private List<Plan> planCopies(Draft d) {
            List<Plan> plans = new ArrayList<>();
            Plan reference = basePlan(d.presence.inCrm() ? SourceSystem.CRM : SourceSystem.ERP, d);
            plans.add(reference);
            if (d.presence == Presence.BOTH) {
                plans.add(relatedPlan(SourceSystem.ERP, reference, d));
            }
            // The same customer entered twice: a second salesperson, or an import run twice.
            if (d.presence.inCrm() && random.nextDouble() < 0.03) {
                plans.add(relatedPlan(SourceSystem.CRM, reference, d));
            }
            if (d.presence.inErp() && random.nextDouble() < 0.012) {
                plans.add(relatedPlan(SourceSystem.ERP, reference, d));
            }
            return plans;
        }

        private Plan basePlan(SourceSystem system, Draft d) {
            Plan plan = new Plan(system, d);
            plan.email = d.email != null && random.nextDouble() < 0.92 ? EmailChoice.CURRENT : EmailChoice.NONE;
            plan.primary = d.primary() != null && random.nextDouble() < 0.9;
            plan.secondary = d.secondary() != null && random.nextDouble() < 0.45;
            return plan;
        }

        /**
         * A second copy of a person, and what it shares with the first. Only the e-mail and the primary phone
         * of the first copy are ever switched on here, and copies that must not share them never show them, so
         * the planned overlap holds however many copies a person has.
         */
        private Plan relatedPlan(SourceSystem system, Plan reference, Draft d) {
            Plan plan = new Plan(system, d);
            double r = random.nextDouble();
            Scenario scenario = r < 0.57 ? Scenario.SHARE_BOTH : r < 0.72 ? Scenario.SHARE_EMAIL
                    : r < 0.87 ? Scenario.SHARE_PHONE : Scenario.SHARE_NOTHING;
            boolean hasEmail = d.email != null;
            boolean hasPhone = d.primary() != null;
            if (!hasEmail && (scenario == Scenario.SHARE_BOTH || scenario == Scenario.SHARE_EMAIL)) {
                scenario = hasPhone ? Scenario.SHARE_PHONE : Scenario.SHARE_NOTHING;
            }
            if (!hasPhone && (scenario == Scenario.SHARE_BOTH || scenario == Scenario.SHARE_PHONE)) {
                scenario = hasEmail ? Scenario.SHARE_EMAIL : Scenario.SHARE_NOTHING;
            }
            boolean hasSecondary = d.secondary() != null;
            switch (scenario) {
                case SHARE_BOTH -> {
                    reference.email = EmailChoice.CURRENT;
                    reference.primary = true;
                    plan.email = EmailChoice.CURRENT;
                    plan.primary = true;
                    plan.secondary = hasSecondary && random.nextDouble() < 0.4;
                }
                case SHARE_EMAIL -> {
                    reference.email = EmailChoice.CURRENT;
                    plan.email = EmailChoice.CURRENT;
                    plan.secondary = hasSecondary && !reference.secondary && random.nextDouble() < 0.6;
                }
                case SHARE_PHONE -> {
                    reference.primary = true;
                    plan.primary = true;
                    plan.email = d.staleEmail != null && random.nextBoolean() ? EmailChoice.STALE : EmailChoice.NONE;
                    plan.secondary = hasSecondary && random.nextDouble() < 0.3;
                }
                case SHARE_NOTHING -> {
                    plan.email = d.staleEmail != null && random.nextDouble() < 0.6 ? EmailChoice.STALE
                            : EmailChoice.NONE;
                    plan.secondary = hasSecondary && !reference.secondary && random.nextDouble() < 0.5;
                }
            }
            plan.moved = random.nextDouble() < 0.05;
            return plan;
        }

        /** The person as one source row shows them. */
        private record Copy(
                SourceSystem system,
                Draft person,
                String given,
                String family,
                boolean swapped,
                String companyName,
                String email,
                String mobile,
                String landline,
                DemoAddress address,
                String taxId) {

            /** The name as one string, in the order this copy writes it. */
            String displayName(Random random) {
                if (person.company) {
                    return companyName;
                }
                if (!swapped) {
                    return given + " " + family;
                }
                return random.nextBoolean() ? family + ", " + given : family + " " + given;
            }
        }

        private Copy observe(Plan plan) {
            Draft d = plan.person;
            String given = null;
            String family = null;
            boolean swapped = false;
            String companyName = null;
            if (d.company) {
                companyName = noisyCompanyName(d);
            } else {
                String[] name = noisyPersonName(d);
                given = name[0];
                family = name[1];
                swapped = random.nextDouble() < 0.04;
            }
            String email = switch (plan.email) {
                case CURRENT -> noisyEmail(d.email);
                case STALE -> noisyEmail(d.staleEmail);
                case NONE -> null;
            };
            PhoneNumber mobile = d.company ? (plan.secondary ? d.mobile : null) : (plan.primary ? d.mobile : null);
            PhoneNumber landline = d.company ? (plan.primary ? d.landline : null)
                    : (plan.secondary ? d.landline : null);
            DemoAddress address = noisyAddress(plan.moved ? d.oldAddress(this) : d.address, d);
            double taxShare = switch (plan.system) {
                case CRM -> d.company ? 0.85 : 0.45;
                case ERP -> d.company ? 0.92 : 0.65;
            };
            String taxId = null;
            if (random.nextDouble() < taxShare) {
                taxId = random.nextDouble() < 0.35 ? TaxIds.variant(d.taxId, d.country, d.company, random) : d.taxId;
            }
            return new Copy(plan.system, d, given, family, swapped, companyName, email,
                    mobile == null ? null : mobile.format(PhoneNumber.randomStyle(random)),
                    landline == null ? null : landline.format(PhoneNumber.randomStyle(random)),
                    address, taxId);
        }

        private String[] noisyPersonName(Draft d) {
            String given = d.given;
            String family = d.family;
            DemoCountry country = d.country;
            if ((given.contains(" ") || given.contains("-")) && random.nextDouble() < 0.25) {
                given = shortenGiven(given, country);
            }
            if (family.contains(" ") && (country == DemoCountry.ES || country == DemoCountry.PT)
                    && random.nextDouble() < 0.22) {
                // Spaniards often go by their first surname, Portuguese by their last.
                family = country == DemoCountry.ES ? firstToken(family) : lastToken(family);
            }
            if (Character.isLowerCase(family.charAt(0)) && random.nextDouble() < 0.3) {
                family = Character.toUpperCase(family.charAt(0)) + family.substring(1);
            }
            if (family.contains("'") && random.nextDouble() < 0.35) {
                family = switch (random.nextInt(3)) {
                    case 0 -> family.replace("'", "");
                    case 1 -> family.replace("'", " ");
                    default -> family.replace("'", "\u2019");
                };
            }
            if (random.nextDouble() < 0.15) {
                boolean mode = random.nextBoolean();
                given = fold(given, country, mode);
                family = fold(family, country, mode);
            }
            if (random.nextDouble() < 0.06) {
                if (random.nextDouble() < 0.4) {
                    given = Noise.typo(given, random);
                } else {
                    family = Noise.typo(family, random);
                }
            }
            double r = random.nextDouble();
            if (r < 0.07) {
                given = Noise.upper(given);
                family = Noise.upper(family);
            } else if (r < 0.10) {
                given = Noise.lower(given);
                family = Noise.lower(family);
            } else if ((country == DemoCountry.FR || "be-fr".equals(d.city.style())) && r < 0.25) {
                // French custom: the surname in capitals.
                family = Noise.upper(family);
            }
            return new String[] {given, family};
        }

        private String fold(String text, DemoCountry country, boolean mode) {
            return switch (country) {
                case DE, AT -> mode ? Noise.transliterateGerman(text) : Noise.stripAccents(text);
                case ES -> mode ? Noise.stripVowelAccents(text) : Noise.stripAccents(text);
                default -> Noise.stripAccents(text);
            };
        }

        private String shortenGiven(String given, DemoCountry country) {
            if (given.contains("-")) {
                return random.nextBoolean() ? given.replace('-', ' ') : given.substring(0, given.indexOf('-'));
            }
            if (country == DemoCountry.ES && given.startsWith("María ") && random.nextBoolean()) {
                return "Mª " + given.substring("María ".length());
            }
            return firstToken(given);
        }

        private String noisyCompanyName(Draft d) {
            CompanyName name = d.companyName;
            String base = name.base();
            String form = name.form();
            if (random.nextDouble() < 0.35) {
                form = pick(LEGAL_FORM_VARIANTS.getOrDefault(form, List.of(form)));
            }
            if (random.nextDouble() < 0.10) {
                form = null;
            }
            if (base.contains(" & ") && random.nextDouble() < 0.15) {
                base = base.replace(" & ", switch (d.country) {
                    case ES -> " y ";
                    case PT, IT -> " e ";
                    case FR -> " et ";
                    case DE, AT -> " und ";
                    case NL, BE -> " en ";
                    case PL -> " i ";
                    case GB, IE -> " and ";
                });
            }
            if (random.nextDouble() < 0.12) {
                base = fold(base, d.country, random.nextBoolean());
            }
            if (random.nextDouble() < 0.04) {
                base = Noise.typo(base, random);
            }
            String display = form == null ? base : base + name.separator() + form;
            return random.nextDouble() < 0.08 ? Noise.upper(display) : display;
        }

        private String noisyEmail(String email) {
            if (email == null) {
                return null;
            }
            double r = random.nextDouble();
            if (r < 0.06) {
                int at = email.indexOf('@');
                return Noise.capitalizeWords(email.substring(0, at)) + email.substring(at);
            }
            if (r < 0.08) {
                return Noise.upper(email);
            }
            if (r < 0.10) {
                return email + " ";
            }
            return email;
        }

        private DemoAddress noisyAddress(DemoAddress address, Draft d) {
            StreetStyle style = CountryProfiles.style(d.city.style());
            String line1 = address.line1();
            String line2 = address.line2();
            if (line2 != null && random.nextDouble() < 0.3) {
                line1 = line1 + ", " + line2;
                line2 = null;
            } else if (line2 != null && random.nextDouble() < 0.1) {
                line2 = null;
            }
            if (random.nextDouble() < 0.25) {
                line1 = abbreviate(line1, style);
            }
            if (random.nextDouble() < 0.1) {
                line1 = fold(line1, d.country, random.nextBoolean());
            }
            if (random.nextDouble() < 0.04) {
                line1 = Noise.upper(line1);
                line2 = Noise.upper(line2);
            }
            String postcode = address.postcode();
            if (postcode.matches("0\\d+") && random.nextDouble() < 0.12) {
                // A spreadsheet round trip turns 08012 into 8012.
                postcode = postcode.replaceFirst("^0+", "");
            } else if ((postcode.contains(" ") || postcode.contains("-")) && random.nextDouble() < 0.15) {
                postcode = postcode.replace(" ", "").replace("-", "");
            }
            if (random.nextDouble() < 0.05) {
                postcode = Noise.lower(postcode);
            }
            String city = address.city();
            List<String> aliases = cityOf(d, city).aliases();
            double r = random.nextDouble();
            if (!aliases.isEmpty() && r < 0.12) {
                city = pick(aliases);
            } else if (r < 0.18) {
                city = Noise.upper(city);
            } else if (r < 0.26) {
                city = Noise.stripAccents(city);
            }
            return new DemoAddress(line1, line2, postcode, city, address.country());
        }

        private City cityOf(Draft d, String name) {
            for (City city : d.profile.cities()) {
                if (city.name().equals(name)) {
                    return city;
                }
            }
            return d.city;
        }

        private String abbreviate(String line, StreetStyle style) {
            List<String> pairs = style.abbreviations();
            List<Integer> matching = new ArrayList<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                if (Pattern.compile(pairs.get(i)).matcher(line).find()) {
                    matching.add(i);
                }
            }
            if (matching.isEmpty()) {
                return line;
            }
            int i = matching.get(random.nextInt(matching.size()));
            return line.replaceFirst(pairs.get(i), Matcher.quoteReplacement(pairs.get(i + 1)));
        }

        // ---------------------------------------------------------------- rows

        private List<CrmPartner> crmRows(List<Copy> copies, List<DemoRow> truth) {
            List<CrmPartner> rows = new ArrayList<>(copies.size());
            long span = Duration.between(CRM_START, CRM_END).toMinutes();
            for (int i = 0; i < copies.size(); i++) {
                Copy copy = copies.get(i);
                Draft d = copy.person();
                int id = i + 1;
                String name = copy.displayName(random);
                String phone = copy.landline();
                String mobile = copy.mobile();
                if (phone == null && mobile != null && random.nextDouble() < 0.35) {
                    // Many users type every number into the first phone field.
                    phone = mobile;
                    mobile = null;
                }
                String lang = random.nextDouble() < 0.05 ? null : odooLang(d);
                String website = d.company && random.nextDouble() < 0.55
                        ? (random.nextBoolean() ? "https://www." : "www.") + d.domain : null;
                String employer = !d.company && d.employer != null && random.nextDouble() < 0.6 ? d.employer : null;
                LocalDateTime created = CRM_START.plusMinutes(span * i / copies.size() + random.nextInt(600));
                LocalDateTime written = created.plusMinutes(random.nextDouble() < 0.5 ? 0 : random.nextInt(400_000));
                if (written.isAfter(CRM_END)) {
                    written = CRM_END;
                }
                DemoAddress a = copy.address();
                rows.add(new CrmPartner(id, name, lang, copy.taxId(), website, a.line1(), a.line2(), a.postcode(),
                        a.city(), d.country.crmId(), copy.email(), phone, mobile, d.company, employer,
                        d.company ? name : employer, created, written, null, false));
                truth.add(new DemoRow(SourceSystem.CRM, DemoSchemas.RES_PARTNER, String.valueOf(id), d.id));
            }
            return withOptOuts(withParents(rows));
        }

        /**
         * Marks about {@value #OPT_OUT_PERCENT}% of the partners as opted out of e-mail marketing (Odoo's
         * {@code opt_out}). The choice has its own random source, so the rest of the data is as before; consent is
         * not an identifying attribute, so this changes what profiles say, not who matches.
         */
        private List<CrmPartner> withOptOuts(List<CrmPartner> rows) {
            Random optOuts = new Random(seed ^ 0x0B7_0C7L);
            return rows.stream().map(row -> optOuts.nextInt(100) < OPT_OUT_PERCENT ? row.withOptOut(true) : row)
                    .toList();
        }

        /**
         * Makes some persons with an employer contacts of a company partner of the same country, as Odoo keeps
         * them: {@code parent_id} set, the company's name copied. Parents come before their contacts (so the rows
         * insert in id order) and the choice has its own random source, so the rest of the data is as before.
         * The employer is not an identifying attribute, so this changes who is related, not who matches.
         */
        private List<CrmPartner> withParents(List<CrmPartner> rows) {
            Random parents = new Random(seed ^ 0x5DEECE66DL);
            Map<Integer, List<CrmPartner>> companiesByCountry = new HashMap<>();
            List<CrmPartner> result = new ArrayList<>(rows.size());
            for (CrmPartner row : rows) {
                List<CrmPartner> companies = companiesByCountry.getOrDefault(row.countryId(), List.of());
                if (!row.company() && row.companyName() != null && !companies.isEmpty()
                        && parents.nextDouble() < 0.5) {
                    result.add(row.withParent(companies.get(parents.nextInt(companies.size()))));
                } else {
                    result.add(row);
                }
                if (row.company()) {
                    companiesByCountry.computeIfAbsent(row.countryId(), any -> new ArrayList<>()).add(row);
                }
            }
            return result;
        }

        private static String odooLang(Draft d) {
            if (d.country == DemoCountry.BE) {
                return "be-fr".equals(d.city.style()) ? "fr_BE" : "nl_BE";
            }
            return d.country.odooLang();
        }

        private static String erpLanguage(Draft d) {
            if (d.country == DemoCountry.BE) {
                return "be-fr".equals(d.city.style()) ? "fr" : "nl";
            }
            return d.country.erpLanguage();
        }

        private record ErpRows(List<ErpCustomer> customers, List<ErpContact> contacts, List<ErpAddress> addresses,
                               List<ErpDynamicLink> links) {
        }

        private ErpRows erpRows(List<Copy> copies, List<DemoRow> truth) {
            List<ErpCustomer> customers = new ArrayList<>(copies.size());
            List<ErpContact> contacts = new ArrayList<>();
            List<ErpAddress> addresses = new ArrayList<>(copies.size());
            List<ErpDynamicLink> links = new ArrayList<>();
            int contactSeq = 0;
            for (int i = 0; i < copies.size(); i++) {
                Copy copy = copies.get(i);
                Draft d = copy.person();
                String customerName = "CUST-2026-" + String.format("%05d", i + 1);
                LocalDateTime created = ERP_START.plusMinutes(i * 37L + random.nextInt(30))
                        .plusNanos(random.nextInt(1_000_000) * 1000L);
                String title;
                ErpContact contact = null;
                String salutation = null;
                String gender = null;
                String mobileNo;
                String email = copy.email();
                if (d.company) {
                    title = copy.companyName();
                    mobileNo = copy.mobile();
                } else {
                    String first = copy.swapped() ? copy.family() : copy.given();
                    String last = copy.swapped() ? copy.given() : copy.family();
                    String middle = null;
                    if (!copy.swapped() && first.contains(" ") && random.nextDouble() < 0.3) {
                        middle = first.substring(first.indexOf(' ') + 1);
                        first = first.substring(0, first.indexOf(' '));
                    }
                    title = middle == null ? first + " " + last : first + " " + middle + " " + last;
                    String phone = copy.landline();
                    String mobile = copy.mobile();
                    if (phone == null && mobile != null && random.nextDouble() < 0.3) {
                        phone = mobile;
                        mobile = null;
                    }
                    if (random.nextDouble() < 0.35) {
                        salutation = d.gender == Gender.FEMALE ? (random.nextBoolean() ? "Ms" : "Mrs") : "Mr";
                        if (random.nextDouble() < 0.05) {
                            salutation = "Dr";
                        }
                    }
                    if (random.nextBoolean()) {
                        gender = d.gender == Gender.FEMALE ? "Female" : "Male";
                    }
                    contactSeq++;
                    contact = new ErpContact("CONT-" + String.format("%05d", contactSeq), first, middle, last, title,
                            email, phone, mobile, salutation, gender, created.plusSeconds(2));
                    contacts.add(contact);
                    truth.add(new DemoRow(SourceSystem.ERP, DemoSchemas.TAB_CONTACT, contact.name(), d.id));
                    mobileNo = mobile;
                }
                DemoAddress a = copy.address();
                String addressName = uniqueAddressName(title + "-Billing");
                ErpAddress address = new ErpAddress(addressName, title, "Billing", a.line1(), a.line2(), a.city(),
                        d.country.englishName(), a.postcode(),
                        d.company && random.nextDouble() < 0.3 ? email : null,
                        d.company ? copy.landline() : null, created.plusSeconds(3));
                addresses.add(address);
                truth.add(new DemoRow(SourceSystem.ERP, DemoSchemas.TAB_ADDRESS, addressName, d.id));
                customers.add(new ErpCustomer(customerName, title, d.company ? "Company" : "Individual",
                        d.company ? "Commercial" : "Individual", d.country.englishName(), salutation, gender,
                        contact == null ? null : contact.name(), mobileNo, email, addressName,
                        addressDisplay(address), copy.taxId(), erpLanguage(d), created));
                truth.add(new DemoRow(SourceSystem.ERP, DemoSchemas.TAB_CUSTOMER, customerName, d.id));
                if (contact != null) {
                    links.add(link(contact.name(), "Contact", customerName, title, created.plusSeconds(2)));
                    truth.add(new DemoRow(SourceSystem.ERP, DemoSchemas.TAB_DYNAMIC_LINK,
                            links.get(links.size() - 1).name(), d.id));
                }
                links.add(link(addressName, "Address", customerName, title, created.plusSeconds(3)));
                truth.add(new DemoRow(SourceSystem.ERP, DemoSchemas.TAB_DYNAMIC_LINK,
                        links.get(links.size() - 1).name(), d.id));
            }
            return new ErpRows(customers, contacts, addresses, links);
        }

        /** Frappe's address naming: {@code <title>-Billing}, then {@code -1}, {@code -2}… when taken. */
        private String uniqueAddressName(String base) {
            String name = base;
            // MariaDB compares keys case- and accent-insensitively (utf8mb4_unicode_ci): José = jose.
            for (int n = 1; !addressNames.add(Noise.stripAccents(name).toLowerCase(Locale.ROOT)); n++) {
                name = base + "-" + n;
            }
            return name;
        }

        private ErpDynamicLink link(String parent, String parentType, String customer, String title,
                                    LocalDateTime created) {
            String name;
            do {
                // Frappe names child rows with ten random hex characters.
                name = String.format("%010x", random.nextLong() & 0xFF_FFFF_FFFFL);
            } while (!linkNames.add(name));
            return new ErpDynamicLink(name, parent, parentType, customer, title, created);
        }

        /** ERPNext's rendering of an address into {@code primary_address}. */
        private static String addressDisplay(ErpAddress a) {
            StringBuilder out = new StringBuilder(a.line1()).append("<br>");
            if (a.line2() != null) {
                out.append(a.line2()).append("<br>");
            }
            out.append(a.city()).append("<br>");
            if (a.pincode() != null) {
                out.append(a.pincode()).append("<br>");
            }
            return out.append(a.country()).append("<br>").toString();
        }

        // ---------------------------------------------------------------- helpers

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        private String digits(int count) {
            StringBuilder out = new StringBuilder(count);
            for (int i = 0; i < count; i++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
            return out.toString();
        }

        private static String firstToken(String text) {
            int space = text.indexOf(' ');
            return space < 0 ? text : text.substring(0, space);
        }

        private static String lastToken(String text) {
            return text.substring(text.lastIndexOf(' ') + 1);
        }

        private String unique(Set<String> used, Supplier<String> candidate) {
            while (true) {
                String value = candidate.get();
                if (used.add(value)) {
                    return value;
                }
            }
        }

        /** {@code local@domain}, with a number appended to the local part until nobody else has it. */
        private String unique(Set<String> used, String local, String domain) {
            String email = local + "@" + domain;
            while (!used.add(email)) {
                email = local + (1 + random.nextInt(99)) + "@" + domain;
            }
            return email;
        }
    }

    /** A registered company name split so that copies can write the legal form differently. */
    private record CompanyName(String base, String form, String separator) {
        String display() {
            return base + separator + form;
        }
    }

    /** A true person while it is being built; frozen into a {@link DemoPerson} at the end. */
    private static final class Draft {
        final int id;
        final DemoCountry country;
        final CountryProfile profile;
        boolean company;
        String given;
        String family;
        Gender gender;
        LocalDate birth;
        City city;
        DemoAddress address;
        DemoAddress oldAddress;
        boolean germanSlug;
        CompanyName companyName;
        String domain;
        String employer;
        String email;
        String staleEmail;
        PhoneNumber mobile;
        PhoneNumber landline;
        String taxId;
        Presence presence;

        Draft(int id, DemoCountry country) {
            this.id = id;
            this.country = country;
            this.profile = CountryProfiles.of(country);
        }

        /** The number this customer gives first: a person's mobile, a company's switchboard. */
        PhoneNumber primary() {
            return company ? landline : mobile;
        }

        PhoneNumber secondary() {
            return company ? mobile : landline;
        }

        /** Where the customer lived before moving; only a system that missed the move still shows it. */
        DemoAddress oldAddress(Run run) {
            if (oldAddress == null) {
                oldAddress = run.address(country, run.pickCity(profile));
            }
            return oldAddress;
        }

        DemoPerson freeze() {
            return new DemoPerson(id, country, company, given, family,
                    companyName == null ? null : companyName.display(), gender, birth, email, staleEmail,
                    mobile == null ? null : mobile.e164(), landline == null ? null : landline.e164(), address,
                    taxId, presence);
        }
    }
}
