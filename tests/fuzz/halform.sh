#!/bin/sh
# Turns the halfORM corpus (README.md in it: commit subjects, ref names,
# version-file values of the real repository) into seed inputs for one
# fuzz target: one small file per distinct value, in the shape the target
# reads (tests/fuzz/fuzz_<target>.c). Writes OUT/halform-<n>; nothing for a
# target the corpus has nothing for, or when a file is missing.
#
#   halform.sh TARGET CORPUS_DIR OUT_DIR

target=$1 src=$2 out=$3
# The C locale: awk and cut work on bytes, whichever awk this is (gawk
# counts characters in a UTF-8 locale, mawk never does).
LC_ALL=C
export LC_ALL
zero=0000000000000000000000000000000000000000

# emit: each line of stdin (with \n in it unescaped) as its own file
emit() {
	awk -v out="$out/halform-" '
		!seen[$0]++ {
			gsub(/\\n/, "\n")
			f = out NR
			printf "%s", $0 > f
			close(f)
		}'
}

have() { [ -f "$src/$1" ]; }

case $target in
message) # the subjects, as -m messages and as git's edited message file
	for f in headers.txt headers_main.txt; do
		have $f && cut -d' ' -f2- "$src/$f"
	done | emit ;;
branch)
	have refs.txt && awk -F'\t' 'NR > 1 && $1 ~ /^refs\/heads\// {
		sub(/^refs\/heads\//, "", $1); print $1 }' "$src/refs.txt" | emit ;;
tag) # name, then a message
	have refs.txt && awk -F'\t' 'NR > 1 && $1 ~ /^refs\/tags\// {
		sub(/^refs\/tags\//, "", $1); print $1 "\\nrelease: " $1 }' "$src/refs.txt" | emit ;;
version) # each value; then each tag with the version of its commit
	{
		have versions.tsv && awk -F'\t' 'NR > 1 { sub(/\\n$/, "", $3); print $3; print $5 }' \
			"$src/versions.tsv"
		have tag_vs_version.tsv && awk -F'\t' '{ v = $5; sub(/^version.txt=/, "", v)
			print $2 "\\n" v }' "$src/tag_vs_version.tsv"
	} | emit ;;
prepush)
	have refs.txt && awk -F'\t' -v z=$zero 'NR > 1 && $3 ~ /^[0-9a-f]+$/ && length($3) == 40 {
		print $1 " " $3 " " $1 " " z "\\n" }' "$src/refs.txt" | emit ;;
prereceive)
	have refs.txt && awk -F'\t' -v z=$zero 'NR > 1 && $3 ~ /^[0-9a-f]+$/ && length($3) == 40 {
		print z " " $3 " " $1 "\\n" }' "$src/refs.txt" | emit ;;
vfile) # version.txt contents, read whole (an empty pattern line); setup.py lines
	{
		have versions.tsv && awk -F'\t' 'NR > 1 && $3 != "-" { print "\\n" $3 }' \
			"$src/versions.tsv"
		have tag_vs_version.tsv && pattern="version\\s*=\\s*['\"]([^'\"]*)['\"]" \
			awk -F'\t' '{ print ENVIRON["pattern"] "\\n" $6 }' "$src/tag_vs_version.tsv"
	} | emit ;;
esac
exit 0
