package jp.akashi.probes.linux.integrity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure readers of file integrity monitoring tools' configuration. */
public final class FimTools {
    private static final Pattern AIDE_DB = Pattern.compile("(?m)^\\s*database(?:_in)?\\s*=\\s*file:(\\S+)\\s*$");
    private static final Pattern SYSCHECK = Pattern.compile("(?s)<syscheck>(.*?)</syscheck>");
    private static final Pattern DISABLED = Pattern.compile("<disabled>\\s*yes\\s*</disabled>");

    private FimTools() {
    }

    /** The database AIDE compares against, when aide.conf names it without macros; else null. */
    public static String aideDatabase(String conf) {
        Matcher m = AIDE_DB.matcher(conf == null ? "" : conf);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null || last.contains("@@") ? null : last;
    }

    /** Whether ossec.conf (Wazuh/OSSEC) has a syscheck block that is not disabled. */
    public static boolean syscheckOn(String ossecConf) {
        Matcher m = SYSCHECK.matcher(ossecConf == null ? "" : ossecConf);
        while (m.find()) {
            if (!DISABLED.matcher(m.group(1)).find()) {
                return true;
            }
        }
        return false;
    }
}
