package io.tessera.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.projections.privacy.EventStoreSealing;
import io.tessera.projections.privacy.RecordKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Maintenance of the event store. Admins only. */
@RestController
@RequestMapping("/api/v1/admin/event-store")
public class EventStoreController {

    private static final Logger LOG = LoggerFactory.getLogger(EventStoreController.class);

    private final EventStoreSealing sealing;
    private final Object running = new Object();

    public EventStoreController(JdbcTemplate jdbc, RecordKeyStore keys) {
        this.sealing = new EventStoreSealing(jdbc, keys);
    }

    /** The outcome of a sealing run. */
    public record Sealed(long eventsRead, long eventsSealed, double seconds) {
    }

    @Operation(summary = "Seal (encrypt with each record's key) the source records of events stored in clear by a "
            + "Tessera from before encryption, so that erasure can shred them; safe to repeat and to run while "
            + "Tessera runs")
    @PostMapping("/seal")
    public Sealed seal() {
        synchronized (running) {
            long start = System.nanoTime();
            EventStoreSealing.Result result = sealing.sealPlainEvents();
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("Sealed {} of {} events stored in clear in {} s", result.eventsSealed(), result.eventsRead(),
                    String.format("%.1f", seconds));
            return new Sealed(result.eventsRead(), result.eventsSealed(), seconds);
        }
    }
}
