package io.tessera.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.ConflictException;
import io.tessera.contracts.privacy.KeysUnavailableException;
import io.tessera.projections.privacy.KeyEncryptionKey;
import java.security.Principal;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rotation of the key-encryption key that the records' keys and Tessera's secrets are stored wrapped with
 * ({@link KeyEncryptionKey#rotate}), when it may have leaked or a policy asks for it. Admins only; who rotated is
 * logged.
 */
@RestController
@RequestMapping("/api/v1/admin/key-encryption-key")
public class KeyEncryptionKeyController {

    private static final Logger LOG = LoggerFactory.getLogger(KeyEncryptionKeyController.class);

    private final KeyEncryptionKey kek;
    private final DataSource dataSource;

    public KeyEncryptionKeyController(KeyEncryptionKey kek, DataSource dataSource) {
        this.kek = kek;
        this.dataSource = dataSource;
    }

    /**
     * The outcome of a rotation.
     *
     * @param keysRewrapped    the record keys re-wrapped with the new key (destroyed keys stay destroyed)
     * @param secretsRewrapped the secrets of table tessera_secret re-wrapped
     * @param file             the file that holds the new key, to copy to every other instance sharing the database
     * @param fingerprint      the first 8 characters of the new key's check (an HMAC, not the key), to tell files apart
     */
    public record Rotated(int keysRewrapped, int secretsRewrapped, String file, String fingerprint) {
    }

    @Operation(summary = "Replace the key-encryption key with a new random one: re-wraps every record key and secret "
            + "with it in one transaction and writes it over tessera.privacy.key-encryption-key-file. Other instances "
            + "sharing the database need the new file (see docs/privacy.md); backups made before still open only "
            + "with the old file")
    @PostMapping("/rotate")
    public Rotated rotate(Principal caller) {
        LOG.info("Rotation of the key-encryption key asked by {}", caller.getName());
        KeyEncryptionKey.Rotation rotation;
        try {
            rotation = kek.rotate(dataSource);
        } catch (KeysUnavailableException stale) {
            throw new ConflictException(stale.getMessage());
        }
        LOG.info("Key-encryption key rotated by {} (fingerprint {})", caller.getName(), rotation.fingerprint());
        return new Rotated(rotation.keys(), rotation.secrets(), rotation.file().toString(), rotation.fingerprint());
    }
}
