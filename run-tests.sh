#!/usr/bin/env bash
# Runs every test of every crate and binding, from a clean clone, on a
# machine with only the Rust toolchain, Python 3 and Node: it installs what
# it needs by itself (wasm target, wasm-bindgen CLI, a Python venv with
# maturin/pytest, npm packages, Debian's chromium).
#
#   ./run-tests.sh
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
start=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "tools"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target add wasm32-unknown-unknown
wb_version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$wb_version"; then
  # No --locked: the CLI's own lockfile pins a crate the index here lacks.
  cargo install wasm-bindgen-cli --version "=$wb_version"
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -r tests/python/requirements.txt
(cd cme-wasm && npm ci --no-audit --no-fund --loglevel=error)
# From Debian: Chromium for the browser end-to-end test (never a downloaded
# browser), JNA and a JDK for the Kotlin bindings.
apt_missing=""
[ -x /usr/bin/chromium ] || apt_missing="$apt_missing chromium"
[ -f /usr/share/java/jna.jar ] || apt_missing="$apt_missing libjna-java"
command -v java >/dev/null || apt_missing="$apt_missing default-jdk-headless"
if [ -n "$apt_missing" ]; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq $apt_missing >/dev/null
fi
# The Kotlin compiler from npm (Debian's kotlin is too old).
(cd tests/kotlin && npm ci --no-audit --no-fund --loglevel=error)

step "rust: format, lints, docs"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "rust crate: MSRV, docs.rs build, package"
# The MSRV is the highest rust-version of the locked dependencies
# (scripts/msrv.py fails if a member declares less), and the core is built
# with that toolchain.
.venv/bin/python scripts/msrv.py
msrv=$(.venv/bin/python scripts/msrv.py --print)
rustup toolchain install "$msrv" --profile minimal
CARGO_TARGET_DIR=target/msrv cargo +"$msrv" check -p cme-pdp --all-features --lib --locked
# The documentation as docs.rs builds it (nightly, every feature, labels).
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
CARGO_TARGET_DIR=target/docsrs RUSTDOCFLAGS="--cfg docsrs -D warnings" \
  cargo +nightly doc -p cme-pdp --all-features --no-deps
# The crate as it would be published, built from its own archive.
cargo package -p cme-pdp --locked --allow-dirty
.venv/bin/python tests/packaging/check_packages.py crate target/package/cme-pdp-*.crate

step "rust: tests (unit, integration, vectors, doctests)"
# --all-targets builds with the same features as `cargo test`, so the
# cdylib and uniffi-bindgen used below come from this build (no rebuild).
cargo build --workspace --all-targets
rm -rf target/conformance   # each runner writes its canonical outputs here
cargo test --workspace

step "demo"
cargo run -q -p cme-pdp --example demo >/dev/null

step "python (pyo3): build the sdist and the abi3 wheel from it, install, stubs, pytest"
# maturin builds the sdist, then the wheel from the sdist (so the sdist is
# known to build); the wheel installed and tested is the one that ships.
rm -rf target/wheels/dist
.venv/bin/pip uninstall -y -q cme 2>/dev/null || true   # the distribution's name before cme-pdp
.venv/bin/maturin build --release -m cme-py/Cargo.toml --sdist -o target/wheels/dist
.venv/bin/python tests/packaging/check_packages.py sdist target/wheels/dist/cme_pdp-*.tar.gz
.venv/bin/python tests/packaging/check_packages.py wheel target/wheels/dist/cme_pdp-*.whl
.venv/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/dist/cme_pdp-*.whl
.venv/bin/python -m pytest -q tests/packaging
.venv/bin/python -m mypy.stubtest cme._cme
(cd tests/python && "$root/.venv/bin/python" -m pytest -q)

step "browser (wasm): build, types, node tests, Chromium end to end"
./scripts/build-wasm.sh
rm -rf target/npm && mkdir -p target/npm
(cd cme-wasm/pkg && npm pack --silent --pack-destination "$root/target/npm" >/dev/null)
.venv/bin/python tests/packaging/check_packages.py npm target/npm/cme-pdp-*.tgz
cme-wasm/node_modules/.bin/tsc -p tests/node/types
node --test tests/node/
node --test tests/browser/   # saves target/browser/demo.png

step "host bindings (uniffi): generate Python, Kotlin, Swift; run the vectors in Python and on the JVM (Kotlin and Java)"
rm -rf target/uniffi-py target/uniffi-kt target/uniffi-swift
target/debug/uniffi-bindgen generate \
  --library target/debug/libcme_uniffi.so --language python --out-dir target/uniffi-py
cp target/debug/libcme_uniffi.so target/uniffi-py/
CME_UNIFFI_DIR="$root/target/uniffi-py" .venv/bin/python -m pytest -q tests/ffi
# The four runners' canonical outputs of every vector, byte for byte.
.venv/bin/python tests/tools/compare_conformance.py
# Kotlin: no ktlint here (--no-format); compiled with the bindings and run on
# the JVM through JNA.
target/debug/uniffi-bindgen generate --no-format \
  --library target/debug/libcme_uniffi.so --language kotlin --out-dir target/uniffi-kt
.venv/bin/python tests/kotlin/make_vectors.py target/kotlin
tests/kotlin/node_modules/kotlin-compiler/bin/kotlinc -nowarn \
  target/uniffi-kt/fr/cme/cme_uniffi.kt tests/kotlin/Embedding.kt target/kotlin/DocSnippet.kt \
  -cp /usr/share/java/jna.jar -include-runtime -d target/kotlin/embedding.jar
java -Djna.library.path=target/debug -cp target/kotlin/embedding.jar:/usr/share/java/jna.jar \
  EmbeddingKt target/kotlin
# Java: a plain Java program (javac) against the same classes, calling every
# function and method of the host library (checked against the bindings).
.venv/bin/python tests/java/every_function.py target/uniffi-py/cme_uniffi.py tests/java/JavaEmbedding.java \
  target/uniffi-kt/fr/cme/cme_uniffi.kt
rm -rf target/java
javac -Werror -cp target/kotlin/embedding.jar:/usr/share/java/jna.jar -d target/java tests/java/JavaEmbedding.java
RUST_BACKTRACE=0 java -Djna.library.path=target/debug \
  -cp target/java:target/kotlin/embedding.jar:/usr/share/java/jna.jar JavaEmbedding
# Swift: generated (no Swift toolchain here to compile it).
target/debug/uniffi-bindgen generate --no-format \
  --library target/debug/libcme_uniffi.so --language swift --out-dir target/uniffi-swift
test -s target/uniffi-swift/Cme.swift

step "fuzzing (cargo-fuzz, nightly): a short run of every target"
scripts/fuzz.sh 10   # the long run: scripts/fuzz.sh 600

step "all tests passed"
