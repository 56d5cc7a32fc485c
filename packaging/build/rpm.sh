#!/usr/bin/env bash
# Builds the .rpm from the staged tree (packaging/build/stage.sh):
#   rpm.sh STAGE_TAR OUT_DIR MAVEN_VERSION ARCH
# 0.1.0-SNAPSHOT becomes version 0.1.0, release 0.SNAPSHOT (older than the release 0.1.0-1).
# Needs rpmbuild (Debian: the `rpm` package); without it the .rpm is skipped with a notice.
set -euo pipefail
tar_file="$(readlink -f "$1")"; out="$(mkdir -p "$2" && cd "$2" && pwd)"; mvn_version="$3"; arch="$4"
here="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v rpmbuild >/dev/null; then
  echo "rpm: rpmbuild not found (apt-get install rpm); no .rpm built" >&2
  exit 0
fi
version="${mvn_version%-SNAPSHOT}"
release=1
[ "$version" != "$mvn_version" ] && release=0.SNAPSHOT
top="$out/rpmbuild-$arch"
rm -rf "$top"
mkdir -p "$top"
rpmbuild -bb --quiet --target "$arch-linux" \
  --define "_topdir $top" \
  --define "akashi_version $version" --define "akashi_release $release" --define "akashi_stage_tar $tar_file" \
  --define "_binary_payload w6.gzdio" --define "__os_install_post %{nil}" --define "_build_id_links none" \
  --define "debug_package %{nil}" \
  "$here/rpm/akashi-agent.spec"
find "$top/RPMS" -name '*.rpm' -exec mv {} "$out/" \;
rm -rf "$top"
ls "$out"/akashi-agent-"$version"-"$release".*"$arch".rpm
