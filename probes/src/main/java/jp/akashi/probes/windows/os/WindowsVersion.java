package jp.akashi.probes.windows.os;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.probes.windows.WinValues;

/**
 * Windows edition, version and build from the registry (CurrentVersion) and Win32_OperatingSystem,
 * as the inventory's {@code os} section carries them. Nothing here reads display text: Caption is
 * kept only for evidence.
 *
 * @param productName     registry ProductName, which says "Windows 10" on Windows 11 too
 * @param editionId       registry EditionID: Professional, Enterprise, EnterpriseS, ServerDatacenter …
 * @param displayVersion  registry DisplayVersion (21H2, 23H2) or, before 20H2, ReleaseId (1909)
 * @param build           CurrentBuild / BuildNumber
 * @param ubr             update build revision (the monthly cumulative update level)
 * @param productType     Win32_OperatingSystem.ProductType: 1 workstation, 2 domain controller, 3 server
 */
public record WindowsVersion(String productName, String editionId, String displayVersion, Long build, Long ubr,
                             Integer productType, String installationType, String version) {

    /** Builds from which a client is Windows 11: the registry still says "Windows 10". */
    public static final long WINDOWS_11_FIRST_BUILD = 22000;

    /** Pure: reads the {@code os} section. */
    public static WindowsVersion from(JsonNode os) {
        Long build = WinValues.integer(os, "current_build");
        if (build == null) {
            build = WinValues.integer(os, "build_number");
        }
        String display = WinValues.text(os, "display_version");
        if (display == null) {
            display = WinValues.text(os, "release_id");
        }
        Long pt = WinValues.integer(os, "product_type");
        return new WindowsVersion(WinValues.text(os, "product_name"), WinValues.text(os, "edition_id"), display,
                build, WinValues.integer(os, "ubr"), pt == null ? null : pt.intValue(),
                WinValues.text(os, "installation_type"), WinValues.text(os, "version"));
    }

    public boolean isClient() {
        return productType != null && productType == 1;
    }

    public boolean isServer() {
        return productType != null && (productType == 2 || productType == 3);
    }

    /** workstation, domain_controller, server; {@code null} when unknown. */
    public String productTypeName() {
        if (productType == null) {
            return null;
        }
        return switch (productType) {
            case 1 -> "workstation";
            case 2 -> "domain_controller";
            case 3 -> "server";
            default -> null;
        };
    }

    /**
     * The release an end-of-life table is keyed on: {@code Windows 11}, {@code Windows 10},
     * {@code Windows Server 2022} …, decided by product type and build number; {@code null} when
     * the build is unknown or unlike any release.
     */
    public String release() {
        if (build == null || productType == null) {
            return null;
        }
        if (isClient()) {
            if (build >= WINDOWS_11_FIRST_BUILD) {
                return "Windows 11";
            }
            if (build >= 10240) {
                return "Windows 10";
            }
            if (build == 9600) {
                return "Windows 8.1";
            }
            if (build == 7600 || build == 7601) {
                return "Windows 7";
            }
            return null;
        }
        if (isServer()) {
            if (build == 26100) {
                return "Windows Server 2025";
            }
            if (build == 20348) {
                return "Windows Server 2022";
            }
            if (build == 17763) {
                return "Windows Server 2019";
            }
            if (build == 14393) {
                return "Windows Server 2016";
            }
            if (build == 9600) {
                return "Windows Server 2012 R2";
            }
            if (build == 9200) {
                return "Windows Server 2012";
            }
            // Semi-Annual / Annual Channel servers (1809 … 23H2) are named by their version.
            return displayVersion == null ? null : "Windows Server " + displayVersion;
        }
        return null;
    }

    /** Product name with the Windows 11 correction: "Windows 10 Pro" on build ≥ 22000 is "Windows 11 Pro". */
    public String name() {
        if (productName == null) {
            return null;
        }
        if (isClient() && build != null && build >= WINDOWS_11_FIRST_BUILD && productName.contains("Windows 10")) {
            return productName.replace("Windows 10", "Windows 11");
        }
        return productName;
    }
}
