package io.tessera.identity.bench;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Synthetic person records from three sources ({@code crm}, {@code erp}, {@code shop}) with the noise real customer
 * data has, and the ground truth of who is who. Deterministic for a seed, and streamed: a million records are
 * generated one at a time, holding only the records waiting for their turn (see below), never the whole set.
 *
 * <p>People live in ES, PT, FR, IT, DE, NL, PL or GB, with names drawn from skewed frequency tables (so there are
 * many María García and Hans Müller), valid mobile and landline numbers of their country, plausible postcodes, and
 * for ES and PT a valid tax id. About 70% of people have one record; the rest have two to four, in different
 * sources or as a duplicate account. Per record the sources differ as they do in practice:
 * <ul>
 *   <li>names: nicknames (Paco for Francisco, Bob for Robert, Grete for Margarethe), accents dropped, one-letter
 *       typos, given and family name swapped, upper case (the ERP), a second surname dropped, an initial only;</li>
 *   <li>emails: gmail dots and {@code +tags}, upper case, a work address in one source and a personal one in
 *       another, a family email shared by a household, an occasional typo, missing values;</li>
 *   <li>phones: national and international formats, spaces, dashes, a {@code 00} prefix, a household's shared
 *       landline, missing values;</li>
 *   <li>addresses: street abbreviations, an old address in one source, countries written as codes or names;</li>
 *   <li>dates of birth in each source's own format, sometimes with day and month swapped.</li>
 * </ul>
 * Households (about 10% of people) share a family name and address, often a landline and sometimes an email: records
 * that look alike and must stay apart.
 *
 * <p>A person's later records do not follow the first one: each is delayed by a random number of records (up to
 * {@value #MAX_DELAY}, and at most a fifth of the data set), as a second source's copy arrives some time later.
 * That delay is what bounds the memory. Record keys carry a serial number ({@link #serial}) unique across sources,
 * from 0 to the record count, so that a benchmark can keep per-record facts in arrays instead of maps.
 */
public final class SyntheticPeople {

    /** When the first record changed; each record is one second after the previous serial. */
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** The share of addresses on one of the country's few well-known streets; the others are on named streets. */
    private static final double FAMOUS_STREETS = 0.1;

    /** The most records by which a person's later records trail the first one. */
    public static final int MAX_DELAY = 20_000;

    public static final String CRM = "crm";
    public static final String ERP = "erp";
    public static final String SHOP = "shop";

    private static final String CRM_TABLE = "res_partner";
    private static final String ERP_TABLE = "customers";
    private static final String SHOP_TABLE = "customer";
    private static final String ERP_KEY_PREFIX = "CUST-";

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter EUROPEAN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private SyntheticPeople() {
    }

    /**
     * One generated record with the person it describes.
     *
     * @param record the source record
     * @param serial the record's serial number, unique in the data set, in {@code [0, count)}
     * @param person the person's id: records with the same id describe the same person (ground truth)
     */
    public record Labelled(SourceRecord record, int serial, int person) {
    }

    /** Exactly {@code count} records, in arrival order. */
    public static Iterator<Labelled> iterator(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        return new Generator(seed, count);
    }

    /** {@link #iterator} as a sequential stream. */
    public static Stream<Labelled> stream(long seed, int count) {
        return StreamSupport.stream(Spliterators.spliterator(iterator(seed, count), count,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /** The serial number of a key generated here (see {@link Labelled#serial}). */
    public static int serial(RecordKey key) {
        String pk = key.pk();
        return Integer.parseInt(pk.startsWith(ERP_KEY_PREFIX) ? pk.substring(ERP_KEY_PREFIX.length()) : pk);
    }

    /** The ground-truth entity id of a person, as {@link io.tessera.identity.eval.Evaluator} takes it. */
    public static String personId(int person) {
        return "p" + person;
    }

    /** Lower case without accents or the Latin letters that do not decompose: how people type without them. */
    static String stripAccents(String text) {
        String expanded = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o")
                .replace("Ø", "O").replace("æ", "ae").replace("œ", "oe");
        return Normalizer.normalize(expanded, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The generator

    /** The pending records ordered by when they are due, then by serial, so that the order is deterministic. */
    private record Pending(long due, Labelled labelled) {
        static final Comparator<Pending> ORDER =
                Comparator.comparingLong(Pending::due).thenComparingInt(p -> p.labelled().serial());
    }

    private static final class Generator implements Iterator<Labelled> {

        private final SplittableRandom random;
        private final int count;
        private final int maxDelay;
        /** Salts of the bijections that make phones and tax ids unique per person, varied by the seed. */
        private final long phoneSalt;
        private final long taxSalt;
        private final PriorityQueue<Pending> pending = new PriorityQueue<>(Pending.ORDER);
        private int nextSerial;
        private int nextPerson;
        private long emitted;

        Generator(long seed, int count) {
            this.random = new SplittableRandom(seed);
            this.count = count;
            this.maxDelay = Math.max(1, Math.min(MAX_DELAY, count / 5));
            this.phoneSalt = random.nextLong(1_000_000_000L);
            this.taxSalt = random.nextLong(1_000_000_000L);
        }

        @Override
        public boolean hasNext() {
            return emitted < count;
        }

        @Override
        public Labelled next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            while (nextSerial < count && (pending.isEmpty() || pending.peek().due() > emitted)) {
                household().forEach(this::schedule);
            }
            emitted++;
            return pending.poll().labelled();
        }

        private void schedule(Person person) {
            List<String> sources = sourcesOf();
            for (int i = 0; i < sources.size() && nextSerial < count; i++) {
                long due = i == 0 ? emitted : emitted + 1 + random.nextInt(maxDelay);
                int serial = nextSerial++;
                SourceRecord record = record(person, sources.get(i), serial, i > 0);
                pending.add(new Pending(due, new Labelled(record, serial, person.id)));
            }
        }

        /** 70% of people in one source; the rest in 2 (60%), 3 (30%) or 4 (10%) records. */
        private List<String> sourcesOf() {
            if (random.nextDouble() < 0.70) {
                double r = random.nextDouble();
                return List.of(r < 0.45 ? CRM : r < 0.85 ? SHOP : ERP);
            }
            double r = random.nextDouble();
            int records = r < 0.6 ? 2 : r < 0.9 ? 3 : 4;
            List<String> sources = new ArrayList<>(List.of(CRM, ERP, SHOP));
            for (int i = sources.size() - 1; i > 0; i--) {
                Collections.swap(sources, i, random.nextInt(i + 1));
            }
            List<String> chosen = new ArrayList<>(sources.subList(0, Math.min(records, 3)));
            if (records == 4) {
                // A second account in the shop or a duplicate contact in the CRM.
                chosen.add(random.nextBoolean() ? SHOP : CRM);
            }
            return chosen;
        }

        // --- people ---------------------------------------------------------------------------------------

        /** One person, or a household of two or three sharing a family name, an address and more. */
        private List<Person> household() {
            Country country = pick(Country.ALL, Country.WEIGHTS);
            Person head = person(country, null);
            if (random.nextDouble() >= 0.05) {
                return List.of(head);
            }
            List<Person> members = new ArrayList<>(List.of(head));
            int size = random.nextDouble() < 0.7 ? 2 : 3;
            String familyEmail = random.nextDouble() < 0.5
                    ? emailOf(country, country.familyWord(), head.family, head.id)
                    : head.email;
            head.landline = random.nextDouble() < 0.7 ? landline(country, head.id) : null;
            head.householdEmail = random.nextDouble() < 0.5 ? familyEmail : null;
            for (int i = 1; i < size; i++) {
                Person member = person(country, head);
                member.landline = head.landline;
                member.householdEmail = head.householdEmail;
                members.add(member);
            }
            return members;
        }

        private Person person(Country country, Person householdHead) {
            Person p = new Person();
            p.id = nextPerson++;
            p.country = country;
            p.female = random.nextBoolean();
            p.given = pick(p.female ? country.femaleGiven : country.maleGiven);
            if (householdHead != null) {
                p.family = country == Country.PL ? Country.polishForm(familyRoot(householdHead), p.female)
                        : householdHead.family;
                p.address = householdHead.address;
                // A partner of about the same age or a grown-up child.
                int years = random.nextBoolean() ? random.nextInt(-4, 5) : random.nextInt(22, 36);
                LocalDate born = householdHead.dateOfBirth.plusYears(years).withDayOfYear(1 + random.nextInt(365));
                p.dateOfBirth = born.getYear() > 2007 ? born.withYear(2007) : born;
            } else {
                String first = pick(country.family);
                p.family = country == Country.PL ? Country.polishForm(first, p.female) : first;
                if (country.doubleSurname) {
                    p.family = p.family + " " + pick(country.family);
                }
                p.address = address(country);
                p.dateOfBirth = LocalDate.of(1940 + random.nextInt(66), 1, 1).plusDays(random.nextInt(365));
            }
            p.email = emailOf(country, p.given, p.family, p.id);
            if (random.nextDouble() < 0.2) {
                Company company = pick(country.companies);
                p.company = company.name;
                p.workEmail = localPart(p.given, p.family, p.id) + "@" + company.domain;
            }
            p.mobile = mobile(country, p.id);
            p.taxId = country.taxIds ? taxId(country, p.id) : null;
            return p;
        }

        /** The masculine root of a Polish family name, so that a household shares it in the right gender. */
        private static String familyRoot(Person head) {
            return head.family.endsWith("ska") ? head.family.substring(0, head.family.length() - 1) + "i"
                    : head.family.endsWith("cka") ? head.family.substring(0, head.family.length() - 1) + "i"
                    : head.family;
        }

        /**
         * An address: one of the country's well-known streets for some, for most a street named after a person as
         * most streets are, so that people share a street about as rarely as they do in a real town. (With a handful
         * of streets per country, namesakes at the same street were tens of times more common than in reality, and
         * the default parameters learned that a shared street means little.)
         */
        private RealAddress address(Country country) {
            City city = pick(country.cities);
            String street = random.nextDouble() < FAMOUS_STREETS ? pick(country.streets) : namedStreet(country);
            return new RealAddress(street, 1 + random.nextInt(180), city.postcode(random), city.name);
        }

        /** A street named after a person, as the country names its streets. */
        private String namedStreet(Country country) {
            String family = pick(country.family.values);
            String given = pick(random.nextBoolean() ? country.maleGiven.values : country.femaleGiven.values);
            int form = random.nextInt(3);
            return switch (country) {
                case ES -> form == 0 ? "Calle de " + given + " " + family
                        : form == 1 ? "Avenida de " + given + " " + family : "Plaza de " + family;
                case PT -> form == 0 ? "Rua " + given + " " + family
                        : form == 1 ? "Avenida " + given + " " + family : "Travessa " + family;
                case FR -> form == 0 ? "rue " + given + " " + family
                        : form == 1 ? "avenue " + given + " " + family : "place " + family;
                case IT -> form == 0 ? "Via " + given + " " + family
                        : form == 1 ? "Viale " + given + " " + family : "Piazza " + family;
                case DE -> form == 0 ? given + "-" + family + "-Straße"
                        : form == 1 ? family + "straße" : family + "weg";
                case NL -> form == 0 ? given + " " + family + "straat"
                        : form == 1 ? family + "laan" : family + "weg";
                case PL -> form == 0 ? given + " " + family : form == 1 ? "aleja " + family : "plac " + family;
                case GB -> form == 0 ? given + " " + family + " Road"
                        : form == 1 ? family + " Street" : family + " Close";
            };
        }

        /** A personal email made unique by a short token from the person's id, as mailbox providers force. */
        private String emailOf(Country country, String given, String family, int id) {
            String domain = random.nextDouble() < 0.35 ? "gmail.com" : pick(country.emailDomains);
            return localPart(given, family, id) + "@" + domain;
        }

        private String localPart(String given, String family, int id) {
            String g = mailbox(given);
            String f = mailbox(family.contains(" ") ? family.substring(0, family.indexOf(' ')) : family);
            String token = Integer.toString(id, 36);
            return switch (random.nextInt(6)) {
                case 0 -> g + "." + f + token;
                case 1 -> g + f + token;
                case 2 -> g.charAt(0) + "." + f + "." + token;
                case 3 -> f + "." + g + token;
                case 4 -> g + "_" + f + "_" + token;
                default -> g + token + f.charAt(0);
            };
        }

        private static String mailbox(String name) {
            return stripAccents(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        }

        /** A mobile number unique to the person: a bijection of the id, under one of the country's prefixes. */
        private String mobile(Country country, int id) {
            return pick(country.mobilePrefixes) + unique(id, country.mobileSuffixDigits, 7_654_321L, phoneSalt);
        }

        private String landline(Country country, int id) {
            return country.landlinePrefix + unique(id, country.landlineSuffixDigits, 3_141_593L, phoneSalt);
        }

        /** {@code id → (id·multiplier + salt) mod 10^digits}: distinct for distinct ids below 10^digits. */
        private static String unique(int id, int digits, long multiplier, long salt) {
            long modulus = (long) Math.pow(10, digits);
            long value = Math.floorMod(id * multiplier + salt, modulus);
            return String.format("%0" + digits + "d", value);
        }

        private String taxId(Country country, int id) {
            if (country == Country.ES) {
                String digits = unique(id, 8, 9_876_541L, taxSalt);
                return digits + "TRWAGMYFPDXBNJZSQVHLCKE".charAt((int) (Long.parseLong(digits) % 23));
            }
            // PT NIF: 9 digits, the first 1 or 2 for a person, the last a mod-11 check digit.
            String body = (random.nextBoolean() ? "1" : "2") + unique(id, 7, 9_876_541L, taxSalt);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (body.charAt(i) - '0') * (9 - i);
            }
            int check = 11 - sum % 11;
            return body + (check >= 10 ? 0 : check);
        }

        // --- records ----------------------------------------------------------------------------------------

        private SourceRecord record(Person p, String source, int serial, boolean laterCopy) {
            Name name = name(p, source);
            String email = email(p, source, laterCopy);
            List<String> phones = phones(p, source);
            Address address = sourceAddress(p, source, laterCopy);
            String dob = dateOfBirth(p, source);
            String taxId = taxIdAsWritten(p, source);
            String company = p.company != null && !source.equals(SHOP) && random.nextDouble() < 0.7 ? p.company : null;
            List<String> emails = email == null ? List.of() : List.of(email);
            Attributes attributes = switch (source) {
                case CRM -> new Attributes(name.full(), null, null, company, emails, phones, address, taxId, dob,
                        null);
                default -> new Attributes(null, name.given, name.family, company, emails, phones, address, taxId,
                        dob, null);
            };
            String pk = switch (source) {
                case ERP -> ERP_KEY_PREFIX + String.format("%07d", serial);
                default -> Integer.toString(serial);
            };
            String table = switch (source) {
                case CRM -> CRM_TABLE;
                case ERP -> ERP_TABLE;
                default -> SHOP_TABLE;
            };
            return new SourceRecord(new RecordKey(source, table, pk), EntityKind.PERSON, attributes,
                    START.plusSeconds(serial), source + ":" + serial);
        }

        private record Name(String given, String family, boolean swapped) {
            String full() {
                if (given == null) {
                    return family;
                }
                return swapped ? family + ", " + given : given + " " + family;
            }
        }

        private Name name(Person p, String source) {
            String given = p.given;
            String family = p.family;
            double r = random.nextDouble();
            if (r < 0.12) {
                List<String> nicknames = p.country.nicknames.get(given);
                if (nicknames != null) {
                    given = nicknames.get(random.nextInt(nicknames.size()));
                }
            } else if (r < 0.14) {
                given = given.charAt(0) + ".";
            }
            if (p.country.doubleSurname && random.nextDouble() < 0.3) {
                family = family.substring(0, family.indexOf(' '));
            }
            if (random.nextDouble() < 0.05) {
                if (random.nextBoolean()) {
                    given = typo(given);
                } else {
                    family = typo(family);
                }
            }
            boolean legacy = source.equals(ERP);
            if (random.nextDouble() < (legacy ? 0.5 : 0.2)) {
                given = p.country == Country.DE && random.nextBoolean() ? germanAscii(given) : stripAccents(given);
                family = p.country == Country.DE && random.nextBoolean() ? germanAscii(family) : stripAccents(family);
            }
            double c = random.nextDouble();
            if (c < (legacy ? 0.6 : 0.05)) {
                given = given.toUpperCase(Locale.ROOT);
                family = family.toUpperCase(Locale.ROOT);
            } else if (c < (legacy ? 0.63 : 0.08)) {
                given = given.toLowerCase(Locale.ROOT);
                family = family.toLowerCase(Locale.ROOT);
            }
            boolean swapped = random.nextDouble() < 0.03;
            if (swapped && !source.equals(CRM)) {
                return new Name(family, given, false);
            }
            if (random.nextDouble() < 0.01) {
                return new Name(null, family, false);
            }
            return new Name(given, family, swapped);
        }

        /** One edit: a letter replaced, dropped, doubled, or two letters swapped. */
        private String typo(String word) {
            if (word.length() < 3) {
                return word;
            }
            int at = 1 + random.nextInt(word.length() - 2);
            StringBuilder b = new StringBuilder(word);
            switch (random.nextInt(4)) {
                case 0 -> b.setCharAt(at, (char) ('a' + random.nextInt(26)));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, word.charAt(at));
                default -> {
                    char here = b.charAt(at);
                    b.setCharAt(at, b.charAt(at + 1));
                    b.setCharAt(at + 1, here);
                }
            }
            return b.toString();
        }

        private static String germanAscii(String name) {
            return name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae")
                    .replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss");
        }

        private String email(Person p, String source, boolean laterCopy) {
            double missing = switch (source) {
                case CRM -> 0.10;
                case ERP -> 0.35;
                default -> 0.0;
            };
            if (random.nextDouble() < missing) {
                return null;
            }
            String email = p.email;
            if (p.householdEmail != null && random.nextDouble() < 0.5) {
                email = p.householdEmail;
            } else if (p.workEmail != null && !source.equals(SHOP) && random.nextDouble() < 0.5) {
                email = p.workEmail;
            } else if (laterCopy && random.nextDouble() < 0.15) {
                // Another personal address, e.g. the one used when signing up years ago.
                email = emailOf(p.country, p.given, p.family, p.id + 1_000_000_000);
            }
            if (email.endsWith("@gmail.com") && source.equals(SHOP) && random.nextDouble() < 0.5) {
                String local = email.substring(0, email.indexOf('@'));
                email = (random.nextBoolean() ? local.replace(".", "") : local + "+shop")
                        + (random.nextDouble() < 0.2 ? "@googlemail.com" : "@gmail.com");
            }
            double r = random.nextDouble();
            if (r < 0.05) {
                email = email.toUpperCase(Locale.ROOT);
            } else if (r < 0.15) {
                email = Character.toUpperCase(email.charAt(0)) + email.substring(1);
            } else if (r < 0.16) {
                email = email.replace("@gmail.", "@gmial.").replace("@hotmail.", "@hotmal.");
            }
            return email;
        }

        private List<String> phones(Person p, String source) {
            double missing = switch (source) {
                case CRM -> 0.25;
                case ERP -> 0.30;
                default -> 0.40;
            };
            List<String> phones = new ArrayList<>(2);
            if (random.nextDouble() >= missing) {
                phones.add(formatPhone(p.country, p.mobile, source));
            }
            if (p.landline != null && random.nextDouble() < 0.5) {
                phones.add(formatPhone(p.country, p.landline, source));
            }
            return phones;
        }

        /**
         * A national significant number as a source writes it: national (with the trunk 0 where the country has
         * one) or international ({@code +34}, {@code 0034}), compact or grouped as the country groups digits.
         */
        private String formatPhone(Country country, String nsn, String source) {
            double international = switch (source) {
                case SHOP -> 0.8;
                case ERP -> 0.1;
                default -> 0.4;
            };
            boolean landline = nsn.startsWith(country.landlinePrefix);
            List<Integer> groups = landline ? country.landlineGroups() : country.mobileGroups();
            int style = random.nextInt(4);
            if (random.nextDouble() < international) {
                String prefix = random.nextDouble() < 0.15 ? "00" + country.dialCode : "+" + country.dialCode;
                // The trunk prefix is not dialled from abroad: the first group is that much shorter.
                List<Integer> abroad = new ArrayList<>(groups);
                abroad.set(0, groups.getFirst() - country.trunkPrefix.length());
                return prefix + (style == 0 ? "" : " ") + group(nsn, abroad, style, country);
            }
            return group(country.trunkPrefix + nsn, groups, style, country);
        }

        /** Style 0 compact, 1 and 3 grouped with spaces, 2 with the country's other separator. */
        private static String group(String digits, List<Integer> groups, int style, Country country) {
            if (style == 0) {
                return digits;
            }
            String separator = style == 2 ? country.phoneSeparator() : " ";
            StringBuilder b = new StringBuilder(digits.length() + groups.size());
            int at = 0;
            for (int i = 0; i < groups.size() && at < digits.length(); i++) {
                int end = i == groups.size() - 1 ? digits.length() : Math.min(digits.length(), at + groups.get(i));
                if (end == at) {
                    continue;
                }
                if (!b.isEmpty()) {
                    // German sources write the area code apart with a slash and the rest in one piece.
                    b.append(separator.equals("/") && i > 1 ? "" : separator);
                }
                b.append(digits, at, end);
                at = end;
            }
            return b.toString();
        }

        private Address sourceAddress(Person p, String source, boolean laterCopy) {
            if (random.nextDouble() < (source.equals(SHOP) ? 0.02 : 0.10)) {
                return Address.EMPTY;
            }
            RealAddress real = laterCopy && random.nextDouble() < 0.08 ? address(p.country) : p.address;
            String street = p.country.streetLine(real.street, real.number, random);
            String postcode = random.nextDouble() < 0.05 ? null : real.postcode;
            String city = random.nextDouble() < 0.1 ? real.city.toUpperCase(Locale.ROOT) : real.city;
            double c = random.nextDouble();
            String country = c < 0.7 ? p.country.name() : c < 0.85 ? p.country.localName : c < 0.95
                    ? p.country.englishName : null;
            return new Address(street, postcode, city, null, country);
        }

        private String dateOfBirth(Person p, String source) {
            double present = switch (source) {
                case CRM -> 0.3;
                case ERP -> 0.7;
                default -> 0.4;
            };
            if (random.nextDouble() >= present) {
                return null;
            }
            LocalDate date = p.dateOfBirth;
            boolean swap = random.nextDouble() < 0.02;
            if (swap && date.getDayOfMonth() <= 12 && date.getDayOfMonth() != date.getMonthValue()) {
                date = LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
            }
            return source.equals(ERP) ? EUROPEAN_DATE.format(date) : ISO_DATE.format(date);
        }

        private String taxIdAsWritten(Person p, String source) {
            if (p.taxId == null || random.nextDouble() >= (source.equals(ERP) ? 0.8 : source.equals(CRM) ? 0.1 : 0)) {
                return null;
            }
            double r = random.nextDouble();
            if (p.country == Country.ES && r < 0.2) {
                return p.taxId.substring(0, 8) + "-" + p.taxId.charAt(8);
            }
            return r < 0.3 ? p.taxId.toLowerCase(Locale.ROOT) : p.taxId;
        }

        // --- picks ------------------------------------------------------------------------------------------

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private <T> T pick(List<T> values, double[] cumulative) {
            double r = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, r);
            return values.get(i >= 0 ? Math.min(i + 1, values.size() - 1) : -i - 1);
        }

        /** A Zipf-like pick: the first names of the table are far more common than the last. */
        private String pick(Skewed skewed) {
            return pick(skewed.values, skewed.cumulative);
        }
    }

    /** What is true of a person; the records are noisy copies of it. Mutable only while a household is built. */
    private static final class Person {
        int id;
        Country country;
        boolean female;
        String given;
        String family;
        LocalDate dateOfBirth;
        String email;
        String workEmail;
        String company;
        String householdEmail;
        String mobile;
        String landline;
        String taxId;
        RealAddress address;
    }

    private record RealAddress(String street, int number, String postcode, String city) {
    }

    private record Company(String name, String domain) {
    }

    /** Names with weights 1/(rank+1): the first of each table is the "García" of its country. */
    private record Skewed(List<String> values, double[] cumulative) {
        static Skewed of(String... values) {
            double[] cumulative = new double[values.length];
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            return new Skewed(List.of(values), cumulative);
        }
    }

    /** A city with the shape of its postcodes. */
    private record City(String name, Function<SplittableRandom, String> postcodes) {
        String postcode(SplittableRandom random) {
            return postcodes.apply(random);
        }

        /** A numeric postcode in {@code [from, to]}, zero-padded to {@code width} digits. */
        static City numeric(String name, int from, int to, int width) {
            return new City(name, r -> String.format("%0" + width + "d", from + r.nextInt(to - from + 1)));
        }

        /** PT {@code NNNN-NNN}. */
        static City portuguese(String name, int from, int to) {
            return new City(name,
                    r -> (from + r.nextInt(to - from + 1)) + "-" + String.format("%03d", r.nextInt(1000)));
        }

        /** NL {@code NNNN AA}; the letter pairs SA, SD and SS are not used. */
        static City dutch(String name, int from, int to) {
            String letters = "ABCDEGHJKLMNPRSTVWXZ";
            return new City(name, r -> {
                String pair;
                do {
                    pair = String.valueOf(letters.charAt(r.nextInt(letters.length())))
                            + letters.charAt(r.nextInt(letters.length()));
                } while (pair.equals("SA") || pair.equals("SD") || pair.equals("SS"));
                return (from + r.nextInt(to - from + 1)) + " " + pair;
            });
        }

        /** PL {@code NN-NNN} with the given first two digits. */
        static City polish(String name, int... prefixes) {
            return new City(name,
                    r -> String.format("%02d-%03d", prefixes[r.nextInt(prefixes.length)], r.nextInt(1000)));
        }

        /** GB: one of the outward codes, then a digit and two letters. */
        static City british(String name, String... outward) {
            String letters = "ABDEFGHJLNPQRSTUWXYZ";
            return new City(name, r -> outward[r.nextInt(outward.length)] + " " + r.nextInt(10)
                    + letters.charAt(r.nextInt(letters.length())) + letters.charAt(r.nextInt(letters.length())));
        }
    }

    /** Per-country tables: names, nicknames, places, numbering plans, email providers. */
    private enum Country {
        ES("España", "Spain", "34", "", true, true,
                Skewed.of("José", "Antonio", "Manuel", "Francisco", "Juan", "David", "Javier", "Jesús", "Carlos",
                        "Alejandro", "Miguel", "Rafael", "Pedro", "Ignacio", "Enrique", "Álvaro", "Sergio", "Pablo"),
                Skewed.of("María", "Carmen", "Ana", "Isabel", "Laura", "Lucía", "Pilar", "Dolores", "Cristina",
                        "Marta", "Rosario", "Concepción", "Elena", "Raquel", "Sofía", "Guadalupe", "Inés", "Nuria"),
                Skewed.of("García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
                        "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
                        "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil",
                        "Ramírez", "Serrano", "Blanco", "Molina", "Castillo", "Ortega", "Núñez", "Peña"),
                Map.ofEntries(Map.entry("Francisco", List.of("Paco", "Curro", "Fran")),
                        Map.entry("José", List.of("Pepe")), Map.entry("Manuel", List.of("Manolo")),
                        Map.entry("Jesús", List.of("Chus")), Map.entry("Antonio", List.of("Toño", "Toni")),
                        Map.entry("Dolores", List.of("Lola")), Map.entry("Concepción", List.of("Concha")),
                        Map.entry("Ignacio", List.of("Nacho")), Map.entry("Guadalupe", List.of("Lupe")),
                        Map.entry("Rosario", List.of("Charo")), Map.entry("Enrique", List.of("Quique")),
                        Map.entry("Javier", List.of("Javi")), Map.entry("Alejandro", List.of("Álex")),
                        Map.entry("Cristina", List.of("Cris"))),
                List.of(City.numeric("Madrid", 28001, 28055, 5), City.numeric("Barcelona", 8001, 8042, 5),
                        City.numeric("Valencia", 46001, 46026, 5), City.numeric("Sevilla", 41001, 41020, 5),
                        City.numeric("Zaragoza", 50001, 50020, 5), City.numeric("Bilbao", 48001, 48015, 5),
                        City.numeric("Málaga", 29001, 29018, 5)),
                List.of("Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Real", "Gran Vía",
                        "Paseo de Gracia", "Calle San Fernando", "Calle del Carmen", "Avenida de América"),
                List.of("6"), 8, "91", 7,
                List.of("hotmail.com", "yahoo.es", "telefonica.net", "outlook.es", "movistar.es"),
                List.of(new Company("Transportes Levante SL", "transporteslevante.es"),
                        new Company("Construcciones Norte SA", "construccionesnorte.es"),
                        new Company("Grupo Alimentario Ibérico SA", "grupoiberico.es"))),
        PT("Portugal", "Portugal", "351", "", true, true,
                Skewed.of("João", "José", "António", "Francisco", "Manuel", "Pedro", "Rui", "Luís", "Tiago",
                        "Miguel", "Carlos", "Paulo", "Nuno", "Gonçalo"),
                Skewed.of("Maria", "Ana", "Francisca", "Catarina", "Inês", "Beatriz", "Mariana", "Joana", "Sofia",
                        "Rita", "Conceição", "Fátima"),
                Skewed.of("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
                        "Jesus", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida",
                        "Ribeiro", "Pinto", "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes"),
                Map.of("José", List.of("Zé"), "António", List.of("Tó", "Toni"),
                        "Francisco", List.of("Chico", "Kiko"), "Manuel", List.of("Manel", "Nelo"),
                        "Conceição", List.of("São")),
                List.of(City.portuguese("Lisboa", 1000, 1990), City.portuguese("Porto", 4000, 4369),
                        City.portuguese("Braga", 4700, 4719), City.portuguese("Coimbra", 3000, 3049)),
                List.of("Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Carmo",
                        "Avenida da República"),
                List.of("91", "92", "93", "96"), 7, "21", 7,
                List.of("sapo.pt", "hotmail.com", "outlook.pt", "netcabo.pt"),
                List.of(new Company("Conservas do Atlântico Lda", "conservasatlantico.pt"),
                        new Company("Têxteis do Minho SA", "texteisminho.pt"))),
        FR("France", "France", "33", "0", false, false,
                Skewed.of("Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "François", "Christophe",
                        "Frédéric", "Stéphane", "Jérôme", "Sébastien", "Thomas", "Dominique"),
                Skewed.of("Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Christine", "Céline",
                        "Hélène", "Valérie", "Élodie", "Aurélie", "Dominique", "Françoise"),
                Skewed.of("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
                        "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
                        "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
                        "Faure", "André", "Mercier", "Blanc", "Guérin"),
                Map.of("Frédéric", List.of("Fred"), "Christophe", List.of("Chris"), "Sébastien", List.of("Seb"),
                        "Dominique", List.of("Dom"), "Nicolas", List.of("Nico"), "Catherine", List.of("Cathy"),
                        "Isabelle", List.of("Isa"), "Valérie", List.of("Val"), "Thomas", List.of("Tom")),
                List.of(City.numeric("Paris", 75001, 75020, 5), City.numeric("Lyon", 69001, 69009, 5),
                        City.numeric("Marseille", 13001, 13016, 5), City.numeric("Toulouse", 31000, 31500, 5),
                        City.numeric("Nantes", 44000, 44300, 5), City.numeric("Lille", 59000, 59800, 5)),
                List.of("rue de la République", "avenue Victor Hugo", "boulevard Voltaire", "rue Nationale",
                        "place de la Mairie", "rue Pasteur"),
                List.of("60", "61", "62", "64", "65", "66", "67", "68", "74", "75", "76", "77", "78"), 7, "1", 8,
                List.of("orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr", "hotmail.fr"),
                List.of(new Company("Boulangeries Réunies SARL", "boulangeries-reunies.fr"),
                        new Company("Transports Dupont SA", "transports-dupont.fr"))),
        IT("Italia", "Italy", "39", "", false, false,
                Skewed.of("Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo",
                        "Pietro", "Salvatore", "Carlo", "Domenico", "Bruno", "Paolo", "Niccolò", "Alessandro",
                        "Andrea"),
                Skewed.of("Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela",
                        "Caterina", "Francesca", "Giulia", "Chiara", "Federica"),
                Skewed.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                        "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
                        "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso"),
                Map.of("Giuseppe", List.of("Beppe", "Peppe", "Pino"), "Giovanni", List.of("Gianni", "Nanni"),
                        "Antonio", List.of("Tonino", "Totò"), "Francesco", List.of("Cecco", "Franco"),
                        "Salvatore", List.of("Totò", "Salvo"), "Giuseppina", List.of("Pina"),
                        "Domenico", List.of("Mimmo"), "Alessandro", List.of("Sandro"), "Luigi", List.of("Gino")),
                List.of(City.numeric("Roma", 118, 199, 5), City.numeric("Milano", 20121, 20162, 5),
                        City.numeric("Napoli", 80121, 80147, 5), City.numeric("Torino", 10121, 10156, 5),
                        City.numeric("Bologna", 40121, 40141, 5), City.numeric("Firenze", 50121, 50145, 5)),
                List.of("Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Mazzini", "Piazza Dante",
                        "Via Giuseppe Verdi"),
                List.of("320", "328", "329", "333", "335", "338", "339", "340", "347", "348", "349", "366", "380",
                        "388", "389", "392", "393"), 7, "06", 8,
                List.of("libero.it", "virgilio.it", "alice.it", "tiscali.it", "hotmail.it"),
                List.of(new Company("Meccanica Lombarda Srl", "meccanicalombarda.it"),
                        new Company("Olio Toscano SpA", "oliotoscano.it"))),
        DE("Deutschland", "Germany", "49", "0", false, false,
                Skewed.of("Peter", "Michael", "Thomas", "Andreas", "Wolfgang", "Klaus", "Jürgen", "Stefan", "Hans",
                        "Uwe", "Günter", "Johannes", "Friedrich", "Matthias", "Jörg", "Dieter"),
                Skewed.of("Ursula", "Sabine", "Monika", "Margarethe", "Petra", "Gabriele", "Renate", "Helga", "Karin",
                        "Brigitte", "Katharina", "Elisabeth", "Susanne", "Jutta", "Anna"),
                Skewed.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                        "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
                        "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
                        "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Köhler"),
                Map.ofEntries(Map.entry("Margarethe", List.of("Grete", "Gretel", "Margit")),
                        Map.entry("Johannes", List.of("Hans", "Jo")), Map.entry("Friedrich", List.of("Fritz")),
                        Map.entry("Wolfgang", List.of("Wolf")), Map.entry("Katharina", List.of("Kathi", "Käthe")),
                        Map.entry("Elisabeth", List.of("Lisa", "Elli", "Sissi")),
                        Map.entry("Gabriele", List.of("Gabi")), Map.entry("Matthias", List.of("Matze")),
                        Map.entry("Thomas", List.of("Tom")), Map.entry("Michael", List.of("Micha")),
                        Map.entry("Susanne", List.of("Susi"))),
                List.of(City.numeric("Berlin", 10115, 14199, 5), City.numeric("München", 80331, 81929, 5),
                        City.numeric("Hamburg", 20095, 22769, 5), City.numeric("Köln", 50667, 51149, 5),
                        City.numeric("Frankfurt am Main", 60306, 60599, 5)),
                List.of("Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße",
                        "Berliner Straße", "Lindenstraße"),
                List.of("170", "171", "172", "173", "174", "175", "176", "177", "178", "179"), 7, "30", 8,
                List.of("gmx.de", "web.de", "t-online.de", "freenet.de", "yahoo.de"),
                List.of(new Company("Müller Maschinenbau GmbH", "mueller-maschinenbau.de"),
                        new Company("Nordsee Logistik GmbH", "nordsee-logistik.de"))),
        NL("Nederland", "Netherlands", "31", "0", false, false,
                Skewed.of("Jan", "Johannes", "Cornelis", "Hendrik", "Pieter", "Willem", "Gerrit", "Jacobus", "Dirk",
                        "Daan", "Sem", "Bram", "Thijs", "Ruben"),
                Skewed.of("Maria", "Johanna", "Anna", "Cornelia", "Elisabeth", "Wilhelmina", "Sanne", "Femke",
                        "Lotte", "Anouk", "Sophie", "Eva"),
                Skewed.of("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
                        "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
                        "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
                        "van der Meer"),
                Map.of("Johannes", List.of("Hans", "Jan", "Joop"), "Cornelis", List.of("Kees"),
                        "Hendrik", List.of("Henk"), "Jacobus", List.of("Koos", "Sjaak"), "Willem", List.of("Wim"),
                        "Gerrit", List.of("Gert"), "Johanna", List.of("Joke"), "Cornelia", List.of("Corrie", "Nel"),
                        "Wilhelmina", List.of("Mien", "Willy"), "Elisabeth", List.of("Els", "Lies")),
                List.of(City.dutch("Amsterdam", 1011, 1109), City.dutch("Rotterdam", 3011, 3089),
                        City.dutch("Utrecht", 3511, 3585), City.dutch("Den Haag", 2491, 2597),
                        City.dutch("Eindhoven", 5611, 5658)),
                List.of("Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Julianastraat"),
                List.of("61", "62", "63", "64", "65"), 7, "20", 7,
                List.of("ziggo.nl", "kpnmail.nl", "hotmail.nl", "planet.nl", "xs4all.nl"),
                List.of(new Company("Bloemenhandel Visser BV", "bloemenvisser.nl"),
                        new Company("Havenbedrijf Noord BV", "havennoord.nl"))),
        PL("Polska", "Poland", "48", "", false, false,
                Skewed.of("Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin",
                        "Stanisław", "Jakub", "Adam", "Łukasz", "Aleksander", "Wojciech"),
                Skewed.of("Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
                        "Elżbieta", "Magdalena", "Joanna", "Zofia", "Aleksandra"),
                Skewed.of("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
                        "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
                        "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski"),
                Map.ofEntries(Map.entry("Katarzyna", List.of("Kasia")),
                        Map.entry("Małgorzata", List.of("Gosia", "Małgosia")),
                        Map.entry("Aleksander", List.of("Olek")), Map.entry("Aleksandra", List.of("Ola")),
                        Map.entry("Krzysztof", List.of("Krzysiek")), Map.entry("Tomasz", List.of("Tomek")),
                        Map.entry("Piotr", List.of("Piotrek")), Map.entry("Stanisław", List.of("Staszek")),
                        Map.entry("Wojciech", List.of("Wojtek")), Map.entry("Jakub", List.of("Kuba")),
                        Map.entry("Elżbieta", List.of("Ela")), Map.entry("Magdalena", List.of("Magda")),
                        Map.entry("Joanna", List.of("Asia")), Map.entry("Agnieszka", List.of("Aga"))),
                List.of(City.polish("Warszawa", 0, 1, 2, 3, 4), City.polish("Kraków", 30, 31),
                        City.polish("Wrocław", 50, 51, 52, 53, 54), City.polish("Gdańsk", 80),
                        City.polish("Poznań", 60, 61)),
                List.of("Marszałkowska", "Długa", "Polna", "Leśna", "Słoneczna", "Jerozolimskie"),
                List.of("50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"), 7, "22", 7,
                List.of("wp.pl", "onet.pl", "o2.pl", "interia.pl", "gazeta.pl"),
                List.of(new Company("Budimex Południe Sp. z o.o.", "budpoludnie.pl"),
                        new Company("Mleczarnia Mazowsze SA", "mleczarnia-mazowsze.pl"))),
        GB("United Kingdom", "United Kingdom", "44", "0", false, false,
                Skewed.of("John", "David", "Michael", "Paul", "Andrew", "James", "Robert", "William", "Richard",
                        "Mark", "Peter", "Thomas", "Christopher", "Daniel", "Stephen", "Anthony"),
                Skewed.of("Margaret", "Susan", "Sarah", "Elizabeth", "Helen", "Patricia", "Catherine", "Emma",
                        "Jennifer", "Rebecca", "Victoria", "Charlotte", "Alexandra", "Deborah"),
                Skewed.of("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
                        "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
                        "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "O'Brien"),
                Map.ofEntries(Map.entry("Robert", List.of("Bob", "Rob", "Bobby")),
                        Map.entry("William", List.of("Bill", "Will", "Billy")),
                        Map.entry("Richard", List.of("Rick", "Dick", "Rich")),
                        Map.entry("James", List.of("Jim", "Jamie")),
                        Map.entry("Michael", List.of("Mike", "Mick")), Map.entry("Andrew", List.of("Andy", "Drew")),
                        Map.entry("Anthony", List.of("Tony")), Map.entry("Christopher", List.of("Chris")),
                        Map.entry("Daniel", List.of("Dan", "Danny")), Map.entry("Stephen", List.of("Steve")),
                        Map.entry("Thomas", List.of("Tom", "Tommy")), Map.entry("Peter", List.of("Pete")),
                        Map.entry("David", List.of("Dave")), Map.entry("Margaret", List.of("Maggie", "Peggy", "Meg")),
                        Map.entry("Elizabeth", List.of("Liz", "Beth", "Betty")), Map.entry("Susan", List.of("Sue")),
                        Map.entry("Patricia", List.of("Pat", "Trish")),
                        Map.entry("Catherine", List.of("Kate", "Cathy")),
                        Map.entry("Jennifer", List.of("Jen", "Jenny")), Map.entry("Rebecca", List.of("Becky")),
                        Map.entry("Victoria", List.of("Vicky")), Map.entry("Alexandra", List.of("Alex")),
                        Map.entry("Deborah", List.of("Debbie"))),
                List.of(City.british("London", "SW1A", "SW3", "W1", "NW1", "E1", "EC1A", "N1", "SE1"),
                        City.british("Manchester", "M1", "M4", "M14", "M20"),
                        City.british("Birmingham", "B1", "B5", "B15"), City.british("Leeds", "LS1", "LS6"),
                        City.british("Glasgow", "G1", "G12"), City.british("Bristol", "BS1", "BS8")),
                List.of("High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road"),
                List.of("740", "741", "742", "743", "746", "747", "748", "749", "751", "753", "754", "755", "780",
                        "781", "784", "785", "786", "787", "788", "789", "790", "792", "794", "795", "796", "797",
                        "798", "799"), 7, "207", 7,
                List.of("btinternet.com", "yahoo.co.uk", "hotmail.co.uk", "sky.com", "outlook.com"),
                List.of(new Company("Thames Valley Builders Ltd", "tvbuilders.co.uk"),
                        new Company("Northern Rail Parts plc", "northernrailparts.co.uk")));

        static final List<Country> ALL = List.of(values());
        /** Cumulative shares of ES 30%, PT 10%, FR 15%, IT 12%, DE 13%, NL 7%, PL 7%, GB 6%. */
        static final double[] WEIGHTS = {0.30, 0.40, 0.55, 0.67, 0.80, 0.87, 0.94, 1.00};

        final String localName;
        final String englishName;
        final String dialCode;
        final String trunkPrefix;
        final boolean doubleSurname;
        final boolean taxIds;
        final Skewed maleGiven;
        final Skewed femaleGiven;
        final Skewed family;
        final Map<String, List<String>> nicknames;
        final List<City> cities;
        final List<String> streets;
        final List<String> mobilePrefixes;
        final int mobileSuffixDigits;
        final String landlinePrefix;
        final int landlineSuffixDigits;
        final List<String> emailDomains;
        final List<Company> companies;

        Country(String localName, String englishName, String dialCode, String trunkPrefix, boolean doubleSurname,
                boolean taxIds, Skewed maleGiven, Skewed femaleGiven, Skewed family,
                Map<String, List<String>> nicknames, List<City> cities, List<String> streets,
                List<String> mobilePrefixes, int mobileSuffixDigits, String landlinePrefix, int landlineSuffixDigits,
                List<String> emailDomains, List<Company> companies) {
            this.localName = localName;
            this.englishName = englishName;
            this.dialCode = dialCode;
            this.trunkPrefix = trunkPrefix;
            this.doubleSurname = doubleSurname;
            this.taxIds = taxIds;
            this.maleGiven = maleGiven;
            this.femaleGiven = femaleGiven;
            this.family = family;
            this.nicknames = nicknames;
            this.cities = cities;
            this.streets = streets;
            this.mobilePrefixes = mobilePrefixes;
            this.mobileSuffixDigits = mobileSuffixDigits;
            this.landlinePrefix = landlinePrefix;
            this.landlineSuffixDigits = landlineSuffixDigits;
            this.emailDomains = emailDomains;
            this.companies = companies;
        }

        /** How the country groups the digits of a mobile number in national form (trunk prefix included). */
        List<Integer> mobileGroups() {
            return switch (this) {
                case ES, PT, PL -> List.of(3, 3, 3);
                case FR -> List.of(2, 2, 2, 2, 2);
                case IT -> List.of(3, 3, 4);
                case DE -> List.of(4, 7);
                case NL -> List.of(2, 8);
                case GB -> List.of(5, 6);
            };
        }

        /** How the country groups the digits of a landline number in national form (trunk prefix included). */
        List<Integer> landlineGroups() {
            return switch (this) {
                case ES, PL -> List.of(2, 3, 2, 2);
                case PT -> List.of(2, 3, 4);
                case FR -> List.of(2, 2, 2, 2, 2);
                case IT -> List.of(2, 4, 4);
                case DE -> List.of(3, 8);
                case NL -> List.of(3, 7);
                case GB -> List.of(3, 4, 4);
            };
        }

        /** The separator besides a space that the country's sources put between digit groups. */
        String phoneSeparator() {
            return switch (this) {
                case FR -> ".";
                case DE -> "/";
                default -> "-";
            };
        }

        /** "Family" in the country's language, for a household's shared mailbox. */
        String familyWord() {
            return switch (this) {
                case ES, PT -> "familia";
                case IT -> "famiglia";
                case FR -> "famille";
                case DE, NL -> "familie";
                case PL -> "rodzina";
                case GB -> "family";
            };
        }

        /** Polish family names in -ski and -cki take -ska and -cka for women. */
        static String polishForm(String masculine, boolean female) {
            if (female && (masculine.endsWith("ski") || masculine.endsWith("cki"))) {
                return masculine.substring(0, masculine.length() - 1) + "a";
            }
            return masculine;
        }

        /** The street line as this country writes it, sometimes abbreviated or with a flat. */
        String streetLine(String street, int number, SplittableRandom random) {
            double r = random.nextDouble();
            return switch (this) {
                case ES -> r < 0.5 ? street + " " + number
                        : r < 0.8 ? street.replace("Calle ", "C/ ").replace("Avenida ", "Avda. ") + ", " + number
                        : street + " " + number + ", " + (1 + random.nextInt(8)) + "º "
                                + "ABCD".charAt(random.nextInt(4));
                case PT -> r < 0.6 ? street + " " + number
                        : street.replace("Avenida ", "Av. ") + ", " + number + " " + (1 + random.nextInt(6)) + "º Esq";
                case FR -> r < 0.6 ? number + " " + street
                        : number + ", " + street.replace("avenue ", "av. ").replace("boulevard ", "bd ");
                case IT -> r < 0.6 ? street + " " + number : street + ", " + number;
                case DE -> r < 0.5 ? street + " " + number
                        : r < 0.8 ? street.replace("straße", "str.").replace("Straße", "Str.") + " " + number
                        : street.replace("ß", "ss") + " " + number;
                case NL -> r < 0.8 ? street + " " + number
                        : street + " " + number + "-" + "AB".charAt(random.nextInt(2));
                case PL -> r < 0.5 ? "ul. " + street + " " + number
                        : street + " " + number + "/" + (1 + random.nextInt(40));
                case GB -> r < 0.7 ? number + " " + street
                        : number + " " + street.replace("Street", "St").replace("Road", "Rd");
            };
        }
    }
}
