package io.tessera.identity.core.normalise;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises email addresses for linking: trimmed and lower-cased, shaped like {@code local@domain.tld}.
 * {@link #normalise} keeps the address as written; {@link #normaliseCanonical} and {@link #forms} also apply the
 * provider rules of {@link EmailProviders} (Gmail dots, {@code +tags} …) to name the mailbox that receives the mail.
 * Generic mailboxes ({@code info@}, {@code sales@} …) and placeholders ({@code test@test.com}, {@code example.com})
 * are blocked: they are shared by many unrelated people, so a link through them would over-merge profiles.
 */
public final class EmailNormaliser {

    private static final int MAX_LENGTH = 254;

    /**
     * One {@code @}, no blanks or control characters, and at least one dot between non-empty domain labels.
     * Unicode classes, so that a no-break space pasted from a web page counts as a blank.
     */
    private static final Pattern SHAPE = Pattern.compile(
            "[^\\s@\\p{Cntrl}]+@[^\\s@.\\p{Cntrl}]+(\\.[^\\s@.\\p{Cntrl}]+)+", Pattern.UNICODE_CHARACTER_CLASS);

    /** Role and department mailboxes, in the languages of the sources we see (en, es, pt, de, pl, fr, it, nl). */
    private static final Set<String> GENERIC_MAILBOXES = Set.of(
            "info", "information", "contact", "contacto", "contato", "kontakt", "contatti", "sales", "ventas",
            "vendas", "vertrieb", "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
            "admin", "administrator", "administracion", "administracao", "office", "oficina", "biuro", "buero",
            "hello", "hola", "hallo", "support", "soporte", "suporte", "help", "helpdesk", "service",
            "servicio", "customerservice", "mail", "email", "enquiries", "enquiry", "inquiries", "team",
            "marketing", "billing", "accounts", "accounting", "invoices", "invoice", "facturacion", "finance",
            "hr", "rrhh", "jobs", "careers", "empleo", "webmaster", "postmaster", "hostmaster", "abuse",
            "reception", "recepcion", "geral", "general", "secretaria", "sekretariat", "orders", "pedidos",
            "bestellung", "zamowienia", "bonjour", "commercial");

    /** Local parts people type when a form insists on an email they do not want to give. */
    private static final Set<String> PLACEHOLDER_LOCALS = Set.of(
            "test", "testing", "tester", "unknown", "none", "noemail", "no-email", "no.email", "nomail",
            "no-mail", "na", "n.a", "null", "nil", "dummy", "fake", "xxx", "xx", "x", "asdf", "sample", "foo",
            "user", "nobody", "anonymous", "sinemail", "sin-email", "semmail");

    /** Domains reserved for documentation or tests (RFC 2606) and the usual placeholder domains. */
    private static final Set<String> PLACEHOLDER_DOMAINS = Set.of(
            "example.com", "example.org", "example.net", "example.es", "test.com", "test.test", "domain.com",
            "yourdomain.com", "none.com", "nomail.com", "noemail.com");

    private static final Set<String> RESERVED_TLDS = Set.of("example", "invalid", "test", "localhost", "local");

    /** Normalises one raw email; never throws for bad input, it reports it. */
    public Normalised normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return rejected(Rejection.EMPTY);
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("mailto:")) {
            value = value.substring("mailto:".length());
        }
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            return rejected(Rejection.INVALID);
        }
        if (isBlocked(value)) {
            return rejected(Rejection.BLOCKED);
        }
        return new Normalised.Usable(new Identifier(IdentifierKind.EMAIL, value));
    }

    /**
     * Like {@link #normalise}, but the identifier holds the canonical mailbox ({@link EmailProviders}), so that
     * {@code Ana.Garcia+shop@googlemail.com} and {@code anagarcia@gmail.com} give the same identifier.
     */
    public Normalised normaliseCanonical(String raw) {
        Normalised asWritten = normalise(raw);
        if (asWritten instanceof Normalised.Usable usable) {
            String canonical = EmailProviders.canonicalMailbox(usable.identifier().value());
            if (isBlocked(canonical)) {
                return rejected(Rejection.BLOCKED);
            }
            return new Normalised.Usable(new Identifier(IdentifierKind.EMAIL, canonical));
        }
        return asWritten;
    }

    /**
     * Both forms of a usable email, or empty when the value is empty, invalid or blocked ({@link #normalise} tells
     * which). A mailbox whose canonical form is generic ({@code info+shop@gmail.com}) is blocked as well.
     */
    public Optional<EmailForms> forms(String raw) {
        return normalise(raw).usable().flatMap(id -> {
            String canonical = EmailProviders.canonicalMailbox(id.value());
            return isBlocked(canonical)
                    ? Optional.empty()
                    : Optional.of(new EmailForms(id.value(), canonical));
        });
    }

    private static boolean isBlocked(String email) {
        int at = email.lastIndexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        // A sub-address (info+shop@) is still the same generic mailbox.
        int plus = local.indexOf('+');
        String mailbox = plus > 0 ? local.substring(0, plus) : local;
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        return GENERIC_MAILBOXES.contains(mailbox)
                || PLACEHOLDER_LOCALS.contains(mailbox)
                || PLACEHOLDER_DOMAINS.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d))
                || RESERVED_TLDS.contains(tld);
    }

    private static Normalised rejected(Rejection rejection) {
        return new Normalised.Rejected(IdentifierKind.EMAIL, rejection);
    }
}
