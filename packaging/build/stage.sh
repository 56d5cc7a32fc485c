#!/usr/bin/env bash
# Stages the Linux package payload (everything under /opt/akashi-agent, the systemd units, the
# logrotate file) for jdeb and rpmbuild:
#   stage.sh AGENT_JAR OUT_DIR VERSION [ARCH JMODS_DIR]
# 1. the modules the agent needs: `jdeps --print-module-deps` on the agent jar plus the
#    run-time-only modules listed in packaging/runtime-modules.txt;
# 2. a trimmed runtime with the JDK's own jlink (cached while the JDK and the module list are
#    unchanged); for another architecture pass that platform's jmods directory of the same JDK
#    build as JAVA_HOME's jlink (see docs/DEPLOY-LINUX.md, "aarch64");
# 3. the class list for the AppCDS archive, from a training run of `collect` on that runtime
#    (the archive itself is dumped at install time, see packaging/linux/cds.sh);
# 4. OUT_DIR/stage-ARCH/ (the file tree), OUT_DIR/stage-ARCH.tar (owner root, modes kept) and
#    OUT_DIR/deb-control-ARCH/ (packaging/deb/control with the Debian version and architecture).
set -euo pipefail
jar="$1"; out="$2"; version="$3"; arch="${4:-$(uname -m)}"; jmods="${5:-}"
here="$(cd "$(dirname "$0")/.." && pwd)"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -f "$jar" ] || { echo "stage: $jar is missing (build the agent first)" >&2; exit 1; }
[ -x "$java_home/bin/jlink" ] || { echo "stage: no jlink in $java_home (a full JDK 17 is needed)" >&2; exit 1; }
mkdir -p "$out"

# the agent jar is a shaded multi-release jar: analyse the Java 17 view of it
deps=$("$java_home/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
extra=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/runtime-modules.txt" | awk '{print $1}' | paste -sd, -)
modules="$deps,$extra"
echo "stage: runtime modules $modules"

# jlink is the slow step (30-80 s on a busy machine): its image is kept per JDK build, module list
# and architecture in ~/.cache/akashi/jlink (AKASHI_RUNTIME_CACHE), so `clean` does not redo it
key="$("$java_home/bin/java" -version 2>&1 | tr '\n' ' ')|$modules|$arch|$jmods"
cache="${AKASHI_RUNTIME_CACHE:-$HOME/.cache/akashi/jlink}/$arch-$(printf '%s' "$key" | sha256sum | cut -c1-16)"
if [ ! -x "$cache/bin/java" ]; then
  mkdir -p "$(dirname "$cache")"
  tmp="$cache.tmp.$$"
  rm -rf "$tmp"
  modpath=()
  [ -n "$jmods" ] && modpath=(--module-path "$jmods")
  "$java_home/bin/jlink" "${modpath[@]}" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$tmp"
  printf '%s\n' "$key" > "$tmp/.akashi-key"
  mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"   # another build made it first
fi
runtime="$out/runtime-$arch"
rm -rf "$runtime"
cp -a "$cache" "$runtime"

stage="$out/stage-$arch"
rm -rf "$stage" "$stage.tar"
opt="$stage/opt/akashi-agent"
mkdir -p "$opt/bin" "$opt/lib" "$stage/usr/bin" "$stage/usr/lib/systemd/system" "$stage/etc/logrotate.d"
cp -a "$runtime" "$opt/runtime"
rm -f "$opt/runtime/.akashi-key"
cp "$jar" "$opt/lib/akashi-agent.jar"
echo "$version" > "$opt/VERSION"
install -m 755 "$here/linux/akashi-agent" "$opt/bin/akashi-agent"
install -m 755 "$here/linux/cds.sh" "$opt/lib/cds.sh"
ln -s ../../opt/akashi-agent/bin/akashi-agent "$stage/usr/bin/akashi-agent"
install -m 644 "$here/linux/akashi-agent.service" "$here/linux/akashi-agent.path" "$stage/usr/lib/systemd/system/"
install -m 644 "$here/linux/logrotate" "$stage/etc/logrotate.d/akashi-agent"

# the class list comes from a run of the runtime built for this machine (a foreign one cannot run here)
native="$out/runtime-$(uname -m)"
if [ -x "$native/bin/java" ]; then
  "$native/bin/java" -Xshare:off -XX:DumpLoadedClassList="$out/classes.lst" -jar "$jar" collect > /dev/null 2> "$out/training.log" \
    || { echo "stage: the training run of collect failed on the trimmed runtime:" >&2; cat "$out/training.log" >&2; exit 1; }
fi
[ -f "$out/classes.lst" ] || { echo "stage: no class list (build for $(uname -m) first)" >&2; exit 1; }
install -m 644 "$out/classes.lst" "$opt/lib/classes.lst"

chmod -R u+rwX,go+rX,go-w "$stage"
tar --owner=0 --group=0 --numeric-owner --sort=name -C "$stage" -cf "$stage.tar" .
echo "stage: $stage.tar ($(du -sh "$stage" | cut -f1) unpacked)"

case "$arch" in
  x86_64) deb_arch=amd64 ;;
  aarch64) deb_arch=arm64 ;;
  *) echo "stage: unknown architecture $arch" >&2; exit 1 ;;
esac
control="$out/deb-control-$arch"
rm -rf "$control"
cp -a "$here/deb/control" "$control"
# 0.1.0-SNAPSHOT sorts before 0.1.0 as 0.1.0~SNAPSHOT
sed -i -e "s/@VERSION@/${version/-SNAPSHOT/~SNAPSHOT}/" -e "s/@ARCH@/$deb_arch/" "$control/control"
