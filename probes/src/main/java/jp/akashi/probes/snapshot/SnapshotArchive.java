package jp.akashi.probes.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a snapshot ZIP the only way it may be read: the end record, the central directory and
 * every local header are parsed byte for byte and must tell one and the same story. A ZIP can
 * otherwise be read two ways — {@code ZipInputStream} follows the local headers, {@code unzip},
 * Python, file managers and Excel follow the central directory — so an archive with a second,
 * forged local entry that the central directory points to shows the signed content to one
 * reader and the forgery to the others. Anything that lets two readers disagree is refused:
 * bytes outside the entries (prefix, gaps, trailing data, an archive comment), entries that
 * overlap or come in another order than listed, any field on which a local header and the
 * central directory differ, data descriptors that disagree, ZIP64 records that are not needed
 * or do not match, names that repeat (also by case or Unicode normalisation) or could escape
 * a directory, encryption, methods other than stored and deflate, and extra fields that give
 * another name or size. Content is inflated as a stream, never past the declared size, and
 * checked against its CRC-32.
 */
public final class SnapshotArchive implements Closeable {
    /** Upper bound on the sum of declared uncompressed sizes, so a hostile archive cannot make a reader work forever. */
    public static final long MAX_TOTAL_INFLATED = 64L << 30;
    static final int MAX_ENTRIES = 1 << 20;
    static final long MAX_CENTRAL_DIRECTORY = 256L << 20;

    static final int LOC_SIG = 0x04034b50;
    static final int CEN_SIG = 0x02014b50;
    static final int END_SIG = 0x06054b50;
    static final int DESC_SIG = 0x08074b50;
    static final int ZIP64_END_SIG = 0x06064b50;
    static final int ZIP64_LOC_SIG = 0x07064b50;
    static final int LOC_LEN = 30;
    static final int CEN_LEN = 46;
    static final int END_LEN = 22;
    static final int DESC_LEN = 16;
    static final int ZIP64_END_LEN = 56;
    static final int ZIP64_LOC_LEN = 20;
    static final long MAGIC32 = 0xFFFFFFFFL;
    static final int MAGIC16 = 0xFFFF;
    static final int STORED = 0;
    static final int DEFLATED = 8;
    static final int FLAG_ENCRYPTED = 0x0001;
    static final int FLAG_DESCRIPTOR = 0x0008;
    static final int FLAG_STRONG_ENCRYPTION = 0x0040;
    static final int FLAG_UTF8 = 0x0800;
    static final int FLAG_MASKED_HEADERS = 0x2000;
    /** Deflate option bits (1, 2), data descriptor, UTF-8: the only flags a snapshot member may carry. */
    static final int FLAGS_ALLOWED = 0x0002 | 0x0004 | FLAG_DESCRIPTOR | FLAG_UTF8;
    /** Extra fields that carry no name, size or offset of their own: times and unix ids. ZIP64 (0x0001) is handled apart. */
    static final List<Integer> EXTRA_ALLOWED = List.of(0x000a, 0x5455, 0x7875);

    /** A member: where its data lies and what it must inflate to. */
    public record Entry(String name, int method, long crc, long compressedSize, long size, long headerOffset, long dataOffset) {
    }

    /** The archive is not one unambiguous snapshot ZIP; the message names the problem and, where there is one, the member. */
    public static final class ArchiveException extends IOException {
        public ArchiveException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final List<Entry> entries;
    private final Map<String, Entry> byName;
    private final long totalSize;

    private SnapshotArchive(FileChannel channel, List<Entry> entries) {
        this.channel = channel;
        this.entries = Collections.unmodifiableList(entries);
        Map<String, Entry> m = new LinkedHashMap<>();
        long total = 0;
        for (Entry e : entries) {
            m.put(e.name(), e);
            total += e.size();
        }
        this.byName = Collections.unmodifiableMap(m);
        this.totalSize = total;
    }

