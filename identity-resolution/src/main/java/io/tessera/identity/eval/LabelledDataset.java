package io.tessera.identity.eval;

import io.tessera.identity.core.scoring.Features;
import java.util.List;
import java.util.Map;

/**
 * Records with their ground truth, for evaluation only: the truth map never reaches training.
 *
 * @param name    dataset name for reports
 * @param records the records as features
 * @param truth   record id → true entity id
 */
public record LabelledDataset(String name, List<Features> records, Map<String, String> truth) {

    public LabelledDataset {
        records = List.copyOf(records);
        truth = Map.copyOf(truth);
    }
}
