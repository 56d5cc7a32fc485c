package jp.akashi.collector.catalog;

import java.util.List;

/**
 * Criteria arranged under their groups, in document order.
 *
 * @param groups   top-level groups
 * @param criteria criteria without a parent group
 */
public record CriteriaTree(List<Node> groups, List<Criterion> criteria) {

    /** Number of criteria in the whole tree. */
    public int count() {
        return criteria.size() + groups.stream().mapToInt(Node::count).sum();
    }

    /** A group with its child groups and its own criteria. */
    public record Node(Group group, List<Node> children, List<Criterion> criteria) {

        int count() {
            return criteria.size() + children.stream().mapToInt(Node::count).sum();
        }
    }
}
