#!/usr/bin/env bash
# Builds what users install (docs/install.md), into artifacts/ or --output DIR:
#   loader.VERSION.nupkg                 the 'dotnet tool' package (dotnet tool install --add-source DIR loader)
#   loader-linux-x64, loader-linux-arm64 self-contained single-file executables, for hosts without .NET
# each with NAME.sha256 beside it, as sha256sum writes it ('sha256sum -c NAME.sha256' checks it).
# Building needs the .NET SDK and Node/npm (the Studio's page is built into Loader.Studio.dll); what it
# builds needs neither: the tool needs the .NET runtime, the executables nothing.
# VERSION is the project's major.minor and the commit count (1.0.123): each commit packs a higher one, so
# 'dotnet tool update' takes it. --version sets another.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() {
  echo "usage: scripts/pack.sh [--output DIR] [--version X.Y.Z]"
}

output=artifacts
version=
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=${2:?--output needs a folder}; shift 2 ;;
    --version) version=${2:?--version needs a version such as 1.2.3}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "pack.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -z "$version" ]; then
  declared=$(dotnet msbuild src/Loader.Cli -getProperty:Version -p:ArtifactsPath="$root/artifacts/build")
  commits=$(git rev-list --count HEAD 2>/dev/null || echo 0)
  version="${declared%.*}.$commits"
fi
mkdir -p "$output"
output=$(cd "$output" && pwd)

# Builds go to artifacts/build/, apart from bin/ and obj/, so packing never changes what 'dotnet build' and
# 'dotnet test' left there (restoring for a runtime rewrites a project's restore output).
build=(--configuration Release --artifacts-path "$root/artifacts/build" --nologo -p:Version="$version")

checksum() {
  (cd "$output" && sha256sum "$1" > "$1.sha256")
}

echo "packing loader $version into $output"
rm -f "$output"/loader.*.nupkg "$output"/loader.*.nupkg.sha256
dotnet pack src/Loader.Cli "${build[@]}" --output "$output"
checksum "loader.$version.nupkg"

for runtime in linux-x64 linux-arm64; do
  published="$root/artifacts/build/publish-$runtime"
  rm -rf "$published"
  dotnet publish src/Loader.Cli "${build[@]}" --runtime "$runtime" --output "$published"
  cp "$published/loader" "$output/loader-$runtime"
  checksum "loader-$runtime"
done

(cd "$output" && ls -l "loader.$version.nupkg" loader-linux-x64 loader-linux-arm64)
