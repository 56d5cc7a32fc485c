package jp.akashi.collector.catalog;

/**
 * The weight of an item on one application type: its variant for that type decides (必須, or a
 * number of points) and, where it says nothing, the item's own weight holds. One rule for the
 * catalog ({@link Criterion}) and the reports rendered from snapshots.
 */
public final class Weights {
    private Weights() {
    }

    /** 必須 on that type: the variant's 必須 flag, not 必須 when the variant gives points, else the item's own flag. */
    public static boolean required(Boolean variantRequired, Integer variantPoints, boolean hasVariant, Boolean itemRequired) {
        if (hasVariant && variantRequired != null) {
            return variantRequired;
        }
        if (hasVariant && variantPoints != null) {
            return false;
        }
        return Boolean.TRUE.equals(itemRequired);
    }

    /** Points on that type: the variant's points, none when the variant makes it 必須, else the item's own points. */
    public static Integer points(Boolean variantRequired, Integer variantPoints, boolean hasVariant, Integer itemPoints) {
        if (hasVariant && variantPoints != null) {
            return variantPoints;
        }
        if (hasVariant && Boolean.TRUE.equals(variantRequired)) {
            return null;
        }
        return itemPoints;
    }
}