    /** Opens and checks the structure of an archive (not yet its content: that is checked as each member is read). */
    public static SnapshotArchive open(Path zip) throws IOException {
        FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ);
        try {
            return new SnapshotArchive(ch, parse(ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The members in archive order (which is also the central directory's order). */
    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The sum of the members' declared uncompressed sizes. */
    public long totalSize() {
        return totalSize;
    }

    /**
     * The member's content, inflated as it is read. Reading past the declared size, compressed
     * data that ends early or carries bytes after its end, and a CRC-32 that does not match all
     * throw {@link ArchiveException}.
     */
    public InputStream open(Entry e) {
        return new MemberStream(channel, e);
    }

    /**
     * The member's content, which must also have the given SHA-256 (checked at its end): for
     * serving a member of a verified snapshot, so what is served is what was hashed.
     */
    public InputStream openExpecting(Entry e, String sha256) {
        return new MemberStream(channel, e) {
            final MessageDigest md = sha256();

            @Override
            void seen(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            void ended() throws ArchiveException {
                String got = HexFormat.of().formatHex(md.digest());
                if (!got.equals(sha256)) {
                    throw new ArchiveException(e.name() + ": content changed since it was verified (sha256 " + got + ", expected " + sha256 + ")");
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ---- structure ----

    private static List<Entry> parse(FileChannel ch) throws IOException {
        long length = ch.size();
        if (length < END_LEN) {
            throw new ArchiveException("too short to be a ZIP archive (" + length + " bytes)");
        }
        ByteBuffer end = read(ch, length - END_LEN, END_LEN);
        if (end.getInt(0) != END_SIG) {
            throw new ArchiveException(whyNoEndRecordAtEnd(ch, length));
        }
        int disk = u16(end, 4);
        int cdDisk = u16(end, 6);
        int countHere = u16(end, 8);
        int count16 = u16(end, 10);
        long cdSize32 = u32(end, 12);
        long cdOffset32 = u32(end, 16);
        int commentLength = u16(end, 20);
        if (commentLength != 0) {
            throw new ArchiveException("the end-of-central-directory record claims a " + commentLength + "-byte comment past the end of the file");
        }
        if (disk != 0 || cdDisk != 0 || countHere != count16) {
            throw new ArchiveException("a multi-disk (split) archive");
        }
        long count = count16;
        long cdSize = cdSize32;
        long cdOffset = cdOffset32;
        long cdEndExpected = length - END_LEN;
        boolean needs64 = count16 == MAGIC16 || cdSize32 == MAGIC32 || cdOffset32 == MAGIC32;
        boolean has64 = length >= END_LEN + ZIP64_LOC_LEN && read(ch, length - END_LEN - ZIP64_LOC_LEN, 4).getInt(0) == ZIP64_LOC_SIG;
        if (has64 && !needs64) {
            throw new ArchiveException("a ZIP64 end record although no field of the end record needs one (ZIP64 confusion)");
        }
        if (needs64 && !has64) {
            throw new ArchiveException("the end record marks ZIP64 fields but there is no ZIP64 end record");
        }
        if (has64) {
            ByteBuffer loc = read(ch, length - END_LEN - ZIP64_LOC_LEN, ZIP64_LOC_LEN);
            long z64Offset = u64(loc, 8);
            if (u32(loc, 4) != 0 || u32(loc, 16) != 1) {
                throw new ArchiveException("a multi-disk (split) archive (ZIP64 locator)");
            }
            long z64Expected = length - END_LEN - ZIP64_LOC_LEN - ZIP64_END_LEN;
            if (z64Offset != z64Expected) {
                throw new ArchiveException("the ZIP64 locator points to offset " + z64Offset + ", not to the record just before it ("
                        + z64Expected + ") (ZIP64 confusion)");
            }
            ByteBuffer z = read(ch, z64Offset, ZIP64_END_LEN);
            if (z.getInt(0) != ZIP64_END_SIG || u64(z, 4) != ZIP64_END_LEN - 12) {
                throw new ArchiveException("no well-formed ZIP64 end record where the locator points (ZIP64 confusion)");
            }
            if (u32(z, 16) != 0 || u32(z, 20) != 0 || u64(z, 24) != u64(z, 32)) {
                throw new ArchiveException("a multi-disk (split) archive (ZIP64 end record)");
            }
            count = u64(z, 32);
            cdSize = u64(z, 40);
            cdOffset = u64(z, 48);
            if (!agrees(count16, MAGIC16, count) || !agrees(cdSize32, MAGIC32, cdSize) || !agrees(cdOffset32, MAGIC32, cdOffset)) {
                throw new ArchiveException("the ZIP64 end record (" + count + " entries, directory of " + cdSize + " bytes at " + cdOffset
                        + ") does not match the end record (" + count16 + ", " + cdSize32 + ", " + cdOffset32 + ") (ZIP64 confusion)");
            }
            cdEndExpected = z64Offset;
        }
        if (count < 0 || count > MAX_ENTRIES) {
            throw new ArchiveException("more than " + MAX_ENTRIES + " entries");
        }
        if (cdSize < 0 || cdOffset < 0 || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset > cdEndExpected || cdSize != cdEndExpected - cdOffset) {
            if (cdOffset >= 0 && cdSize >= 0 && cdOffset + cdSize < cdEndExpected && cdOffset + cdSize >= 0) {
                throw new ArchiveException(anotherEndRecord(ch, cdOffset + cdSize, cdEndExpected)
                        ? "more than one end-of-central-directory record"
                        : (cdEndExpected - cdOffset - cdSize) + " bytes between the central directory and the end record");
            }
            throw new ArchiveException("the end record's central directory (" + cdSize + " bytes at " + cdOffset
                    + ") does not end where the end record begins (" + cdEndExpected + "): truncated or altered");
        }
        List<Central> central = readCentral(ch, cdOffset, (int) cdSize, (int) count);
        return checkLocals(ch, central, cdOffset);
    }

    /** An end-record field either holds the value, or is the ZIP64 marker and the value needs ZIP64. */
    private static boolean agrees(long field, long magic, long value) {
        return field == value && value < magic || field == magic && value >= magic;
    }

    private static String whyNoEndRecordAtEnd(FileChannel ch, long length) throws IOException {
        int span = (int) Math.min(length, 0xFFFF + END_LEN);
        ByteBuffer tail = read(ch, length - span, span);
        for (int p = span - END_LEN; p >= 0; p--) {
            if (tail.getInt(p) == END_SIG) {
                int comment = u16(tail, p + 20);
                long after = span - p - END_LEN;
                return comment == after ? "has an archive comment (" + comment + " bytes); snapshots have none"
                        : after + " bytes after the end-of-central-directory record (appended data"
                        + (containsEnd(tail, p + END_LEN, span) ? ", with more than one end-of-central-directory record)" : ")");
            }
        }
        return "no end-of-central-directory record at the end (not a ZIP archive, or truncated)";
    }

    private static boolean containsEnd(ByteBuffer b, int from, int to) {
        for (int p = from; p + 4 <= to; p++) {
            if (b.getInt(p) == END_SIG) {
                return true;
            }
        }
        return false;
    }

    private static boolean anotherEndRecord(FileChannel ch, long from, long to) throws IOException {
        long n = Math.min(to - from, 1 << 20);
        return containsEnd(read(ch, to - n, (int) n), 0, (int) n);
    }

    private record Central(String name, byte[] nameBytes, byte[] extra, int versionNeeded, int flags, int method, int time, int date, long crc,
                           long compressedSize, long size, long offset) {
    }

    private static List<Central> readCentral(FileChannel ch, long cdOffset, int cdSize, int count) throws IOException {
        ByteBuffer cd = read(ch, cdOffset, cdSize);
        List<Central> out = new ArrayList<>(count);
        Map<String, String> folded = new HashMap<>();
        long declared = 0;
        int p = 0;
        for (int i = 0; i < count; i++) {
            if (p + CEN_LEN > cdSize || cd.getInt(p) != CEN_SIG) {
                throw new ArchiveException("the central directory holds fewer entries than the end record says (" + i + " of " + count + ")");
            }
            int madeBy = u16(cd, p + 4);
            int needed = u16(cd, p + 6);
            int flags = u16(cd, p + 8);
            int method = u16(cd, p + 10);
            int time = u16(cd, p + 12);
            int date = u16(cd, p + 14);
            long crc = u32(cd, p + 16);
            long csize = u32(cd, p + 20);
            long size = u32(cd, p + 24);
            int nameLen = u16(cd, p + 28);
            int extraLen = u16(cd, p + 30);
            int commentLen = u16(cd, p + 32);
            int diskStart = u16(cd, p + 34);
            int internal = u16(cd, p + 36);
            long external = u32(cd, p + 38);
            long offset = u32(cd, p + 42);
            if (p + CEN_LEN + nameLen + extraLen + commentLen > cdSize) {
                throw new ArchiveException("a central directory entry runs past the directory's end");
            }
            byte[] nameBytes = new byte[nameLen];
            cd.get(p + CEN_LEN, nameBytes);
            String name = name(nameBytes, flags);
            checkEntryFields(name, flags, method, csize, size);
            checkExtra(name, "central directory", cd, p + CEN_LEN + nameLen, extraLen);
            if (csize == MAGIC32 || size == MAGIC32 || offset == MAGIC32 || diskStart == MAGIC16) {
                throw new ArchiveException(name + ": sizes or offset in ZIP64 form (members and archives of 4 GiB or more are not read)");
            }
            if (commentLen != 0) {
                throw new ArchiveException(name + ": has a file comment; snapshot members have none");
            }
            if (diskStart != 0) {
                throw new ArchiveException(name + ": on another disk (split archive)");
            }
            if (internal != 0 || external != 0) {
                throw new ArchiveException(name + ": file attributes set (internal 0x" + Integer.toHexString(internal) + ", external 0x"
                        + Long.toHexString(external) + "): a directory, link or special file to some readers");
            }
            // fields only the central directory has must say nothing: a plain file, as the snapshot writer leaves them
            if (madeBy != needed) {
                throw new ArchiveException(name + ": \"version made by\" " + madeBy + " differs from \"version needed\" " + needed
                        + " (not as the snapshot writer makes them)");
            }
            String key = Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            String other = folded.putIfAbsent(key, name);
            if (other != null) {
                throw new ArchiveException(other.equals(name) ? name + ": appears more than once in the archive"
                        : name + ": differs from " + other + " only by case or Unicode normalisation");
            }
            declared += size;
            if (declared > MAX_TOTAL_INFLATED) {
                throw new ArchiveException("declares more than " + MAX_TOTAL_INFLATED + " bytes of content in total");
            }
            byte[] extra = new byte[extraLen];
            cd.get(p + CEN_LEN + nameLen, extra);
            out.add(new Central(name, nameBytes, extra, needed, flags, method, time, date, crc, csize, size, offset));
            p += CEN_LEN + nameLen + extraLen + commentLen;
        }
        if (p != cdSize) {
            throw new ArchiveException((cdSize - p) + " bytes in the central directory after its " + count
                    + " entries (more entries than the end record says, or junk)");
        }
        return out;
    }

    private static String name(byte[] bytes, int flags) throws ArchiveException {
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ArchiveException("an entry name that is not UTF-8 (" + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 40)) + ")");
        }
        boolean ascii = true;
        for (byte b : bytes) {
            ascii &= b >= 0;
        }
        if (!ascii && (flags & FLAG_UTF8) == 0) {
            throw new ArchiveException(printable(name) + ": non-ASCII name without the UTF-8 flag (other tools would read another name)");
        }
        if (name.endsWith("/")) {
            throw new ArchiveException(printable(name) + ": a directory entry; snapshots have none");
        }
        if (!SnapshotManifest.UNLISTED.contains(name)) {
            String problem = SnapshotManifest.pathProblem(name);
            if (problem != null) {
                throw new ArchiveException(printable(name) + ": not a safe member name (" + problem + ")");
            }
        }
        return name;
    }

    /** The name with control characters shown as \\uXXXX, so a problem line cannot be forged by the name. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(200).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static void checkEntryFields(String name, int flags, int method, long csize, long size) throws ArchiveException {
        if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS)) != 0 || method == 99) {
            throw new ArchiveException(name + ": encrypted");
        }
        if ((flags & ~FLAGS_ALLOWED) != 0) {
            throw new ArchiveException(name + ": unknown flags 0x" + Integer.toHexString(flags));
        }
        if (method != STORED && method != DEFLATED) {
            throw new ArchiveException(name + ": compression method " + method + " (only stored and deflate are read)");
        }
        if (method == STORED && csize != size) {
            throw new ArchiveException(name + ": stored, but its compressed size " + csize + " differs from its size " + size);
        }
        if (method == STORED && (flags & FLAG_DESCRIPTOR) != 0) {
            throw new ArchiveException(name + ": stored with a data descriptor (its end cannot be found from the local header)");
        }
        if (method == DEFLATED && size > csize * 1032 + 1024) {
            throw new ArchiveException(name + ": declares " + size + " bytes, more than " + csize + " bytes of deflate data can hold");
        }
    }

    /** Extra fields must be well formed and carry nothing that gives another reader another name, size or place. */
    private static void checkExtra(String name, String where, ByteBuffer b, int from, int len) throws ArchiveException {
        int p = from;
        int end = from + len;
        List<Integer> seen = new ArrayList<>();
        while (p < end) {
            if (p + 4 > end || p + 4 + u16(b, p + 2) > end) {
                throw new ArchiveException(name + ": malformed extra field in the " + where);
            }
            int id = u16(b, p);
            if (id == 0x0001) {
                throw new ArchiveException(name + ": a ZIP64 extra field in the " + where + " (members of 4 GiB or more are not read; ZIP64 confusion)");
            }
            if (!EXTRA_ALLOWED.contains(id)) {
                throw new ArchiveException(name + ": extra field 0x" + String.format("%04x", id) + " in the " + where
                        + " (only time stamps and unix ids are allowed: others can give another reader another name or size)");
            }
            if (seen.contains(id)) {
                throw new ArchiveException(name + ": extra field 0x" + String.format("%04x", id) + " twice in the " + where);
            }
            seen.add(id);
            p += 4 + u16(b, p + 2);
        }
    }

    /** Every entry's local header must agree with the central directory, and the entries must tile the file up to it. */
    private static List<Entry> checkLocals(FileChannel ch, List<Central> central, long cdOffset) throws IOException {
        List<Entry> out = new ArrayList<>(central.size());
        for (int i = 1; i < central.size(); i++) {
            Central a = central.get(i - 1);
            Central b = central.get(i);
            if (b.offset() <= a.offset()) {
                throw new ArchiveException(a.name() + ": the central directory points to a local entry at offset " + a.offset()
                        + ", not before the next listed entry " + b.name() + " (at " + b.offset() + "): listed out of order, "
                        + "or a second local entry of that name");
            }
        }
        long expected = 0;
        String previous = null;
        for (Central c : central) {
            if (c.offset() != expected) {
                throw new ArchiveException(placement(c.name(), c.offset(), expected, previous));
            }
            if (c.offset() + LOC_LEN > cdOffset) {
                throw new ArchiveException(c.name() + ": its local header would lie in the central directory");
            }
            ByteBuffer h = read(ch, c.offset(), LOC_LEN);
            if (h.getInt(0) != LOC_SIG) {
                throw new ArchiveException(c.name() + ": no local header at offset " + c.offset() + " where the central directory points");
            }
            int nameLen = u16(h, 26);
            int extraLen = u16(h, 28);
            if (c.offset() + LOC_LEN + nameLen + extraLen > cdOffset) {
                throw new ArchiveException(c.name() + ": its local header runs into the central directory");
            }
            ByteBuffer ne = read(ch, c.offset() + LOC_LEN, nameLen + extraLen);
            byte[] localName = new byte[nameLen];
            ne.get(0, localName);
            if (!java.util.Arrays.equals(localName, c.nameBytes())) {
                throw new ArchiveException(c.name() + ": the local header names it "
                        + printable(new String(localName, StandardCharsets.UTF_8)) + " (local header and central directory disagree)");
            }
            mismatch(c, "version needed", u16(h, 4), c.versionNeeded());
            mismatch(c, "flags", u16(h, 6), c.flags());
            mismatch(c, "compression method", u16(h, 8), c.method());
            mismatch(c, "modification time", u16(h, 10), c.time());
            mismatch(c, "modification date", u16(h, 12), c.date());
            checkExtra(c.name(), "local header", ne, nameLen, extraLen);
            byte[] localExtra = new byte[extraLen];
            ne.get(nameLen, localExtra);
            if (!java.util.Arrays.equals(localExtra, c.extra())) {
                throw new ArchiveException(c.name() + ": local header and central directory disagree on the extra fields");
            }
            long crc = u32(h, 14);
            long csize = u32(h, 18);
            long size = u32(h, 22);
            boolean descriptor = (c.flags() & FLAG_DESCRIPTOR) != 0;
            // with a data descriptor the local fields are zero (the writer did not know them yet); otherwise they must be exact
            if (!descriptor || crc != 0) {
                mismatch(c, "CRC-32", crc, c.crc());
            }
            if (!descriptor || csize != 0) {
                mismatch(c, "compressed size", csize, c.compressedSize());
            }
            if (!descriptor || size != 0) {
                mismatch(c, "size", size, c.size());
            }
            long data = c.offset() + LOC_LEN + nameLen + extraLen;
            long dataEnd = data + c.compressedSize();
            if (dataEnd > cdOffset) {
                throw new ArchiveException(c.name() + ": its data (" + c.compressedSize() + " bytes) runs into the central directory");
            }
            long entryEnd = dataEnd;
            if (descriptor) {
                if (dataEnd + DESC_LEN > cdOffset) {
                    throw new ArchiveException(c.name() + ": its data descriptor runs into the central directory");
                }
                ByteBuffer d = read(ch, dataEnd, DESC_LEN);
                if (d.getInt(0) != DESC_SIG) {
                    throw new ArchiveException(c.name() + ": no data descriptor after its data (sizes or descriptor altered)");
                }
                mismatchDescriptor(c, "CRC-32", u32(d, 4), c.crc());
                mismatchDescriptor(c, "compressed size", u32(d, 8), c.compressedSize());
                mismatchDescriptor(c, "size", u32(d, 12), c.size());
                entryEnd += DESC_LEN;
            }
            out.add(new Entry(c.name(), c.method(), c.crc(), c.compressedSize(), c.size(), c.offset(), data));
            expected = entryEnd;
            previous = c.name();
        }
        if (expected != cdOffset) {
            throw new ArchiveException(expected < cdOffset
                    ? (cdOffset - expected) + " bytes between " + (previous == null ? "the start" : previous)
                    + " and the central directory that belong to no listed entry (a hidden local entry or junk)"
                    : "the last entry runs into the central directory");
        }
        return out;
    }

    private static String placement(String name, long offset, long expected, String previous) {
        if (previous == null) {
            return offset > expected ? offset + " bytes before the first entry (prepended data)"
                    : name + ": at offset " + offset + ", before the start of the archive";
        }
        if (offset > expected) {
            return (offset - expected) + " bytes between " + previous + " and " + name + " that belong to no listed entry (a hidden local entry or junk)";
        }
        return name + ": overlaps " + previous + " or is listed out of order (the central directory's order must be the order of the local entries)";
    }

    private static void mismatch(Central c, String field, long local, long central) throws ArchiveException {
        if (local != central) {
            throw new ArchiveException(c.name() + ": local header and central directory disagree on the " + field
                    + " (" + local + " ≠ " + central + ")");
        }
    }

    private static void mismatchDescriptor(Central c, String field, long descriptor, long central) throws ArchiveException {
        if (descriptor != central) {
            throw new ArchiveException(c.name() + ": data descriptor and central directory disagree on the " + field
                    + " (" + descriptor + " ≠ " + central + ")");
        }
    }

    // ---- content ----

    /** Inflates (or copies) one member's data from the channel, bounded by its declared sizes, checking its CRC-32 at the end. */
    private static class MemberStream extends InputStream {
        private final FileChannel ch;
        private final Entry e;
        private final Inflater inflater;
        private final CRC32 crc = new CRC32();
        private final ByteBuffer in;
        private long position;
        private long remainingInput;
        private long produced;
        private boolean dummyFed;
        private boolean done;

        MemberStream(FileChannel ch, Entry e) {
            this.ch = ch;
            this.e = e;
            this.position = e.dataOffset();
            this.remainingInput = e.compressedSize();
            this.inflater = e.method() == DEFLATED ? new Inflater(true) : null;
            this.in = ByteBuffer.allocate((int) Math.max(1, Math.min(1 << 16, e.compressedSize())));
            in.limit(0);
        }

        void seen(byte[] b, int off, int len) {
        }

        void ended() throws ArchiveException {
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = inflater == null ? copy(b, off, len) : inflate(b, off, len);
            if (n > 0) {
                produced += n;
                if (produced > e.size()) {
                    throw new ArchiveException(e.name() + ": inflates past its declared size of " + e.size() + " bytes");
                }
                crc.update(b, off, n);
                seen(b, off, n);
                return n;
            }
            finish();
            return -1;
        }

        private boolean fill() throws IOException {
            if (in.hasRemaining()) {
                return true;
            }
            if (remainingInput == 0) {
                return false;
            }
            in.clear();
            in.limit((int) Math.min(in.capacity(), remainingInput));
            while (in.hasRemaining()) {
                int n = ch.read(in, position + in.position());
                if (n < 0) {
                    throw new ArchiveException(e.name() + ": the file ends inside its data (truncated)");
                }
            }
            in.flip();
            position += in.limit();
            remainingInput -= in.limit();
            return true;
        }

        private int copy(byte[] b, int off, int len) throws IOException {
            if (!fill()) {
                return 0;
            }
            int n = Math.min(len, in.remaining());
            in.get(b, off, n);
            return n;
        }

        private int inflate(byte[] b, int off, int len) throws IOException {
            try {
                while (true) {
                    if (inflater.finished()) {
                        return 0;
                    }
                    if (inflater.needsInput()) {
                        if (fill()) {
                            inflater.setInput(in.array(), in.position(), in.remaining());
                            in.position(in.limit());
                        } else if (!dummyFed) {
                            // zlib may want one byte past a raw deflate stream to report its end
                            dummyFed = true;
                            inflater.setInput(new byte[1], 0, 1);
                        } else {
                            throw new ArchiveException(e.name() + ": its compressed data ends early (truncated or altered)");
                        }
                    }
                    int n = inflater.inflate(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    if (inflater.needsDictionary()) {
                        throw new ArchiveException(e.name() + ": deflate data asks for a preset dictionary");
                    }
                    if (!inflater.finished() && !inflater.needsInput()) {
                        throw new ArchiveException(e.name() + ": deflate data makes no progress");
                    }
                }
            } catch (DataFormatException x) {
                throw new ArchiveException(e.name() + ": corrupt deflate data (" + x.getMessage() + ")");
            }
        }

        private void finish() throws IOException {
            done = true;
            if (inflater != null) {
                long unused = inflater.getRemaining() - (dummyFed ? 1 : 0) + in.remaining() + remainingInput;
                inflater.end();
                if (unused > 0) {
                    throw new ArchiveException(e.name() + ": " + unused + " bytes after the end of its deflate data (hidden content)");
                }
            }
            if (produced != e.size()) {
                throw new ArchiveException(e.name() + ": holds " + produced + " bytes, its headers say " + e.size());
            }
            if (crc.getValue() != e.crc()) {
                throw new ArchiveException(e.name() + ": CRC-32 mismatch (data " + Long.toHexString(crc.getValue())
                        + ", headers " + Long.toHexString(e.crc()) + ")");
            }
            ended();
        }

        @Override
        public void close() {
            if (inflater != null) {
                inflater.end();
            }
            done = true;
        }
    }

    // ---- bytes ----

    private static ByteBuffer read(FileChannel ch, long at, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new ArchiveException("the file ends at " + (at + b.position()) + " where " + len + " bytes at " + at + " were expected (truncated)");
            }
        }
        return b.flip();
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFFFFFFL;
    }

    private static long u64(ByteBuffer b, int at) {
        return b.getLong(at);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }
}
