package org.w3id.mevo.reason;

import java.util.List;
import org.w3id.mevo.core.MevoException;

/** HermiT found the ontology inconsistent or some classes unsatisfiable; the message names them and explains why. */
public final class ReasoningFailure extends MevoException {
    private final List<String> culprits;

    public ReasoningFailure(String message, List<String> culprits) {
        super(message);
        this.culprits = List.copyOf(culprits);
    }

    /** The unsatisfiable classes (or, for an inconsistent ontology, the entities in the explanation), as CURIEs. */
    public List<String> culprits() { return culprits; }
}
