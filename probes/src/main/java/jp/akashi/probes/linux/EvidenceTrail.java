package jp.akashi.probes.linux;

import jp.akashi.probes.model.Evidence;

/**
 * Evidence for a value that several sources decided together (a PAM stack, its module arguments
 * and the module's configuration file): the excerpt names each source with its relevant lines,
 * and the hash covers every source's whole content in the order read.
 */
public final class EvidenceTrail {
    private final StringBuilder contents = new StringBuilder();
    private final StringBuilder excerpt = new StringBuilder();

    /** Adds a source; {@code relevant} lines go into the excerpt (nothing when blank). */
    public EvidenceTrail add(String source, String content, String relevant) {
        contents.append("== ").append(source).append('\n').append(content == null ? "" : content).append('\n');
        if (relevant != null && !relevant.isBlank()) {
            excerpt.append(source).append(":\n");
            for (String line : relevant.strip().split("\\R")) {
                excerpt.append("  ").append(line.strip()).append('\n');
            }
        }
        return this;
    }

    /** Adds an explanatory line (which source decided, which default applied). */
    public EvidenceTrail note(String line) {
        excerpt.append("# ").append(line).append('\n');
        return this;
    }

    public boolean isEmpty() {
        return contents.length() == 0 && excerpt.length() == 0;
    }

    /** The evidence, with {@code source} as the one that decided the value. */
    public Evidence build(String source) {
        return Evidence.of(source, contents.toString(), excerpt.toString());
    }
}
