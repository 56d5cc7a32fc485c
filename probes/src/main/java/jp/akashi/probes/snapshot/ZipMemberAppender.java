package jp.akashi.probes.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.zip.CRC32;

/**
 * Adds one stored member to a finished ZIP, keeping every byte of the existing entries as they
 * are: the result is the original archive up to its central directory, the new local entry, the
 * original central directory records, the new one and a new end record. Used to join a time
 * stamp ({@code manifest.tsr}) that arrived after the snapshot was written; everything the
 * manifest lists, and the manifest and its signature, stay byte for byte what was signed. Only
 * plain archives as {@link SnapshotArchiveWriter} writes them are accepted (no comment, no
 * ZIP64 records, the central directory directly before the end record).
 */
public final class ZipMemberAppender {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int UTF8_FLAG = 0x0800;

    private ZipMemberAppender() {
    }

    /** Writes {@code zip} with the stored member {@code name} added to {@code out}; {@code zip} is not changed. */
    public static void append(Path zip, OutputStream out, String name, byte[] content, Instant time) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 22 || size > 0xFFFFFFFFL) {
                throw new IOException("not a plain ZIP archive (size " + size + ")");
            }
            ByteBuffer end = read(ch, size - 22, 22);
            if (end.getInt(0) != EOCD || end.getShort(20) != 0) {
                throw new IOException("no end record at the end of the archive (a comment or trailing data)");
            }
            if (size >= 42 && read(ch, size - 42, 4).getInt(0) == ZIP64_LOCATOR) {
                throw new IOException("ZIP64 archive: appending is not supported");
            }
            int entries = Short.toUnsignedInt(end.getShort(10));
            if (entries != Short.toUnsignedInt(end.getShort(8)) || entries == 0xFFFF) {
                throw new IOException("multi-disk or ZIP64 archive");
            }
            long cdSize = Integer.toUnsignedLong(end.getInt(12));
            long cdOffset = Integer.toUnsignedLong(end.getInt(16));
            if (cdOffset + cdSize != size - 22) {
                throw new IOException("the central directory does not end at the end record");
            }
            ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            for (int p = 0, i = 0; i < entries; i++) {
                if (p + 46 > cd.limit() || cd.getInt(p) != CEN) {
                    throw new IOException("central directory record " + (i + 1) + " is damaged");
                }
                int n = Short.toUnsignedInt(cd.getShort(p + 28));
                int x = Short.toUnsignedInt(cd.getShort(p + 30));
                int c = Short.toUnsignedInt(cd.getShort(p + 32));
                byte[] existing = new byte[n];
                cd.get(p + 46, existing);
                if (java.util.Arrays.equals(existing, nameBytes)) {
                    throw new IOException(name + ": already in the archive");
                }
                p += 46 + n + x + c;
            }
            CRC32 crc = new CRC32();
            crc.update(content);
            int dos = dosTime(time);
            ByteBuffer local = le(30 + nameBytes.length);
            local.putInt(LOC).putShort((short) 10).putShort((short) UTF8_FLAG).putShort((short) 0).putInt(dos)
                    .putInt((int) crc.getValue()).putInt(content.length).putInt(content.length)
                    .putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes);
            ByteBuffer central = le(46 + nameBytes.length);
            // "version made by" as ZipOutputStream writes it (= "version needed"): the strict reader accepts only that
            central.putInt(CEN).putShort((short) 10).putShort((short) 10).putShort((short) UTF8_FLAG).putShort((short) 0).putInt(dos)
                    .putInt((int) crc.getValue()).putInt(content.length).putInt(content.length)
                    .putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt((int) cdOffset).put(nameBytes);
            long newCdOffset = cdOffset + local.capacity() + content.length;
            long newCdSize = cdSize + central.capacity();
            if (newCdOffset + newCdSize > 0xFFFFFFFFL || entries + 1 >= 0xFFFF) {
                throw new IOException("the archive would need ZIP64");
            }
            ByteBuffer newEnd = le(22);
            newEnd.putInt(EOCD).putShort((short) 0).putShort((short) 0).putShort((short) (entries + 1)).putShort((short) (entries + 1))
                    .putInt((int) newCdSize).putInt((int) newCdOffset).putShort((short) 0);
            copy(ch, 0, cdOffset, out);
            out.write(local.array());
            out.write(content);
            copy(ch, cdOffset, cdSize, out);
            out.write(central.array());
            out.write(newEnd.array());
            out.flush();
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = le(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("archive ends early");
            }
        }
        return b.flip();
    }

    private static void copy(FileChannel ch, long from, long n, OutputStream out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        long done = 0;
        while (done < n) {
            b.clear().limit((int) Math.min(b.capacity(), n - done));
            int r = ch.read(b, from + done);
            if (r < 0) {
                throw new IOException("archive ends early");
            }
            out.write(b.array(), 0, r);
            done += r;
        }
    }

    /** MS-DOS date and time (UTC, 2-second steps), as the ZIP headers hold it. */
    static int dosTime(Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        int year = Math.max(1980, Math.min(2107, d.getYear()));
        return (year - 1980) << 25 | d.getMonthValue() << 21 | d.getDayOfMonth() << 16
                | d.getHour() << 11 | d.getMinute() << 5 | d.getSecond() >> 1;
    }
}
