#!/bin/sh
# The test command (README): install what the build and the tests need
# (Debian packages, when root), build, then run the Check unit suites and the
# end-to-end tests with the real git binary.
set -eu
cd "$(dirname "$0")/.."
./install.sh --deps
make check
