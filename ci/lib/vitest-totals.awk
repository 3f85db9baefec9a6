# ci/lib/vitest-totals.awk - sum the "Tests" summary lines of every vitest run in
# the logs it reads and print "<passed> <failed> <skipped>". .ci/run uses it.
#
# A summary line, after colours are stripped, maybe behind turbo's "@jq/x:test: ":
#        Tests  3 failed | 40 passed | 2 skipped | 1 todo (46)
# "skipped" and "todo" count as skipped (not passed); a run with no tests prints
# "Tests  no tests" and adds nothing. Test titles never match: they do not start
# with "Tests" and a number, nor end with the "(total)".
#
# The docs' example runner prints its own summary, counted the same way:
#   examples: 6 passed, 1 failed
{ gsub(/\033\[[0-9;]*m/, "") }
/^([^ \t]+:)?[ \t]*Tests[ \t]+[0-9]+ [a-z]/ && /\([0-9]+\)[ \t]*$/ {
  line = $0
  sub(/^.*Tests[ \t]+/, "", line)
  sub(/[ \t]*\([0-9]+\)[ \t]*$/, "", line)
  parts = split(line, part, /[ \t]*\|[ \t]*/)
  for (i = 1; i <= parts; i++) {
    if (split(part[i], word, /[ \t]+/) < 2) continue
    if (word[2] == "passed") passed += word[1]
    else if (word[2] == "failed") failed += word[1]
    else if (word[2] == "skipped" || word[2] == "todo") skipped += word[1]
  }
}
/^([^ \t]+:)?[ \t]*examples: [0-9]+ passed, [0-9]+ failed[ \t]*$/ {
  line = $0
  sub(/^.*examples: /, "", line)
  split(line, word, /[ ,]+/)
  passed += word[1]
  failed += word[3]
}
END { print passed + 0, failed + 0, skipped + 0 }
