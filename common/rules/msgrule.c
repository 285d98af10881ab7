/*
 * How the message rules report: a violation placed at a line and column of
 * the message as written, and the header a hint proposes put into line 1.
 * Layer: rules, below msgheader, msgbody and message.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "msgrule.h"
#include "report.h"
#include "suggest.h"

char *fg_msg_line1_with(const struct fg_msg_where *w, const char *header)
{
	if (!header)
		return NULL;
	if (!w->line1)
		return strdup(header);
	return fg_strdupf("%.*s%s%.*s", (int)w->judged_off, w->line1, header,
			  (int)(w->line1_len - w->judged_off - w->judged_len),
			  w->line1 + w->judged_off + w->judged_len);
}

char *fg_msg_proposed_line1(const struct fg_msg_where *w, const struct fg_config *cfg,
			    const char *header, size_t len)
{
	char *h = fg_suggest_header(cfg, header, len), *line = fg_msg_line1_with(w, h);

	free(h);
	return line;
}

struct fg_violation *fg_msg_add(const struct fg_msg_where *w, enum fg_rule rule, size_t line,
				size_t column, const char *text, size_t len, size_t width,
				const char *fmt, ...)
{
	struct fg_violation *v;
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = fg_vstrdupf(fmt, ap);
	va_end(ap);
	if (!what) {
		w->report->oom = 1;
		return NULL;
	}
	if (line == 1 && w->line1) { /* the header judged is part of line 1 */
		column += w->col1;
		text = w->line1;
		len = w->line1_len;
	}
	line += w->line0;
	v = fg_report_add(w->report, rule, "%s%sline %zu, column %zu: %s", w->pre, w->sep, line,
			  column, what);
	free(what);
	fg_violation_locate(v, line, column, text, len, width);
	return v;
}

