#!/usr/bin/env bash
# Builds the installable ralph-resume; `./mvnw -Pdist package` runs it (dist/pom.xml) after copying
# the applications' modular jars and their dependencies into --modules.
#
#   1. A runtime image (jlink) holding the CLI's and the service's modules, their dependencies and
#      only the JDK modules those require: no JDK is needed where it is installed.
#   2. Its class-data archive: the launcher's training workload (`--cds-training`, every path a
#      hook takes) runs in the image and lists the classes it loads; `-Xshare:dump` archives them,
#      with the JDK's default class list, as the image's default archive (lib/server/classes.jsa).
#      Classes linked into the image's lib/modules are archived independently of where the image
#      lies (the JVM checks the modules file's size, not its path or mtime), so the tarball works
#      unpacked anywhere and no run records or caches anything.
#   3. bin/ralph-resume and bin/ralph-resume-http beside it (dist/src/main/bin). bin/ holds nothing
#      else, so putting it on PATH never puts the runtime's `java` there.
#   4. ralph-resume-<version>-linux-x64.tar.gz (one top directory) and, where dpkg-deb exists,
#      ralph-resume_<debian version>_amd64.deb installing under /opt/ralph-resume with
#      /usr/bin/ralph-resume and /usr/bin/ralph-resume-http.
#
# Usage: build-dist.sh --version V --modules DIR --launchers DIR --license FILE --java-home JDK --out DIR
#                      [--maintainer "Name <email>"] [--homepage URL] [--description TEXT]
set -euo pipefail

version= modules= launchers= license= java_home= out=
maintainer="ralph-resume maintainers <noreply@example.invalid>"
homepage= description="Keeps an oh-my-codex Ralph loop attached to the Codex session that resumes it"
while [ $# -gt 0 ]; do
  case $1 in
    --version) version=$2 ;;
    --modules) modules=$2 ;;
    --launchers) launchers=$2 ;;
    --license) license=$2 ;;
    --java-home) java_home=$2 ;;
    --out) out=$2 ;;
    --maintainer) maintainer=$2 ;;
    --homepage) homepage=$2 ;;
    --description) description=$2 ;;
    *) echo "build-dist: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
for required in version modules launchers license java_home out; do
  [ -n "${!required}" ] || { echo "build-dist: --${required//_/-} is required" >&2; exit 2; }
done

say() { echo "dist: $*" >&2; }
fail() { echo "dist: $*" >&2; exit 1; }

cli=io.github.ralphresume.app.cli
http=io.github.ralphresume.app.http

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] \
  || fail "the packages are linux-x64 and must be built there (this is $(uname -s)-$(uname -m))"
[ -f "$java_home/jmods/java.base.jmod" ] \
  || fail "$java_home has no jmods/ for jlink (Debian: openjdk-17-jdk-headless; or point JAVA_HOME at a JDK that has them)"
jdk_bin=$java_home/bin

work=$out/work
stage=$out/stage
name=ralph-resume-$version
rm -rf -- "$work" "$stage"
mkdir -p -- "$work" "$stage"

# --- 1. JNA for this platform -----------------------------------------------------------------
# jna-jpms declares `requires java.desktop` (for its AWT helpers, which nothing here calls), and
# that alone would pull java.desktop, java.xml, java.prefs and java.datatransfer into the image
# (+33 MB). On Linux the pane lookup never loads JNA at all (terminals are read from /proc). So the
# image gets JNA's own classes with the same descriptor except `requires static java.desktop`,
# and only the linux-x86-64 native library.
jna_jar=$(find "$modules" -maxdepth 1 -name 'jna-jpms-*.jar' | head -n 1)
[ -n "$jna_jar" ] || fail "no jna-jpms jar in $modules"
jna_version=${jna_jar##*/jna-jpms-}
jna_version=${jna_version%.jar}
say "JNA $jna_version for linux-x86-64"
mkdir -p "$work/jna/classes" "$work/jna/src" "$work/jna/descriptor"
descriptor=$("$jdk_bin/java" --module-path "$jna_jar" --describe-module com.sun.jna)
{
  echo "module com.sun.jna {"
  while read -r kind rest; do
    case "$kind $rest" in
      com.sun.jna@* | " ") ;;
      "requires java.base mandated") ;;
      "requires java.desktop") echo "  requires static java.desktop;" ;;
      requires\ *\ static) echo "  requires static ${rest% static};" ;;
      requires\ *\ transitive) echo "  requires transitive ${rest% transitive};" ;;
      requires\ *) echo "  requires $rest;" ;;
      exports\ *) echo "  exports $rest;" ;;
      "qualified exports "*)
        # exports <package> to <module> <module>...
        read -r _ package _ targets <<< "$rest"
        echo "  exports $package to ${targets// /, };" ;;
      contains\ *) ;;
      *) fail "JNA's module descriptor has '$kind $rest', which this script does not carry over" ;;
    esac
  done <<< "$descriptor"
  echo "}"
} > "$work/jna/src/module-info.java"
"$jdk_bin/javac" -nowarn -Xlint:-module -d "$work/jna/descriptor" --module-version "$jna_version" \
  --patch-module "com.sun.jna=$jna_jar" "$work/jna/src/module-info.java"
