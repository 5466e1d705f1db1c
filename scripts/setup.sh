#!/usr/bin/env bash
# Installs the Debian 12 packages bordersim needs. Idempotent: skips what is present, so a
# second run costs one dpkg query.
set -euo pipefail

packages=(
  build-essential cmake git clang-format ccache
  libboost-dev librandom123-dev libyaml-cpp-dev libhdf5-dev zlib1g-dev libcli11-dev libfmt-dev
  libhowardhinnant-date-dev tzdata libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libopenmpi-dev openmpi-bin valgrind linux-perf
  pybind11-dev python3-dev python3-numpy python3-matplotlib
  python3-simpy python3-simpy3 python3-h5py python3-pandas python3-tables python3-pil
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
