package jp.akashi.probes.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the checks put what they find: each finding as a {@link VerifyMessage} (to show in any
 * language) and as its English text in the plain lists the result has always had.
 */
final class Findings {
    final List<String> problems;
    final List<String> notes;
    final List<VerifyMessage> problemMessages;
    final List<VerifyMessage> noteMessages;

    Findings(List<String> problems, List<String> notes, List<VerifyMessage> problemMessages, List<VerifyMessage> noteMessages) {
        this.problems = problems;
        this.notes = notes;
        this.problemMessages = problemMessages;
        this.noteMessages = noteMessages;
    }

    /** Findings into plain lists only (the messages are kept apart and dropped). */
    Findings(List<String> problems, List<String> notes) {
        this(problems, notes, new ArrayList<>(), new ArrayList<>());
    }

    Findings() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    void problem(String key, Object... args) {
        problem(VerifyMessage.of(key, args));
    }

    void problem(VerifyMessage m) {
        problemMessages.add(m);
        problems.add(m.english());
    }

    void note(String key, Object... args) {
        VerifyMessage m = VerifyMessage.of(key, args);
        noteMessages.add(m);
        notes.add(m.english());
    }

    void noteFirst(String key, Object... args) {
        VerifyMessage m = VerifyMessage.of(key, args);
        noteMessages.add(0, m);
        notes.add(0, m.english());
    }
}
