/*
 * libFuzzer target: pre-push's stdin, "<local ref> <local oid> <remote ref>
 * <remote oid>" lines (githooks(5)), through fg_parse_updates.
 */
#define FUZZ_RECEIVE 0
#include "fuzz_updates.h"
