#!/usr/bin/env bash
# The Windows zip and the macOS tarball: the agent jar, a jlink runtime for that platform, the
# AppCDS class list and the platform's install scripts (agent/dist/windows, agent/dist/macos):
#   bundle.sh windows|macos ARCH JMODS_DIR OUT_DIR [JAVA_HOME]
# JMODS_DIR is the target platform's jmods directory from a JDK 17 of exactly the same build as
# the jlink that runs (JAVA_HOME, default the JDK on PATH), e.g. a Temurin 17 JDK for
# windows-x64 or mac-aarch64 unpacked beside the same Temurin for Linux. Needs the Linux build
# first (packaging/target/classes.lst). See docs/DEPLOY-WINDOWS.md and docs/DEPLOY-MACOS.md.
# Not run by the build: no Windows or macOS JDK is available on the build machine.
set -euo pipefail
os="$1"; arch="$2"; jmods="$3"; out="$(mkdir -p "$4" && cd "$4" && pwd)"
java_home="${5:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/.." && pwd)"
jar="$repo/agent/target/akashi-agent.jar"
list="$here/target/classes.lst"
[ -f "$jar" ] && [ -f "$list" ] || { echo "bundle: build the agent and the Linux packages first (./mvnw -pl probes,agent,packaging package)" >&2; exit 1; }
[ -f "$jmods/java.base.jmod" ] || { echo "bundle: no java.base.jmod in $jmods" >&2; exit 1; }
case "$os" in windows|macos) ;; *) echo "bundle: windows or macos, not $os" >&2; exit 2 ;; esac

deps=$("$java_home/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
extra=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/runtime-modules.txt" | awk '{print $1}' | paste -sd, -)
name="akashi-agent-$os-$arch"
dir="$out/$name"
rm -rf "$dir"
mkdir -p "$dir"
"$java_home/bin/jlink" --module-path "$jmods" --add-modules "$deps,$extra" --strip-debug --no-man-pages \
  --no-header-files --compress=2 --output "$dir/runtime"
cp "$jar" "$list" "$dir/"
cp "$repo/agent/dist/$os/"* "$dir/"
# the AppCDS dump script, the Linux package's own (it finds the runtime beside or above itself)
[ "$os" = macos ] && install -m 755 "$repo/packaging/linux/cds.sh" "$dir/cds.sh"
if [ "$os" = windows ]; then
  # prunsrv.exe (Apache Commons Daemon procrun, amd64) is added by the release manager from
  # https://downloads.apache.org/commons/daemon/binaries/windows/ after checking its signature
  (cd "$out" && rm -f "$name.zip" && python3 -m zipfile -c "$name.zip" "$name")
  echo "bundle: $out/$name.zip (add prunsrv.exe before shipping)"
else
  tar -C "$out" -czf "$out/$name.tar.gz" "$name"
  echo "bundle: $out/$name.tar.gz"
fi
