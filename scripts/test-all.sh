#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (as root) and runs all of them:
# Chromium (browser e2e tests and its SwiftShader Vulkan driver for WebGPU in Node), the Vulkan
# loader, the npm packages; then typecheck, unit + parity + WebGPU tests, and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if ! [ -x /usr/lib/chromium/chromium ] || ! ldconfig -p | grep -q libvulkan.so.1; then
  apt-get update
  apt-get install -y --no-install-recommends chromium libvulkan1
fi
npm ci --no-audit --no-fund
mkdir -p test-results
status=0
npm run typecheck || status=1
npm run test:unit -- --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=1
npm run test:e2e -- --reporter=default --reporter=json --outputFile.json=test-results/e2e.json || status=1
node scripts/test-summary.mjs test-results/unit.json test-results/e2e.json || status=1
exit $status
