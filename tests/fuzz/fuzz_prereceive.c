/*
 * libFuzzer target: pre-receive's stdin, "<old oid> <new oid> <refname>"
 * lines (githooks(5)), through fg_parse_updates.
 */
#define FUZZ_RECEIVE 1
#include "fuzz_updates.h"
