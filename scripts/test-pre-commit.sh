#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with the real pre-commit tool (from PyPI).
#
#   1. `repo: local` hooks running the freshly built binary: a clean root passes, an
#      undocumented resource fails with missing-intent, and a stale output fails build --check.
#   2. `pre-commit try-repo <this checkout> zumen-check`: pre-commit builds zumen itself through
#      `language: rust` from .pre-commit-hooks.yaml, exactly as a user's config would. This is a
#      `cargo install` (minutes on a small machine); SKIP_TRY_REPO=1 skips it.
#
# Needs: cargo, git, python3 with pip (pre-commit is installed with pip when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"
export NO_COLOR=1

if ! command -v pre-commit >/dev/null; then
  python3 -m pip install --quiet pre-commit
fi
pre-commit --version

cargo build --quiet --manifest-path "$here/Cargo.toml"
zumen="$here/target/debug/zumen"
pre-commit validate-manifest "$here/.pre-commit-hooks.yaml"

repo="$work/repo"
mkdir -p "$repo"
cd "$repo"
git init --quiet
git config user.email test@example.com
git config user.name test
cat > main.tf <<'TF'
# @intent Holds the site's static files.
# @role data
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}
TF
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: local
    hooks:
      - id: zumen-check
        name: zumen check
        entry: $zumen check
        language: system
        pass_filenames: false
        files: \.(tf|tf\.json)$|zumen\.toml$
      - id: zumen-build-check
        name: zumen build --check
        entry: $zumen build --check
        language: system
        pass_filenames: false
        files: \.(tf|tf\.json)$|zumen\.toml$
YAML
"$zumen" build . >/dev/null 2>&1
git add -A
git commit --quiet -m "a documented root and its generated output"

fail() { echo "FAIL: $*" >&2; exit 1; }

echo "--- local hooks, clean root: expect pass"
pre-commit run --all-files || fail "clean root should pass"

echo "--- local hooks, undocumented resource: expect zumen-check to fail"
printf '\nresource "aws_s3_bucket" "logs" {}\n' >> main.tf
git add -A
if out="$(pre-commit run zumen-check --all-files 2>&1)"; then
  echo "$out"; fail "an undocumented resource should fail zumen-check"
fi
echo "$out"
grep -q 'missing-intent' <<<"$out" || fail "missing-intent not reported"

echo "--- local hooks, stale output: expect zumen-build-check to fail"
printf 'stale\n' >> zumen-out/model.json
git add -A
if out="$(pre-commit run zumen-build-check --all-files 2>&1)"; then
  echo "$out"; fail "stale output should fail zumen-build-check"
fi
echo "$out"
grep -q 'stale: zumen-out/model.json' <<<"$out" || fail "stale file not named"
git reset --quiet --hard

if [[ "${SKIP_TRY_REPO:-0}" == 1 ]]; then
  echo "--- try-repo skipped (SKIP_TRY_REPO=1)"
else
  echo "--- try-repo: pre-commit builds zumen from $here (language: rust)"
  # Reuse one target dir across runs, and build without LTO: the hook's behaviour does not depend
  # on optimisation and a cold release build with LTO takes long on two cores.
  export CARGO_TARGET_DIR="$here/target/pre-commit"
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_OPT_LEVEL=1
  pre-commit try-repo "$here" zumen-check --all-files || fail "try-repo zumen-check on a clean root"
  printf '\nresource "aws_s3_bucket" "logs" {}\n' >> main.tf
  git add -A
  if out="$(pre-commit try-repo "$here" zumen-check --all-files 2>&1)"; then
    echo "$out"; fail "try-repo zumen-check should fail on an undocumented resource"
  fi
  echo "$out"
  grep -q 'missing-intent' <<<"$out" || fail "try-repo: missing-intent not reported"
fi
echo "pre-commit hooks: all passed"
