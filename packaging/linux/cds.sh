#!/bin/sh
# Dumps the agent's AppCDS archive (akashi-agent.jsa, beside this script and the jar) from the class
# list the build recorded (classes.lst, beside them too). The runtime is runtime/ next to this
# script's directory (Linux package: /opt/akashi-agent/lib/cds.sh, …/runtime) or in it (macOS
# tarball: /Library/Akashi/cds.sh, …/runtime). Run by the package's post-install script, macOS's
# install-agent.sh, and a self-update after it replaced the jar: a JDK 17 archive is valid only for
# the jar at the path, size and time stamp it was dumped with. A failure only costs start-up time:
# the JVM then runs without the archive.
lib=$(cd "$(dirname "$0")" && pwd)
java="$lib/runtime/bin/java"
[ -x "$java" ] || java="$(dirname "$lib")/runtime/bin/java"
rm -f "$lib/akashi-agent.jsa"
[ -f "$lib/classes.lst" ] || exit 0
if "$java" -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile="$lib/classes.lst" \
     -XX:SharedArchiveFile="$lib/akashi-agent.jsa" -cp "$lib/akashi-agent.jar" > "$lib/cds.log" 2>&1; then
  rm -f "$lib/cds.log"
else
  rm -f "$lib/akashi-agent.jsa"
  echo "akashi-agent: no AppCDS archive (see $lib/cds.log); the agent runs without it" >&2
fi
exit 0
