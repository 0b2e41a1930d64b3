#!/bin/sh
# The .deb that `make package` makes, checked as a lab PC would meet it: its exact file list, its
# control fields (dependencies from dpkg-shlibdeps), lintian with no error, the desktop file and the
# AppStream metadata valid, and its binary running the installed lessons with no source tree to fall
# back on. `cmake --install --prefix` must lay out the same files.
# Usage: check_package.sh BUILD_DIR SOURCE_DIR VERSION
set -eu
build=$1 src=$2 version=$3
out="$build/package-test"
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; fail "cpack"; }
deb="$out/handshake-lab_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "no $deb"

# 1. The file list: exactly these files, owned by root, 0644 (the binary 0755).
dpkg-deb -c "$deb" >"$out/contents"
awk '$1 !~ /^d/ { sub(/^\.\//, "", $6); print $6 }' "$out/contents" | sort >"$out/files"
{
  printf '%s\n' usr/bin/handshake-lab \
    usr/share/applications/handshake-lab.desktop \
    usr/share/metainfo/org.example.HandshakeLab.metainfo.xml \
    usr/share/man/man1/handshake-lab.1.gz \
    usr/share/doc/handshake-lab/copyright \
    usr/share/doc/handshake-lab/changelog.gz \
    usr/share/lintian/overrides/handshake-lab \
    usr/share/icons/hicolor/scalable/apps/handshake-lab.svg
  for size in 48 64 128 256; do echo "usr/share/icons/hicolor/${size}x$size/apps/handshake-lab.png"; done
  (cd "$src" && find lessons -name '*.md' ! -name README.md && find assets -path assets/packaging -prune -o -type f -print) | sed 's|^|usr/share/handshake-lab/|'
} | sort >"$out/expected"
diff -u "$out/expected" "$out/files" || fail "the .deb's file list differs from the expected one (above)"
awk '$1 !~ /^d/ && $2 != "root/root" { print "owner: " $0 }
     $1 ~ /^-/ && $6 != "./usr/bin/handshake-lab" && $1 != "-rw-r--r--" { print "mode: " $0 }
     $6 == "./usr/bin/handshake-lab" && $1 != "-rwxr-xr-x" { print "mode: " $0 }
     $1 ~ /^d/ && $1 != "drwxr-xr-x" { print "mode: " $0 }' "$out/contents" >"$out/bad-modes"
[ ! -s "$out/bad-modes" ] || { cat "$out/bad-modes"; fail "owners or modes"; }

# 2. Control fields: dpkg-shlibdeps found the libraries; the fonts the window draws with come along.
depends=$(dpkg-deb -f "$deb" Depends)
for needed in fonts-dejavu-core libssl3 libc6 libstdc++6; do
  case "$depends" in *"$needed"*) ;; *) fail "Depends lacks $needed: $depends" ;; esac
done
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"

# 3. Unpacked: changelog and manual page gzip'd and sound, the changelog's top entry is this version.
root="$out/root"
dpkg-deb -x "$deb" "$root"
gzip -t "$root/usr/share/man/man1/handshake-lab.1.gz" "$root/usr/share/doc/handshake-lab/changelog.gz" || fail "gzip"
top=$(gzip -dc "$root/usr/share/doc/handshake-lab/changelog.gz" | head -1)
[ "$top" = "handshake-lab ($version) unstable; urgency=medium" ] || fail "changelog's top entry: $top"
gzip -dc "$root/usr/share/man/man1/handshake-lab.1.gz" | grep -q '^\.TH HANDSHAKE-LAB 1 ' || fail "man page header"
head -1 "$root/usr/share/doc/handshake-lab/copyright" |
  grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' || fail "copyright is not DEP-5"

# 4. The validators.
desktop-file-validate "$root/usr/share/applications/handshake-lab.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.example.HandshakeLab.metainfo.xml" || fail "appstreamcli validate"
appstreamcli validate-tree --no-net "$root" || fail "appstreamcli validate-tree"
lintian --fail-on error "$deb" || fail "lintian reports errors"

# 5. The unpacked binary runs from /, finds the unpacked lessons beside it, and names no source path.
if grep -q "$src/lessons" "$root/usr/bin/handshake-lab"; then fail "the binary names the source tree's lessons"; fi
num_lessons=$(cd "$src/lessons" && ls ./*.md | grep -vc README.md)
listed=$(cd / && env -u HL_LESSONS_DIR "$root/usr/bin/handshake-lab" lessons --format json | grep -o '"id":' | wc -l)
[ "$listed" -eq "$num_lessons" ] || fail "installed binary lists $listed lessons, the sources have $num_lessons"
(cd / && env -u HL_LESSONS_DIR "$root/usr/bin/handshake-lab" trace --lesson https-443 --seed 1 >"$out/trace.txt") ||
  fail "installed binary cannot trace https-443"
grep -q 'ClientHello' "$out/trace.txt" || fail "trace of https-443 has no ClientHello"

# 6. cmake --install lays out the same files under any prefix.
cmake --install "$build" --prefix "$out/prefix" >/dev/null || fail "cmake --install"
(cd "$out/prefix" && find . -type f | sed 's|^\./|usr/|' | sort) >"$out/installed"
diff -u "$out/files" "$out/installed" || fail "cmake --install differs from the .deb (above)"
echo "package: $deb, $(wc -l <"$out/files") files, Depends: $depends"