(cd "$work/jna/classes" && "$jdk_bin/jar" --extract --file "$jna_jar")
rm -rf "$work/jna/classes/META-INF" "$work/jna/classes/module-info.class"
find "$work/jna/classes/com/sun/jna" -mindepth 1 -maxdepth 1 -type d -name '*-*' \
  ! -name linux-x86-64 -exec rm -rf {} +
[ -f "$work/jna/classes/com/sun/jna/linux-x86-64/libjnidispatch.so" ] \
  || fail "no linux-x86-64 native library in $jna_jar"
cp "$work/jna/descriptor/module-info.class" "$work/jna/classes/"
mkdir -p "$work/modules"
for jar in "$modules"/*.jar; do
  [ "$jar" = "$jna_jar" ] || cp -- "$jar" "$work/modules/"
done
"$jdk_bin/jar" --create --file "$work/modules/jna-jpms-$jna_version-linux-x86-64.jar" \
  -C "$work/jna/classes" .

# --- 2. The runtime image ---------------------------------------------------------------------
image=$stage/$name
runtime=$image/runtime
say "linking the runtime image"
# Debug attributes stay: a --verbose stack trace keeps its line numbers (about 7 MB).
"$jdk_bin/jlink" --module-path "$java_home/jmods:$work/modules" --add-modules "$cli,$http" \
  --output "$runtime" --no-header-files --no-man-pages
mkdir -p "$image/bin"
cp -- "$launchers/ralph-resume" "$launchers/ralph-resume-http" "$image/bin/"
chmod 755 "$image/bin/ralph-resume" "$image/bin/ralph-resume-http"
cp -- "$license" "$image/LICENSE"

# --- 3. The class-data archive ----------------------------------------------------------------
# The training runs through the image's own launcher (so with the JVM options every run uses) in a
# clean environment; JDK_JAVA_OPTIONS adds the class list and a private temp dir. The image has
# no archive yet, so every class is loaded from lib/modules and listed.
say "training (the launcher's --cds-training workload)"
mkdir -p "$work/training/tmp" "$work/training/home"
env -i PATH=/usr/bin:/bin HOME="$work/training/home" LC_ALL=C.UTF-8 \
  JDK_JAVA_OPTIONS="-XX:DumpLoadedClassList=$work/training/classes.lst -Djava.io.tmpdir=$work/training/tmp" \
  "$image/bin/ralph-resume" --cds-training </dev/null >"$work/training/out.log" 2>&1 \
  || { cat "$work/training/out.log" >&2; fail "the training run failed"; }
grep -q "^io/github/ralphresume/app/cli/ReconcileCommand" "$work/training/classes.lst" \
  || fail "the training run listed none of the CLI's classes (see $work/training/out.log)"
# Ours first, then the JDK's default list (what a JDK's own default archive holds, useful to the
# service too); each class once.
{ grep -v '^#' "$work/training/classes.lst"; grep -v '^#' "$runtime/lib/classlist"; } \
  | awk '!seen[$0]++' > "$work/training/classes.merged"
say "dumping the archive ($(wc -l < "$work/training/classes.merged") classes listed)"
# The CLI's module is the main module at dump time as at run time. Classes the list names that
# this image does not have (the JDK list's desktop classes, dynamic proxies) are skipped.
"$runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$work/training/classes.merged" \
  -XX:SharedArchiveFile="$runtime/lib/server/classes.jsa" -m "$cli" >"$work/dump.log" 2>&1 \
  || { cat "$work/dump.log" >&2; fail "-Xshare:dump failed"; }
[ -s "$runtime/lib/server/classes.jsa" ] || fail "no archive written (see $work/dump.log)"
# It must map: -Xshare:on refuses to start otherwise.
JDK_JAVA_OPTIONS=-Xshare:on "$image/bin/ralph-resume" --version >"$work/version.txt" 2>"$work/version.err" \
  || { cat "$work/version.err" >&2; fail "the image does not start with its archive"; }
say "$(cat "$work/version.txt")"

# Owner-writable only; nothing jlink left read-only.
chmod -R u+w,go-w,a+rX "$image"

# Every file dated at the commit (or now, outside a checkout), so the archives are reproducible.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$launchers" log -1 --format=%ct 2>/dev/null || date +%s)}

# --- 4a. The tarball --------------------------------------------------------------------------
tarball=$out/$name-linux-x64.tar.gz
say "packing $tarball"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
  | gzip -n -6 > "$tarball.tmp"
mv -f -- "$tarball.tmp" "$tarball"

# --- 4b. The .deb -----------------------------------------------------------------------------
if ! command -v dpkg-deb >/dev/null 2>&1; then
  say "no dpkg-deb here: the .deb is not built"
  exit 0
fi
# Debian orders 0.1.0~SNAPSHOT before 0.1.0 (a hyphen would start a Debian revision).
deb_version=${version//-/\~}
root=$work/deb
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/doc/ralph-resume" "$root/DEBIAN"
cp -a -- "$image" "$root/opt/ralph-resume"
ln -s /opt/ralph-resume/bin/ralph-resume "$root/usr/bin/ralph-resume"
ln -s /opt/ralph-resume/bin/ralph-resume-http "$root/usr/bin/ralph-resume-http"
cat > "$root/usr/share/doc/ralph-resume/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ralph-resume
Source: ${homepage:-unknown}

Files: opt/ralph-resume/bin/* opt/ralph-resume/runtime/lib/modules
Copyright: 2026 ralph-resume contributors
License: MIT
Comment: ralph-resume's own modules; the license's text is /opt/ralph-resume/LICENSE.

Files: opt/ralph-resume/runtime/*
Comment: The OpenJDK runtime and the libraries it links (Jackson, JNA, picocli); their licenses
 are in /opt/ralph-resume/runtime/legal/.
COPYRIGHT
# The runtime's shared libraries need the C and C++ runtimes and zlib (Debian's JDK links the
# system zlib); dpkg-shlibdeps says which versions, when dpkg-dev is there.
depends="libc6 (>= 2.34), libgcc-s1 (>= 3.0), libstdc++6 (>= 5), zlib1g (>= 1:1.2.2)"
if command -v dpkg-shlibdeps >/dev/null 2>&1; then
  mkdir -p "$work/shlibdeps/debian"
  printf 'Source: ralph-resume\n\nPackage: ralph-resume\nArchitecture: any\n' \
    > "$work/shlibdeps/debian/control"
  mapfile -t binaries < <(find "$root/opt/ralph-resume/runtime" -type f \
    \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \))
  found=$(cd "$work/shlibdeps" && dpkg-shlibdeps -O --ignore-missing-info "${binaries[@]}" 2>/dev/null \
    | sed -n 's/^shlibs:Depends=//p') || true
  [ -z "$found" ] || depends=$found
fi
installed_size=$(du -sk --apparent-size "$root/opt" "$root/usr" | awk '{s += $1} END {print s}')
cat > "$root/DEBIAN/control" <<CONTROL
Package: ralph-resume
Version: $deb_version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Section: devel
Priority: optional
${homepage:+Homepage: $homepage
}Description: $description
 ralph-resume moves an active Ralph loop to the OMX session that resumed its Codex
 conversation, exactly once and under the same lock as oh-my-codex's own tool. A
 command line for Codex's notify hook (ralph-resume) and a local HTTP service
 (ralph-resume-http), with their own Java runtime under /opt/ralph-resume.
CONTROL
find "$root" -exec touch -h -d "@$epoch" {} +
deb=$out/ralph-resume_${deb_version}_amd64.deb
say "packing $deb"
# gzip: xz takes over a minute for this runtime on two cores and saves 7 MB.
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb.tmp" >/dev/null
mv -f -- "$deb.tmp" "$deb"
