/*
 * Text in git-config syntax parsed by libgit2's config parser, for the
 * committed configuration file read from a blob: libgit2 1.5.1 parses only
 * files, and follows [include] sections, which a committed file must not
 * make a hook do. Layer: rules, below config.
 */
#ifndef FLOWGATE_CFGPARSE_H
#define FLOWGATE_CFGPARSE_H

#include <stddef.h>
#include <git2.h>

/*
 * fg_config_parse_buffer: parse DATA[0..LEN), text in git-config syntax (a
 * committed .flowgate read from a blob), with libgit2's config parser.
 * Returns 0 and *OUT (free with git_config_free), or a negative libgit2
 * error (a syntax error: git_error_last() says which line; an [include] or
 * [includeIf] section is refused as one, naming its line).
 */
int fg_config_parse_buffer(git_config **out, const char *data, size_t len);

#endif
