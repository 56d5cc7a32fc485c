#!/bin/sh
# Dumps the agent's AppCDS archive (lib/akashi-agent.jsa) from the class list the build recorded
# (lib/classes.lst). Run by the package's post-install script: a JDK 17 archive is valid only for
# the jar at the path, size and time stamp it was dumped with, so it is made where the jar is
# installed. A failure only costs start-up time: the JVM then runs without the archive.
base=$(dirname "$(dirname "$(readlink -f "$0")")")
rm -f "$base/lib/akashi-agent.jsa"
if "$base/runtime/bin/java" -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile="$base/lib/classes.lst" \
     -XX:SharedArchiveFile="$base/lib/akashi-agent.jsa" -cp "$base/lib/akashi-agent.jar" > "$base/lib/cds.log" 2>&1; then
  rm -f "$base/lib/cds.log"
else
  rm -f "$base/lib/akashi-agent.jsa"
  echo "akashi-agent: no AppCDS archive (see $base/lib/cds.log); the agent runs without it" >&2
fi
exit 0
