package jp.akashi.collector.catalog;

import java.util.List;

/** A catalog that cannot be loaded; the message lists every problem, each naming file and item. */
public class CatalogException extends RuntimeException {
    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder sb = new StringBuilder("framework catalog is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> sb.append("\n  ").append(p));
        return sb.toString();
    }
}
