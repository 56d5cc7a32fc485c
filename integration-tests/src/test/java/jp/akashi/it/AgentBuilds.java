package jp.akashi.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Other builds of the agent made from the real jar: the same classes under another version (its
 * manifest's Implementation-Version, which the agent reports), optionally with a Main-Class
 * that does not exist (a version that cannot start, so never reports).
 */
final class AgentBuilds {
    private AgentBuilds() {
    }

    static Path withVersion(Path source, Path target, String version, String mainClass, String extraEntry) throws IOException {
        try (JarFile in = new JarFile(source.toFile()); OutputStream os = Files.newOutputStream(target)) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            if (mainClass != null) {
                m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
            }
            try (JarOutputStream out = new JarOutputStream(os, m)) {
                for (JarEntry e : java.util.Collections.list(in.entries())) {
                    if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream is = in.getInputStream(e)) {
                        is.transferTo(out);
                    }
                    out.closeEntry();
                }
                if (extraEntry != null) {
                    out.putNextEntry(new JarEntry(extraEntry));
                    out.write(extraEntry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    static String version(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }
}
