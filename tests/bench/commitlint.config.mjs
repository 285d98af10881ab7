// commitlint configuration for `make bench` (tests/bench/bench.sh).
// Empty on purpose: bench.sh passes @commitlint/config-conventional with -x,
// by its path in the node_modules commitlint was installed in (outside the
// repository), and names this file with -g so that commitlint does not look
// for a configuration above the benchmark repository.
export default {};
