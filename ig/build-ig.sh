#!/usr/bin/env bash
# Compiles the FSH in ig/input/fsh with SUSHI, offline, and refreshes the committed FHIR package
# in ig/src/main/resources/renkei-ig/package/.
#
#   ig/build-ig.sh            compile and refresh the package
#   ig/build-ig.sh --check    compile only; fail if the committed package differs from the output
#
# SUSHI reads its dependencies from a FHIR package cache at $HOME/.fhir/packages and has no
# setting for another place, so it runs with HOME pointed at a private folder outside the repo:
#   ${RENKEI_SUSHI_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/renkei/sushi-home}/.fhir/packages
# which this script fills, once, with
#   hl7.fhir.r4.core#4.0.1  built from HAPI's hapi-fhir-validation-resources-r4 jar
#                           (jp.renkei.ig.build.FhirCorePackageCache; not on the npm registry)
#   jp-core.r4#1.2.0        unpacked from ../shared/fhir-packages/jp-core.r4-1.2.0-snap.tgz
#                           (its package.json version "1.2.0-snap" set to "1.2.0")
# SUSHI itself (npm fsh-sushi, pinned below) is installed into ig/.sushi/ (git-ignored).
set -euo pipefail

SUSHI_VERSION=3.21.0
IG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$IG_DIR")"
SHARED_DIR="${RENKEI_SHARED_DIR:-$REPO_DIR/../shared}"
# SUSHI needs snapshots in the StructureDefinitions it derives from; the shared "-snap" build of
# JP Core 1.2.0 has them (same definitions as jp-core.r4-1.2.0.tgz, compiled with sushi -s).
JP_CORE_TGZ="$SHARED_DIR/fhir-packages/jp-core.r4-1.2.0-snap.tgz"
SUSHI_HOME="${RENKEI_SUSHI_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/renkei/sushi-home}"
PACKAGE_CACHE="$SUSHI_HOME/.fhir/packages"
PACKAGE_DIR="$IG_DIR/src/main/resources/renkei-ig/package"
CHECK_ONLY=false
[ "${1:-}" = "--check" ] && CHECK_ONLY=true

log() { printf '[build-ig] %s\n' "$*"; }

# 1. SUSHI
SUSHI="$IG_DIR/.sushi/node_modules/.bin/sushi"
if [ ! -x "$SUSHI" ] || [ "$("$SUSHI" --version 2>/dev/null | grep -o '[0-9.]*' | head -1)" != "$SUSHI_VERSION" ]; then
  log "installing fsh-sushi@$SUSHI_VERSION into ig/.sushi"
  npm install --no-audit --no-fund --silent --prefix "$IG_DIR/.sushi" "fsh-sushi@$SUSHI_VERSION"
fi

# 2. FHIR package cache
mkdir -p "$PACKAGE_CACHE"
if [ ! -f "$PACKAGE_CACHE/hl7.fhir.r4.core#4.0.1/package/package.json" ]; then
  log "building hl7.fhir.r4.core#4.0.1 from hapi-fhir-validation-resources-r4 into $PACKAGE_CACHE"
  (cd "$REPO_DIR" && mvn -B -q -pl ig test-compile exec:java@fhir-core-cache \
      -Drenkei.fhir.cache="$PACKAGE_CACHE")
fi
JP_CORE_DIR="$PACKAGE_CACHE/jp-core.r4#1.2.0"
if ! grep -qs '"snapshot"' "$JP_CORE_DIR/package/StructureDefinition-jp-location.json"; then
  [ -f "$JP_CORE_TGZ" ] || { echo "missing $JP_CORE_TGZ (set RENKEI_SHARED_DIR)" >&2; exit 1; }
  log "unpacking $(basename "$JP_CORE_TGZ") into $JP_CORE_DIR"
  rm -rf "$JP_CORE_DIR.tmp" && mkdir -p "$JP_CORE_DIR.tmp"
  tar -xzf "$JP_CORE_TGZ" -C "$JP_CORE_DIR.tmp"
  sed -i 's/"version": "1.2.0-snap"/"version": "1.2.0"/' "$JP_CORE_DIR.tmp/package/package.json"
  rm -rf "$JP_CORE_DIR"
  mv "$JP_CORE_DIR.tmp" "$JP_CORE_DIR"
fi

# 3. Compile. SUSHI also tries to fetch its automatic dependencies (hl7.terminology.r4,
# hl7.fhir.uv.tools.r4, hl7.fhir.uv.extensions.r4); offline that only yields warnings.
log "running SUSHI $SUSHI_VERSION"
rm -rf "$IG_DIR/fsh-generated"
SUSHI_LOG="$(mktemp)"
trap 'rm -f "$SUSHI_LOG"' EXIT
if ! HOME="$SUSHI_HOME" "$SUSHI" build "$IG_DIR" >"$SUSHI_LOG" 2>&1; then
  cat "$SUSHI_LOG"
  echo "SUSHI failed" >&2
  exit 1
fi
grep -E '^(warn|error)|Errors|Warnings|│' "$SUSHI_LOG" || true
if grep -qE '^error' "$SUSHI_LOG"; then
  echo "SUSHI reported errors" >&2
  exit 1
fi

# 4. Package: conformance resources into package/, examples into package/example/, with
# package.json and .index.json (jp.renkei.ig.build.IgPackageAssembler). Name, version and
# canonical come from sushi-config.yaml.
config() { sed -n "s/^$1: *//p" "$IG_DIR/sushi-config.yaml" | head -1; }
TARGET_DIR="$PACKAGE_DIR"
if $CHECK_ONLY; then
  CHECK_DIR="$(mktemp -d)"
  trap 'rm -f "$SUSHI_LOG"; rm -rf "$CHECK_DIR"' EXIT
  TARGET_DIR="$CHECK_DIR/package"
fi
(cd "$REPO_DIR" && mvn -B -q -pl ig test-compile exec:java@assemble-package \
    -Drenkei.sushi.output="$IG_DIR/fsh-generated/resources" \
    -Drenkei.ig.package.dir="$TARGET_DIR" \
    -Drenkei.ig.package.name="$(config id)" \
    -Drenkei.ig.package.version="$(config version)" \
    -Drenkei.ig.canonical="$(config canonical)")
if $CHECK_ONLY; then
  if diff -r "$PACKAGE_DIR" "$TARGET_DIR" >/dev/null; then
    log "committed package is up to date"
  else
    diff -r "$PACKAGE_DIR" "$TARGET_DIR" | head -40
    echo "the committed package differs from the FSH; run ig/build-ig.sh and commit" >&2
    exit 1
  fi
else
  log "package written to ${PACKAGE_DIR#"$REPO_DIR"/}"
fi
