package io.tessera.api.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.security.Callers;
import io.tessera.api.security.Role;
import io.tessera.api.security.SecurityProperties;
import io.tessera.api.web.BadRequestException;
import io.tessera.contracts.ConsentChannel;
import io.tessera.projections.profile.query.ProfileReadModel;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Who may be contacted on a channel for a purpose, with how to reach them: the export a campaign or a call list is
 * made from. Consent is opt-in and read at the moment of the call, so a withdrawal recorded before it is in force in
 * it (issue 5: "withdrawal is effective immediately in segments and exports").
 */
@RestController
@RequestMapping("/api/v1/contacts")
public class ContactExportController {

    private static final Pattern PURPOSE = Pattern.compile("[\\p{L}\\p{N} _-]{1,64}");

    private final ProfileReadModel readModel;
    private final Set<Role> pseudonymisedRoles;

    public ContactExportController(ProfileReadModel readModel, SecurityProperties security) {
        this.readModel = readModel;
        this.pseudonymisedRoles = security.pseudonymised();
    }

    @Operation(summary = "CSV profile_id,name,contact,consent_since of the profiles whose consent in force grants "
            + "contact on `channel` (email, sms, whatsapp, phone, post) for `purpose` (default marketing), with the "
            + "golden email, phone or address; marketers, sales ops and admins")
    @GetMapping(value = "/export", produces = "text/csv")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam String channel,
                                                        @RequestParam(defaultValue = "marketing") String purpose,
                                                        Authentication caller) {
        ConsentChannel parsed;
        try {
            parsed = ConsentChannel.fromConfig(channel);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (!PURPOSE.matcher(purpose.strip()).matches()) {
            throw new BadRequestException("purpose must be a short name (letters, digits, spaces, - and _; at most 64), "
                    + "such as marketing");
        }
        if (Callers.pseudonymised(caller, pseudonymisedRoles)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your roles see pseudonyms only "
                    + "(tessera.security.pseudonymised-roles), and a contact list is personal data in clear; ask a "
                    + "marketer, sales ops or an admin");
        }
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            readModel.exportContactsCsv(writer, parsed, purpose);
            writer.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tessera-contacts-"
                        + parsed.configName() + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }
}
