package jp.akashi.collector.store;

/**
 * The type and pixel size of a PNG or JPEG, read from its header bytes alone (the PNG IHDR chunk,
 * the JPEG start-of-frame marker), so a file can be judged before any decoder sees it.
 */
public final class ImageSize {
    private ImageSize() {
    }

    /** {@code png} or {@code jpeg} by the file's first bytes, or null for anything else (SVG, GIF, text …). */
    public static String type(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        return null;
    }

    /** {width, height}; {0, 0} when the header does not say (not a PNG or JPEG, or cut short). */
    public static int[] of(byte[] b) {
        String t = type(b);
        if ("png".equals(t)) {
            // signature, chunk length, "IHDR", then width and height as big-endian ints
            if (b.length >= 24 && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
                return new int[]{int32(b, 16), int32(b, 20)};
            }
            return new int[]{0, 0};
        }
        if ("jpeg".equals(t)) {
            int i = 2;
            while (i + 9 < b.length) {
                if ((b[i] & 0xff) != 0xff) {
                    return new int[]{0, 0};
                }
                int marker = b[i + 1] & 0xff;
                if (marker == 0xff) {
                    i++;
                    continue;
                }
                int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
                // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
                if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                    int height = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                    int width = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                    return new int[]{width, height};
                }
                if (len < 2) {
                    return new int[]{0, 0};
                }
                i += 2 + len;
            }
        }
        return new int[]{0, 0};
    }

    private static int int32(byte[] b, int at) {
        long v = ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }
}
