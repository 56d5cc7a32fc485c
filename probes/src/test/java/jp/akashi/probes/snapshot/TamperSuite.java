package jp.akashi.probes.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Makes forged and malformed archives from one genuine snapshot, the way an attacker holding the
 * ZIP (but not the collector's key) would: archives that read one way through local headers and
 * another through the central directory, every field on which the two can disagree, bytes outside
 * the entries, ZIP64 and end-record confusion, unsafe and duplicate names, encryption and other
 * methods, size bombs, truncation, a changed byte in every member, files removed or added, and a
 * manifest re-signed with another key. The parsing and writing here are independent of
 * {@link SnapshotArchive} on purpose: a forger does not use the verifier's code.
 */
public final class TamperSuite {
    /** One forged archive; {@code previous}, when set, is the snapshot to pass as the previous one (chain substitution). */
    public record Forgery(String name, byte[] archive, byte[] previous) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TamperSuite() {
    }

    /**
     * @param genuine      a genuine snapshot (made by the real writer)
     * @param otherKey     a key that is not the collector's (for the re-signed manifest)
     * @param older        a genuine snapshot older than the one {@code genuine} records as previous (or null)
     */
    public static List<Forgery> forge(byte[] genuine, KeyPair otherKey, byte[] older) {
        Raw g = Raw.parse(genuine);
        List<Forgery> out = new ArrayList<>();
        String report = g.has("report.html") ? "report.html" : g.firstDeflated();
        String results = g.has("data/check-results.jsonl") ? "data/check-results.jsonl" : g.firstDeflated();
        String stored = g.firstStored();

        // the attack of issue 13: genuine entries left for local-header readers, forged ones for central-directory readers
        out.add(f("hidden second local " + report + " the central directory points to", ambiguity(genuine, g, Map.of(report, forgedContent(g, report)))));
        out.add(f("hidden second local " + results + " the central directory points to", ambiguity(genuine, g, Map.of(results, forgedContent(g, results)))));
        Map<String, byte[]> both = new LinkedHashMap<>();
        both.put(report, forgedContent(g, report));
        both.put(results, forgedContent(g, results));
        out.add(f("hidden second locals for " + report + " and " + results, ambiguity(genuine, g, both)));
        out.add(f("forged local entry inserted before the central directory", g.copy(r -> {
            Raw.E forged = r.deflatedEntry(report, forgedContent(g, report));
            r.entries.add(forged);
            r.cdOrder.set(r.cdOrder.indexOf(r.index(report)), r.entries.size() - 1);
        }).write()));

        // local header and central directory disagree, one field at a time
        out.add(f("local version needed differs", g.copy(r -> r.e(report).local(4, 2, 10)).write()));
        out.add(f("local flags differ (UTF-8 flag cleared)", g.copy(r -> r.e(report).local(6, 2, r.e(report).lu16(6) & ~0x800)).write()));
        out.add(f("local method differs", g.copy(r -> r.e(report).local(8, 2, 0)).write()));
        out.add(f("local time differs", g.copy(r -> r.e(report).local(10, 2, r.e(report).lu16(10) ^ 1)).write()));
        out.add(f("local date differs", g.copy(r -> r.e(report).local(12, 2, r.e(report).lu16(12) ^ 1)).write()));
        out.add(f("local CRC-32 differs", g.copy(r -> r.e(report).local(14, 4, 0x12345678)).write()));
        out.add(f("local compressed size differs", g.copy(r -> r.e(report).local(18, 4, 7)).write()));
        out.add(f("local size differs", g.copy(r -> r.e(report).local(22, 4, 9)).write()));
        out.add(f("local name differs in case", g.copy(r -> r.e(report).renameLocal(upperFirst(report))).write()));
        out.add(f("local header has a Unicode-path extra field naming another file", g.copy(r -> r.e(report).localExtra(unicodePathExtra("data/other.json"))).write()));
        out.add(f("central CRC-32 differs", g.copy(r -> r.e(report).central(16, 4, r.e(report).cu32(16) ^ 1)).write()));
        out.add(f("central compressed size differs", g.copy(r -> r.e(report).central(20, 4, r.e(report).cu32(20) - 1)).write()));
        out.add(f("central size differs", g.copy(r -> r.e(report).central(24, 4, r.e(report).cu32(24) + 1)).write()));
        out.add(f("central method differs", g.copy(r -> r.e(report).central(10, 2, 0)).write()));
        out.add(f("stored member: local size differs", g.copy(r -> r.e(stored).local(22, 4, r.e(stored).lu32(22) + 1)).write()));
        out.add(f("data descriptor CRC-32 differs", g.copy(r -> r.e(report).descriptor(4, r.e(report).du32(4) ^ 1)).write()));
        out.add(f("data descriptor size differs", g.copy(r -> r.e(report).descriptor(12, r.e(report).du32(12) + 1)).write()));
        out.add(f("data descriptor without its signature", g.copy(r -> r.e(report).desc = Arrays.copyOfRange(r.e(report).desc, 4, 16)).write()));
        out.add(f("central directory lists entries in another order", g.copy(r -> {
            int a = r.cdOrder.get(0);
            r.cdOrder.set(0, r.cdOrder.get(1));
            r.cdOrder.set(1, a);
        }).write()));
        out.add(f("two central entries point at overlapping data", g.copy(r -> r.overlap = r.index(report)).write()));
        out.add(f("central entry counts differ from the end record", g.copy(r -> r.countDelta = 1).write()));

        // bytes outside the listed entries
        out.add(f("prepended data (offsets adjusted)", g.copy(r -> r.prefix = "#!/bin/sh\nexec forged\n".getBytes(StandardCharsets.US_ASCII)).write()));
        out.add(f("prepended data (offsets not adjusted)", concat("MZ-stub".getBytes(StandardCharsets.US_ASCII), genuine)));
        out.add(f("appended data", concat(genuine, "trailing bytes".getBytes(StandardCharsets.US_ASCII))));
        out.add(f("archive comment", g.copy(r -> r.comment = "forged comment".getBytes(StandardCharsets.US_ASCII)).write()));
        out.add(f("a second end record appended", concat(genuine, Arrays.copyOfRange(genuine, genuine.length - 22, genuine.length))));
        out.add(f("a second end record before the real one", g.copy(r -> r.beforeEnd = r.endRecord()).write()));
        out.add(f("junk between two entries", g.copy(r -> r.e(report).gapAfter = new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0}).write()));
        out.add(f("junk between the last entry and the central directory", g.copy(r -> r.entries.get(r.entries.size() - 1).gapAfter = new byte[64]).write()));

        // ZIP64 confusion
        out.add(f("needless ZIP64 end record", g.copy(r -> r.zip64 = new long[]{0, 0, 0}).write()));
        out.add(f("ZIP64 end record with another entry count", g.copy(r -> {
            r.zip64 = new long[]{1, 0, 0};
            r.endCount16 = 0xFFFF;
        }).write()));
        out.add(f("ZIP64 end record pointing the central directory elsewhere", g.copy(r -> {
            r.zip64 = new long[]{0, 0, -30};
            r.endOffset32 = 0xFFFFFFFFL;
        }).write()));
        out.add(f("ZIP64 extra field with the real sizes of an entry", g.copy(r -> r.e(report).zip64Sizes()).write()));

        // names
        out.add(f("duplicate name", g.copy(r -> r.entries.add(r.deflatedEntry(report, forgedContent(g, report)))).write()));
        out.add(f("name differing only by case", g.copy(r -> r.entries.add(r.deflatedEntry(upperFirst(report), forgedContent(g, report)))).write()));
        out.add(f("names differing only by Unicode normalisation", g.copy(r -> {
            r.entries.add(r.deflatedEntry("data/caf\u00e9.json", "{}".getBytes(StandardCharsets.UTF_8)));
            r.entries.add(r.deflatedEntry("data/cafe\u0301.json", "{}".getBytes(StandardCharsets.UTF_8)));
        }).write()));
        for (String bad : List.of("/etc/cron.d/forged", "../report.html", "data\\forged.json", "data/nul\u0000.json", "data/bell\u0007.json",
                "data/", "./report.html")) {
            out.add(f("unsafe name " + printable(bad), g.copy(r -> r.entries.add(r.deflatedEntry(bad, "x".getBytes(StandardCharsets.UTF_8)))).write()));
        }
        out.add(f("non-ASCII name without the UTF-8 flag", g.copy(r -> {
            Raw.E e = r.entries.stream().filter(x -> !isAscii(x.name)).findFirst().orElse(r.e(report));
            if (isAscii(e.name)) {
                e = r.deflatedEntry("data/日本語.json", "{}".getBytes(StandardCharsets.UTF_8));
                r.entries.add(e);
            }
            e.local(6, 2, e.lu16(6) & ~0x800);
            e.central(8, 2, e.cu16(8) & ~0x800);
        }).write()));
        out.add(f("entry marked as a unix symbolic link", g.copy(r -> {
            r.e(report).central(4, 2, 0x0314);
            r.e(report).central(38, 4, 0120777L << 16);
        }).write()));
        out.add(f("entry with a file comment", g.copy(r -> r.e(report).comment = "see forged".getBytes(StandardCharsets.US_ASCII)).write()));

        // encryption, methods, sizes
        out.add(f("encrypted entry", g.copy(r -> {
            r.e(report).local(6, 2, r.e(report).lu16(6) | 1);
            r.e(report).central(8, 2, r.e(report).cu16(8) | 1);
        }).write()));
        out.add(f("compression method bzip2", g.copy(r -> {
            r.e(report).local(8, 2, 12);
            r.e(report).central(10, 2, 12);
        }).write()));
        out.add(f("AES-encrypted method 99", g.copy(r -> {
            r.e(report).local(8, 2, 99);
            r.e(report).central(10, 2, 99);
        }).write()));
        out.add(f("inflates past its declared size", g.copy(r -> {
            long size = r.e(report).cu32(24);
            r.e(report).central(24, 4, size - 1);
            r.e(report).descriptor(12, size - 1);
        }).write()));
        out.add(f("declares a size no deflate data can hold (bomb)", g.copy(r -> {
            r.e(report).central(24, 4, 0xFFFFFFF0L);
            r.e(report).descriptor(12, 0xFFFFFFF0L);
        }).write()));
        out.add(f("deflate data with hidden bytes after its end", g.copy(r -> {
            Raw.E e = r.e(report);
            e.data = concat(e.data, "hidden".getBytes(StandardCharsets.US_ASCII));
            e.central(20, 4, e.data.length);
            e.descriptor(8, e.data.length);
        }).write()));

        // truncation
        for (int cut : new int[]{genuine.length - 1, genuine.length - 22, genuine.length / 2, Math.min(1000, genuine.length / 3), 30}) {
            out.add(f("truncated to " + cut + " bytes", Arrays.copyOf(genuine, cut)));
        }

        // a changed bit in every member: raw (the archive's CRC catches it) and re-zipped consistently (only the manifest can)
        for (Raw.E e : g.entries) {
            if (e.data.length == 0 || g.content(e.name).length == 0) {
                continue;
            }
            out.add(f("bit flipped in the stored bytes of " + e.name, g.copy(r -> {
                Raw.E x = r.e(e.name);
                x.data = x.data.clone();
                x.data[x.data.length / 2] ^= 0x10;
            }).write()));
            out.add(f("bit flipped in the content of " + e.name + ", re-zipped", g.copy(r -> {
                Raw.E x = r.e(e.name);
                byte[] content = g.content(e.name);
                content[content.length / 2] ^= 0x01;
                r.entries.set(r.entries.indexOf(x), r.deflatedEntry(e.name, content));
            }).write()));
        }
        String listed = g.entries.stream().map(e -> e.name).filter(n -> !SnapshotManifest.UNLISTED.contains(n)).findFirst().orElseThrow();
        out.add(f("a listed file removed", g.copy(r -> r.entries.remove(r.e(listed))).write()));
        out.add(f("a file added", g.copy(r -> r.entries.add(r.deflatedEntry("data/forged.json", "{\"all\":\"met\"}".getBytes(StandardCharsets.UTF_8)))).write()));
        out.add(f("manifest.sig removed", g.copy(r -> r.entries.remove(r.e(SnapshotManifest.SIGNATURE_NAME))).write()));
        out.add(f("forged report.html with a manifest re-signed by another key", resigned(g, report, otherKey)));
        if (older != null) {
            out.add(new Forgery("an older genuine snapshot passed as the previous one", genuine, older));
        }
        return out;
    }

    /** What a forger puts in place of a member: a plausible replacement of another length. */
    static byte[] forgedContent(Raw g, String name) {
        String s = new String(g.content(name), StandardCharsets.UTF_8).replace("FAIL", "PASS").replace("未達", "達成");
        // data files stay well-formed (an export renders them); the report gains a line
        return (name.endsWith(".json") || name.endsWith(".jsonl") ? s : s + "\n<!-- all criteria met -->\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The genuine archive minus its end record, then forged local entries, then a central directory pointing at them. */
    static byte[] ambiguity(byte[] genuine, Raw g, Map<String, byte[]> forged) {
        Raw r = g.copy(x -> {
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(genuine, 0, genuine.length - 22);
        Map<String, Long> at = new LinkedHashMap<>();
        Map<String, Raw.E> entries = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : forged.entrySet()) {
            Raw.E e = r.deflatedEntry(f.getKey(), f.getValue());
            at.put(f.getKey(), (long) out.size());
            entries.put(f.getKey(), e);
            out.writeBytes(e.local);
            out.writeBytes(e.data);
            out.writeBytes(e.desc);
        }
        long cd = out.size();
        for (int i : r.cdOrder) {
            Raw.E e = r.entries.get(i);
            Raw.E f = entries.get(e.name);
            byte[] c = (f == null ? e : f).centralBytes();
            le(c, 42, 4, f == null ? e.offset : at.get(e.name));
            out.writeBytes(c);
        }
        long cdSize = out.size() - cd;
        out.writeBytes(r.endRecord(r.entries.size(), cdSize, cd));
        return out.toByteArray();
    }

    static byte[] resigned(Raw g, String member, KeyPair key) {
        byte[] forged = forgedContent(g, member);
        try {
            SnapshotManifest m = SnapshotManifest.parse(g.content(SnapshotManifest.FILE_NAME));
            List<SnapshotManifest.Entry> files = new ArrayList<>();
            for (SnapshotManifest.Entry e : m.files()) {
                files.add(e.path().equals(member) ? new SnapshotManifest.Entry(member, forged.length, HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(forged))) : e);
            }
            SnapshotManifest n = SnapshotManifest.of(m.snapshotId(), m.createdAt(), SnapshotKeys.fingerprint(key.getPublic()), m.previousSha256(), files);
            byte[] bytes = n.render();
            byte[] sig = SnapshotKeys.sign(key.getPrivate(), bytes);
            return g.copy(r -> {
                r.replace(member, forged);
                r.replace(SnapshotManifest.FILE_NAME, bytes);
                r.replace(SnapshotManifest.SIGNATURE_NAME, sig);
                r.replace(SnapshotManifest.PUBLIC_KEY_NAME, SnapshotKeys.publicKeyPem(key.getPublic()).getBytes(StandardCharsets.US_ASCII));
            }).write();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Forgery f(String name, byte[] archive) {
        return new Forgery(name, archive, null);
    }

    static String upperFirst(String path) {
        int slash = path.lastIndexOf('/') + 1;
        return path.substring(0, slash) + Character.toUpperCase(path.charAt(slash)) + path.substring(slash + 1);
    }

    static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }

    static byte[] unicodePathExtra(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] x = new byte[4 + 5 + n.length];
        le(x, 0, 2, 0x7075);
        le(x, 2, 2, 5 + n.length);
        x[4] = 1;
        System.arraycopy(n, 0, x, 9, n.length);
        return x;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static void le(byte[] b, int at, int len, long v) {
        for (int i = 0; i < len; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static long rd(byte[] b, int at, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = v << 8 | b[at + i] & 0xFF;
        }
        return v;
    }

    /** A ZIP as parts a forger can move: each entry's local header, data, descriptor and central record. */
    static final class Raw {
        final List<E> entries = new ArrayList<>();
        List<Integer> cdOrder = new ArrayList<>();
        byte[] prefix = new byte[0];
        byte[] comment = new byte[0];
        byte[] beforeEnd = new byte[0];
        long[] zip64;
        int countDelta;
        int overlap = -1;
        long endCount16 = -1;
        long endOffset32 = -1;
        private final Map<String, byte[]> contents = new LinkedHashMap<>();

        static final class E {
            String name;
            byte[] local;
            byte[] data;
            byte[] desc;
            byte[] central;
            byte[] comment = new byte[0];
            byte[] gapAfter = new byte[0];
            long offset;

            E copy() {
                E e = new E();
                e.name = name;
                e.local = local.clone();
                e.data = data;
                e.desc = desc.clone();
                e.central = central.clone();
                e.comment = comment;
                e.gapAfter = gapAfter;
                return e;
            }

            void local(int at, int len, long v) {
                le(local, at, len, v);
            }

            void central(int at, int len, long v) {
                le(central, at, len, v);
            }

            void descriptor(int at, long v) {
                if (desc.length == 16) {
                    le(desc, at, 4, v);
                }
            }

            int lu16(int at) {
                return (int) rd(local, at, 2);
            }

            long lu32(int at) {
                return rd(local, at, 4);
            }

            int cu16(int at) {
                return (int) rd(central, at, 2);
            }

            long cu32(int at) {
                return rd(central, at, 4);
            }

            long du32(int at) {
                return rd(desc, at, 4);
            }

            void renameLocal(String n) {
                byte[] nb = n.getBytes(StandardCharsets.UTF_8);
                int nl = (int) rd(local, 26, 2);
                int el = (int) rd(local, 28, 2);
                byte[] l = new byte[30 + nb.length + el];
                System.arraycopy(local, 0, l, 0, 30);
                System.arraycopy(nb, 0, l, 30, nb.length);
                System.arraycopy(local, 30 + nl, l, 30 + nb.length, el);
                le(l, 26, 2, nb.length);
                local = l;
            }

            void localExtra(byte[] extra) {
                int el = (int) rd(local, 28, 2);
                local = concat(local, extra);
                le(local, 28, 2, el + extra.length);
            }

            /** Sizes moved into a ZIP64 extra field of the central record (the header saying 0xFFFFFFFF). */
            void zip64Sizes() {
                long size = cu32(24);
                long csize = cu32(20);
                byte[] x = new byte[20];
                le(x, 0, 2, 1);
                le(x, 2, 2, 16);
                le(x, 4, 8, size);
                le(x, 12, 8, csize);
                int nl = cu16(28);
                int el = cu16(30);
                byte[] c = new byte[46 + nl + el + x.length];
                System.arraycopy(central, 0, c, 0, 46 + nl + el);
                System.arraycopy(x, 0, c, 46 + nl + el, x.length);
                le(c, 30, 2, el + x.length);
                le(c, 20, 4, 0xFFFFFFFFL);
                le(c, 24, 4, 0xFFFFFFFFL);
                central = c;
            }

            byte[] centralBytes() {
                byte[] c = concat(central, comment);
                le(c, 32, 2, comment.length);
                return c;
            }
        }

        static Raw parse(byte[] zip) {
            ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
            int end = zip.length - 22;
            if (b.getInt(end) != 0x06054b50) {
                throw new IllegalArgumentException("not a plain ZIP");
            }
            int count = b.getShort(end + 10) & 0xFFFF;
            int cd = b.getInt(end + 16);
            Raw r = new Raw();
            int p = cd;
            for (int i = 0; i < count; i++) {
                int nl = b.getShort(p + 28) & 0xFFFF;
                int el = b.getShort(p + 30) & 0xFFFF;
                int cl = b.getShort(p + 32) & 0xFFFF;
                E e = new E();
                e.central = Arrays.copyOfRange(zip, p, p + 46 + nl + el);
                e.name = new String(zip, p + 46, nl, StandardCharsets.UTF_8);
                int off = b.getInt(p + 42);
                int lnl = b.getShort(off + 26) & 0xFFFF;
                int lel = b.getShort(off + 28) & 0xFFFF;
                int csize = b.getInt(p + 20);
                e.local = Arrays.copyOfRange(zip, off, off + 30 + lnl + lel);
                int data = off + 30 + lnl + lel;
                e.data = Arrays.copyOfRange(zip, data, data + csize);
                boolean descriptor = (b.getShort(p + 8) & 8) != 0;
                e.desc = descriptor ? Arrays.copyOfRange(zip, data + csize, data + csize + 16) : new byte[0];
                r.entries.add(e);
                r.cdOrder.add(i);
                r.contents.put(e.name, inflate(e, b.getShort(p + 10), b.getInt(p + 24)));
                p += 46 + nl + el + cl;
            }
            return r;
        }

        private static byte[] inflate(E e, int method, int size) {
            if (method == 0) {
                return e.data.clone();
            }
            java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
            inf.setInput(concat(e.data, new byte[1]));
            byte[] out = new byte[size];
            try {
                int n = 0;
                while (n < size && !inf.finished()) {
                    n += inf.inflate(out, n, size - n);
                }
            } catch (java.util.zip.DataFormatException x) {
                throw new IllegalArgumentException(x);
            } finally {
                inf.end();
            }
            return out;
        }

        boolean has(String name) {
            return contents.containsKey(name);
        }

        byte[] content(String name) {
            return contents.get(name).clone();
        }

        String firstDeflated() {
            return entries.stream().filter(e -> rd(e.central, 10, 2) == 8).findFirst().orElseThrow().name;
        }

        String firstStored() {
            return entries.stream().filter(e -> rd(e.central, 10, 2) == 0).map(e -> e.name).findFirst().orElse(firstDeflated());
        }

        int index(String name) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).name.equals(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(name);
        }

        E e(String name) {
            return entries.get(index(name));
        }

        Raw copy(Consumer<Raw> change) {
            Raw r = new Raw();
            entries.forEach(e -> r.entries.add(e.copy()));
            r.cdOrder = new ArrayList<>(cdOrder);
            r.contents.putAll(contents);
            int before = r.entries.size();
            change.accept(r);
            // entries added by the change are listed at the end of the central directory
            for (int i = before; i < r.entries.size(); i++) {
                if (!r.cdOrder.contains(i)) {
                    r.cdOrder.add(i);
                }
            }
            r.cdOrder.removeIf(i -> i >= r.entries.size());
            return r;
        }

        /** A well-formed deflated entry as the JDK writes it (data descriptor, UTF-8 flag, no extra fields). */
        E deflatedEntry(String name, byte[] content) {
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            d.setInput(content);
            d.finish();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                data.write(buf, 0, d.deflate(buf));
            }
            d.end();
            CRC32 crc = new CRC32();
            crc.update(content);
            E e = new E();
            e.name = name;
            e.data = data.toByteArray();
            e.local = new byte[30 + nb.length];
            le(e.local, 0, 4, 0x04034b50);
            le(e.local, 4, 2, 20);
            le(e.local, 6, 2, 0x808);
            le(e.local, 8, 2, 8);
            le(e.local, 10, 4, rd(entries.get(0).local, 10, 4));
            le(e.local, 26, 2, nb.length);
            System.arraycopy(nb, 0, e.local, 30, nb.length);
            e.desc = new byte[16];
            le(e.desc, 0, 4, 0x08074b50);
            le(e.desc, 4, 4, crc.getValue());
            le(e.desc, 8, 4, e.data.length);
            le(e.desc, 12, 4, content.length);
            e.central = new byte[46 + nb.length];
            le(e.central, 0, 4, 0x02014b50);
            le(e.central, 4, 2, 20);
            le(e.central, 6, 2, 20);
            le(e.central, 8, 2, 0x808);
            le(e.central, 10, 2, 8);
            le(e.central, 12, 4, rd(e.local, 10, 4));
            le(e.central, 16, 4, crc.getValue());
            le(e.central, 20, 4, e.data.length);
            le(e.central, 24, 4, content.length);
            le(e.central, 28, 2, nb.length);
            System.arraycopy(nb, 0, e.central, 46, nb.length);
            return e;
        }

        void replace(String name, byte[] content) {
            int i = index(name);
            entries.set(i, deflatedEntry(name, content));
        }

        byte[] endRecord() {
            return endRecord(entries.size(), 0, 0);
        }

        byte[] endRecord(long count, long cdSize, long cdOffset) {
            byte[] e = new byte[22];
            le(e, 0, 4, 0x06054b50);
            le(e, 8, 2, count);
            le(e, 10, 2, count);
            le(e, 12, 4, cdSize);
            le(e, 16, 4, cdOffset);
            return e;
        }

        /** Lays the parts out in order, with every offset and count made consistent unless the forgery says otherwise. */
        byte[] write() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(prefix);
            for (E e : entries) {
                e.offset = out.size();
                out.writeBytes(e.local);
                out.writeBytes(e.data);
                out.writeBytes(e.desc);
                out.writeBytes(e.gapAfter);
            }
            long cd = out.size();
            int n = 0;
            for (int i : cdOrder) {
                E e = entries.get(i);
                byte[] c = e.centralBytes();
                le(c, 42, 4, e.offset);
                out.writeBytes(c);
                n++;
                if (i == overlap) {
                    // a second central record for a made-up name whose data starts inside this entry's data
                    E o = deflatedEntry("data/overlap.json", Arrays.copyOfRange(content(e.name), 0, Math.min(16, content(e.name).length)));
                    byte[] oc = o.centralBytes();
                    le(oc, 42, 4, e.offset + 10);
                    out.writeBytes(oc);
                    n++;
                }
            }
            long cdSize = out.size() - cd;
            out.writeBytes(beforeEnd.length == 0 ? new byte[0] : endRecord(n, cdSize, cd));
            if (zip64 != null) {
                long z = out.size();
                byte[] rec = new byte[56];
                le(rec, 0, 4, 0x06064b50);
                le(rec, 4, 8, 44);
                le(rec, 12, 2, 45);
                le(rec, 14, 2, 45);
                le(rec, 24, 8, n + zip64[0]);
                le(rec, 32, 8, n + zip64[0]);
                le(rec, 40, 8, cdSize + zip64[1]);
                le(rec, 48, 8, cd + zip64[2]);
                out.writeBytes(rec);
                byte[] loc = new byte[20];
                le(loc, 0, 4, 0x07064b50);
                le(loc, 8, 8, z);
                le(loc, 16, 4, 1);
                out.writeBytes(loc);
            }
            byte[] end = endRecord(n + countDelta, cdSize, cd);
            if (endCount16 >= 0) {
                le(end, 8, 2, endCount16);
                le(end, 10, 2, endCount16);
            }
            if (endOffset32 >= 0) {
                le(end, 16, 4, endOffset32);
            }
            le(end, 20, 2, comment.length);
            out.writeBytes(end);
            out.writeBytes(comment);
            return out.toByteArray();
        }
    }
}
