package jp.akashi.probes.linux.disk;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.util.Json;

/**
 * Pure reading of {@code lsblk -J -p -o NAME,TYPE,FSTYPE,MOUNTPOINT}: the chain of block devices from
 * a disk down to the one holding the root file system (disk → part → crypt → lvm …).
 */
public final class LsblkTree {
    private LsblkTree() {
    }

    /** One device on the chain. */
    public record Device(String name, String type, String fstype) {
    }

    /**
     * The devices from the top-level disk to the one mounted at {@code /} (or named {@code rootDevice},
     * as /proc/mounts gives it); empty when neither appears.
     *
     * @throws IOException when the text is not lsblk's JSON
     */
    public static List<Device> pathToRoot(String json, String rootDevice) throws IOException {
        JsonNode root = Json.mapper().readTree(json);
        JsonNode devices = root == null ? null : root.get("blockdevices");
        if (devices == null || !devices.isArray()) {
            throw new IOException("no blockdevices array");
        }
        List<Device> path = new ArrayList<>();
        for (JsonNode d : devices) {
            if (find(d, rootDevice, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean find(JsonNode node, String rootDevice, List<Device> path) {
        path.add(new Device(text(node, "name"), text(node, "type"), text(node, "fstype")));
        String mount = text(node, "mountpoint");
        if ("/".equals(mount) || (rootDevice != null && rootDevice.equals(text(node, "name")))) {
            return true;
        }
        JsonNode children = node.get("children");
        if (children != null && children.isArray()) {
            for (JsonNode c : children) {
                if (find(c, rootDevice, path)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
