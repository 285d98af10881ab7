/*
 * Tests of oidset.c: IDs added once each, found after the set grows past
 * its first 1,024 slots, absent ones not found, and the set emptied by
 * fg_oidset_release.
 */
#include <string.h>
#include "check_flowgate.h"
#include "oidset.h"

/* A distinct ID for N: its bytes spread, as SHA-1 bits are. */
static void make_id(git_oid *id, unsigned n)
{
	memset(id, 0, sizeof(*id));
	for (size_t i = 0; i < sizeof(id->id); i++)
		id->id[i] = (unsigned char)((n * 2654435761u) >> (8 * (i % 4))) ^ (unsigned char)(n >> 8);
	memcpy(id->id + sizeof(id->id) - sizeof(n), &n, sizeof(n));
}

START_TEST(test_oidset_empty)
{
	struct fg_oidset set = FG_OIDSET_INIT;
	git_oid id;

	make_id(&id, 1);
	ck_assert_int_eq(fg_oidset_has(&set, &id), 0);
	fg_oidset_release(&set);
	ck_assert_ptr_null(set.slots);
	ck_assert_uint_eq(set.n, 0);
}
END_TEST

START_TEST(test_oidset_add_once)
{
	struct fg_oidset set = FG_OIDSET_INIT;
	git_oid id;

	make_id(&id, 7);
	ck_assert_int_eq(fg_oidset_add(&set, &id), 1);
	ck_assert_int_eq(fg_oidset_add(&set, &id), 0);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_int_eq(fg_oidset_has(&set, &id), 1);
	fg_oidset_release(&set);
	ck_assert_ptr_null(set.slots);
	ck_assert_ptr_null(set.used);
	ck_assert_uint_eq(set.cap, 0);
	ck_assert_int_eq(fg_oidset_has(&set, &id), 0);
}
END_TEST

START_TEST(test_oidset_grows)
{
	/* 3,000 IDs: the set doubles from 1,024 slots three times, keeping every ID. */
	struct fg_oidset set = FG_OIDSET_INIT;
	git_oid id;
	unsigned n = 3000, found = 0, absent = 0;

	for (unsigned i = 0; i < n; i++) {
		make_id(&id, i);
		ck_assert_int_eq(fg_oidset_add(&set, &id), 1);
	}
	ck_assert_uint_eq(set.n, n);
	ck_assert_uint_ge(set.cap, 2 * (size_t)n);
	for (unsigned i = 0; i < n; i++) {
		make_id(&id, i);
		found += (unsigned)fg_oidset_has(&set, &id);
		ck_assert_int_eq(fg_oidset_add(&set, &id), 0);
	}
	for (unsigned i = n; i < 2 * n; i++) {
		make_id(&id, i);
		absent += !fg_oidset_has(&set, &id);
	}
	ck_assert_uint_eq(found, n);
	ck_assert_uint_eq(absent, n);
	ck_assert_uint_eq(set.n, n);
	fg_oidset_release(&set);
}
END_TEST

Suite *oidset_suite(void)
{
	Suite *s = suite_create("oidset");
	TCase *set = tcase_create("set");

	tcase_add_test(set, test_oidset_empty);
	tcase_add_test(set, test_oidset_add_once);
	tcase_add_test(set, test_oidset_grows);
	suite_add_tcase(s, set);
	return s;
}
