package jp.akashi.probes.windows;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Services from the inventory's {@code services} section (Win32_Service), by their short names,
 * which do not change with the display language. State and StartMode are WMI's fixed English
 * words ({@code Running}, {@code Stopped}; {@code Auto}, {@code Manual}, {@code Disabled}).
 */
public final class WindowsServices {

    public record Service(String name, String state, String startMode, long pid) {
        public boolean running() {
            return "Running".equalsIgnoreCase(state);
        }

        public boolean disabled() {
            return "Disabled".equalsIgnoreCase(startMode);
        }
    }

    private final Map<String, Service> byName;

    private WindowsServices(Map<String, Service> byName) {
        this.byName = byName;
    }

    /** Pure: reads the section's {@code items}; rows without a name are skipped. */
    public static WindowsServices parse(JsonNode section) {
        Map<String, Service> m = new LinkedHashMap<>();
        for (JsonNode s : WinValues.items(section, "items")) {
            String name = WinValues.text(s, "name");
            if (name == null) {
                continue;
            }
            Long pid = WinValues.integer(s, "pid");
            m.put(name.toLowerCase(Locale.ROOT), new Service(name, WinValues.text(s, "state"),
                    WinValues.text(s, "start_mode"), pid == null ? 0 : pid));
        }
        return new WindowsServices(m);
    }

    public Optional<Service> get(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public Iterable<Service> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }

    /** Names of the running services hosted by process {@code pid} (svchost groups several). */
    public java.util.List<String> runningIn(long pid) {
        return byName.values().stream().filter(s -> s.pid() == pid && pid > 0 && s.running()).map(Service::name).sorted().toList();
    }
}
