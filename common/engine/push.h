/*
 * The judgement of a push (engine layer): the rules on the ref updates a
 * push makes on the receiving side, by the configuration in force for
 * each. Shared by pre-push (the remote's view, from the clone) and the
 * server hooks pre-receive and update (hooks/); the commits a push brings
 * are newcommits.h's.
 */
#ifndef FLOWGATE_PUSH_H
#define FLOWGATE_PUSH_H

#include <stddef.h>
#include <git2.h>
#include "hook.h"
#include "refs.h"
#include "updates.h"

/*
 * The server names the pusher's remote as <remote> in hints: it does not
 * know what the pusher calls it.
 */
#define FG_SERVER_REMOTE "<remote>"

/*
 * fg_check_updates: the rules on COUNT ref UPDATES a push makes on the
 * receiving side (the remote, for pre-push; REPO itself, for pre-receive
 * and update): every pushed branch name and tip, every pushed tag,
 * branchProtected on rewrites and deletions, and the message and version
 * rules on each new commit once. The receiving side already has what
 * HAVE_GLOB (a refname glob, may be NULL: its remote-tracking refs) and
 * each update's old object hold. REMOTE names it in hints (a shell word,
 * or FG_SERVER_REMOTE). PENDING (may be NULL): the updates as refs the
 * repository does not show yet (a server's, before git applies the push;
 * pre-push's pushed tags), sorted by fg_pending_ref_cmp. On the receiving
 * side (CTX->receiving), HAVE_GLOB is unused (what the server judged
 * before: its branches and release tags), every update is judged by the
 * server's rules (those of its old commit, else of HEAD's), and refs
 * outside refs/heads/ and refs/tags/ face refNamespace. Each commit is
 * judged under the configuration of the first pushed tip (in input order)
 * that brings it. Each update's refname is parsed once, into its typed
 * form (struct fg_typed_update, updates.h): its namespace where the update
 * is read here, its branch kind and series or its release version under
 * the configuration in force for it, as soon as that is known (the pushed
 * tip's or the server's); the rules get that form, not the refname (but
 * for branchProtected on a deletion, by HEAD's rules, fg_check_protected). Neither UPDATES nor REPO is kept or freed. Returns an
 * FG_EXIT_* status; violations go to CTX->report (their scope: the index
 * of the update they are about; when the report is longer than it prints,
 * each omitted update's refname and the flowgate check-range command
 * listing them: fg_report_scope_set).
 */
int fg_check_updates(struct fg_hook_ctx *ctx, git_repository *repo,
		     const struct fg_ref_update *updates, size_t count, const char *have_glob,
		     const char *remote, const struct fg_pending *pending);

/*
 * fg_check_receive: pre-receive's judgement of COUNT parsed UPDATES
 * (fg_parse_updates with RECEIVE 1) against REPO, the receiving
 * repository (its refs not yet updated; the pushed objects readable, as in
 * git's quarantine): the same rules and refusals as fg_run_pre_receive,
 * violations added to CTX->report (CTX->hook names the hook in fatal
 * lines; CTX->receiving is set). Neither UPDATES nor REPO is kept or
 * freed. Returns an FG_EXIT_* status. For fg_run_pre_receive and the
 * repository fuzz target.
 */
int fg_check_receive(struct fg_hook_ctx *ctx, git_repository *repo,
		     const struct fg_ref_update *updates, size_t count);

#endif
