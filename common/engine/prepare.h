/*
 * The prepare-commit-msg hook's logic: guidance for the message about to
 * be typed (guide.h), written into git's message file before the editor
 * opens. hooks/prepare-commit-msg.c and `flowgate hook prepare-commit-msg`
 * run it through fg_hook_main (hook.h).
 */
#ifndef FLOWGATE_PREPARE_H
#define FLOWGATE_PREPARE_H

#include "hook.h"


#endif
