#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (as root) and runs all of them:
# Chromium (browser e2e tests and its SwiftShader Vulkan driver for WebGPU in Node), the Vulkan
# loader, the npm packages; then typecheck, lint, the four test projects of vitest.config.ts (unit,
# gpu (Dawn), integration (subprocesses), e2e (the built page in Chromium)) and the bench package's
# checks (after installing its own dependencies, TF.js and jax-js).
#
# Nothing here can hang the run: every step runs under `timeout`, and a gpu test process whose main
# thread deadlocks in native code (Dawn under SwiftShader, tests/helpers/native-hang-watchdog.ts)
# is killed by its watchdog; the files it names in test-results/hangs.log are rerun once, in a
# fresh process, and their rerun results replace the killed ones in the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if ! [ -x /usr/lib/chromium/chromium ] || ! ldconfig -p | grep -q libvulkan.so.1; then
  apt-get update
  apt-get install -y --no-install-recommends chromium libvulkan1
fi
npm ci --no-audit --no-fund
rm -rf test-results
mkdir -p test-results
status=0
json() { echo --reporter=default --reporter=json --outputFile.json="$1"; }

timeout -k 30 600 npm run typecheck || status=1
timeout -k 30 600 npm run lint || status=1

# The four vitest projects (vitest.config.ts), one report each.
# shellcheck disable=SC2046
timeout -k 30 600 npm run test:unit -- $(json test-results/unit.json) || status=1
reports=(test-results/unit.json)

gpu_status=0
# shellcheck disable=SC2046
timeout -k 30 1800 npm run test:gpu -- $(json test-results/gpu.json) || gpu_status=$?
reports+=(test-results/gpu.json)
if [ -s test-results/hangs.log ]; then
  mapfile -t hung < <(cut -f1 test-results/hangs.log | sort -u | xargs -I{} realpath --relative-to=. {})
  echo "test-all: a native hang killed ${hung[*]}; running those files once more"
  cat test-results/hangs.log
  # shellcheck disable=SC2046
  DROPOUT_LAB_HANG_LOG=test-results/hangs-rerun.log timeout -k 30 900 \
    npm run test:gpu -- $(json test-results/gpu-rerun.json) "${hung[@]}" || true
  reports+=(test-results/gpu-rerun.json)
elif [ "$gpu_status" -ne 0 ]; then
  status=1
fi

# shellcheck disable=SC2046
timeout -k 30 900 npm run test:integration -- $(json test-results/integration.json) || status=1
reports+=(test-results/integration.json)

# shellcheck disable=SC2046
timeout -k 30 2400 npm run test:e2e -- $(json test-results/e2e.json) || status=1
reports+=(test-results/e2e.json)

# the bench package (bench/): its own dependencies, which the product's npm ci leaves out, then
# the typecheck and lint of the code that needs them (bench/peers/browser/) and its tests
if timeout -k 30 600 npm ci --prefix bench --no-audit --no-fund; then
  timeout -k 30 600 npm --prefix bench run typecheck || status=1
  timeout -k 30 600 npm --prefix bench run lint || status=1
  # shellcheck disable=SC2046
  timeout -k 30 900 npm --prefix bench test -- $(json "$PWD/test-results/bench.json") || status=1
fi
reports+=(test-results/bench.json)

node scripts/test-summary.mjs "${reports[@]}" || status=1
exit $status
