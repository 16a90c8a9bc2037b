#!/usr/bin/env bash
# Builds and tests the examples as their authors would: against the artifacts installed from this
# checkout, through the BOM. Run after `./mvnw verify` (CI does); extra arguments go to every
# Maven run (e.g. -o). The screen-locator example starts a private GNU screen session: it needs
# `screen` installed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."

# The checkout's version (the parent pom's own <version>), so the examples follow a release.
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
if [ -z "$version" ]; then
  echo "examples: cannot read the version from pom.xml" >&2
  exit 1
fi

echo "examples: installing ralph-resume $version into the local repository"
./mvnw -q -B -ntp install -DskipTests -Dmaven.javadoc.skip=true "$@"

for example in embed screen-locator; do
  echo "examples: $example"
  (cd "examples/$example" && ../../mvnw -B -ntp -Dralph-resume.version="$version" verify "$@")
done
echo "examples: all passed"
