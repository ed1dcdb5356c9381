package io.tessera.identity.core.normalise;

import java.util.Set;

/**
 * The rules by which large mail providers deliver several spellings to one mailbox: Gmail ignores dots and
 * everything after {@code +} and treats googlemail.com as gmail.com; Outlook/Hotmail/Live, iCloud, Fastmail and
 * Proton deliver {@code +tag} sub-addresses to the base mailbox; Yahoo's disposable addresses are {@code base-tag}.
 * Applying them lets {@code ana.garcia+shop@googlemail.com} and {@code anagarcia@gmail.com} link, which they
 * should: they are one inbox. Rules are applied only for domains known to follow them; for any other domain a
 * dot or a {@code +} may be significant, so the address stays as written.
 */
public final class EmailProviders {

    private static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");
    private static final Set<String> ICLOUD = Set.of("icloud.com", "me.com", "mac.com");
    private static final Set<String> MICROSOFT_PREFIXES = Set.of("hotmail.", "outlook.", "live.", "msn.", "windowslive.");
    private static final Set<String> YAHOO_PREFIXES = Set.of("yahoo.", "ymail.", "rocketmail.");
    private static final Set<String> FASTMAIL = Set.of("fastmail.com", "fastmail.fm", "fastmail.net", "fastmail.org",
            "fastmail.de", "fastmail.es", "fastmail.it", "fastmail.nl", "fastmail.pl", "fastmail.uk", "sent.com",
            "messagingengine.com");
    private static final Set<String> PROTON = Set.of("proton.me", "protonmail.com", "protonmail.ch", "pm.me");

    private EmailProviders() {
    }

    /**
     * The canonical mailbox of an email that is already trimmed, lower-cased and shaped like
     * {@code local@domain.tld} (as {@link EmailNormaliser} makes it). Never returns an empty local part: when a rule
     * would leave nothing ({@code +tag@gmail.com}) the address stays as written.
     */
    public static String canonicalMailbox(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return email;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        String canonicalLocal = local;
        String canonicalDomain = domain;
        if (GMAIL.contains(domain)) {
            canonicalLocal = beforeFirst(local, '+').replace(".", "");
            canonicalDomain = "gmail.com";
        } else if (ICLOUD.contains(domain)) {
            // Apple gives every me.com and mac.com account the same name at icloud.com.
            canonicalLocal = beforeFirst(local, '+');
            canonicalDomain = "icloud.com";
        } else if (startsWithAny(domain, MICROSOFT_PREFIXES) || PROTON.contains(domain)) {
            canonicalLocal = beforeFirst(local, '+');
        } else if (startsWithAny(domain, YAHOO_PREFIXES)) {
            canonicalLocal = beforeFirst(local, '-');
        } else if (FASTMAIL.contains(domain)) {
            canonicalLocal = beforeFirst(local, '+');
        } else {
            String fastmailUser = fastmailSubdomainUser(domain);
            if (fastmailUser != null) {
                // Fastmail delivers anything@user.fastmail.com to user@fastmail.com.
                canonicalLocal = fastmailUser;
                canonicalDomain = domain.substring(fastmailUser.length() + 1);
            }
        }
        if (canonicalLocal.isEmpty()) {
            return email;
        }
        return canonicalLocal + "@" + canonicalDomain;
    }

    private static String fastmailSubdomainUser(String domain) {
        for (String base : FASTMAIL) {
            if (domain.endsWith("." + base)) {
                String user = domain.substring(0, domain.length() - base.length() - 1);
                return user.contains(".") ? null : user;
            }
        }
        return null;
    }

    private static String beforeFirst(String local, char separator) {
        int index = local.indexOf(separator);
        return index >= 0 ? local.substring(0, index) : local;
    }

    private static boolean startsWithAny(String domain, Set<String> prefixes) {
        for (String prefix : prefixes) {
            if (domain.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
