#!/bin/sh
# Dumps the agent's AppCDS archive (akashi-agent.jsa) beside the jar from the class list the build
# recorded (classes.lst). Run by install-agent.sh, and by a self-update after it replaced the jar: a
# JDK 17 archive is valid only for the jar at the path, size and time stamp it was dumped with. A
# failure only costs start-up time: the JVM then runs without the archive.
base=$(cd "$(dirname "$0")" && pwd)
rm -f "$base/akashi-agent.jsa"
[ -f "$base/classes.lst" ] || exit 0
if "$base/runtime/bin/java" -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile="$base/classes.lst" \
     -XX:SharedArchiveFile="$base/akashi-agent.jsa" -cp "$base/akashi-agent.jar" > "$base/cds.log" 2>&1; then
  rm -f "$base/cds.log"
else
  rm -f "$base/akashi-agent.jsa"
  echo "akashi: no AppCDS archive (see $base/cds.log); the agent runs without it" >&2
fi
exit 0
