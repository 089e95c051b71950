#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the translations against the sources as they are now:
#   - every .po in po/LINGUAS passes msgfmt --check and is UTF-8 with Plural-Forms;
#   - merged with a freshly extracted template, no message is untranslated or fuzzy;
#   - every file under src/, ui/ and data/ with translatable strings is listed in
#     po/POTFILES.in, and every listed file exists.
#
# Usage: check-po.sh SRCDIR

set -eu

srcdir="${1:?usage: check-po.sh SRCDIR}"
cd "$srcdir"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/check-po.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

failed=0
fail ()
{
  printf 'FAIL: %s\n' "$*"
  failed=1
}

# 1. POTFILES.in against the tree.
grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES.in | sed 's/[[:space:]]*$//' | sort -u >"$tmp/listed"
while read -r f; do
  [ -f "$f" ] || fail "po/POTFILES.in lists $f, which does not exist"
done <"$tmp/listed"

{
  # C: _(), N_(), C_(), NC_(), ngettext and the g_d*gettext family, with or
  # without a space before the parenthesis.
  grep -rlIE --include='*.c' --include='*.h' \
    '(^|[^A-Za-z0-9_])(N?C?_|ngettext|g_dngettext|g_dpgettext2?|g_dcgettext)[[:space:]]*\(' \
    src ui data 2>/dev/null || true
  # GtkBuilder and other XML with translatable properties.
  grep -rlI 'translatable="yes"' src ui data 2>/dev/null || true
  # Data files that are translatable by their kind.
  find data -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
    -o -name '*.appdata.xml.in' -o -name '*.gschema.xml' -o -name '*.gschema.xml.in' \) \
    2>/dev/null || true
} | sed 's|^\./||' | sort -u >"$tmp/needed"

for f in $(comm -23 "$tmp/needed" "$tmp/listed"); do
  fail "$f has translatable strings but is not in po/POTFILES.in"
done

# 2. A fresh template, extracted the way meson's i18n.gettext (preset: 'glib')
#    does it for the newsdesk-pot target.
if ! xgettext --package-name=newsdesk -p "$tmp" -f "$tmp/listed" -D . -k_ \
       -o newsdesk.pot \
       --from-code=UTF-8 --add-comments \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
       --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
       --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
       --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
       --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
       --flag=g_log:3:c-format --flag=g_print:1:c-format \
       --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
       --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
       --flag=g_snprintf:3:c-format; then
  fail "xgettext could not extract the template"
  exit 1
fi

# 3. Each language.
langs="$(grep -v '^[[:space:]]*\(#\|$\)' po/LINGUAS | tr -s '[:blank:]' '\n')"
[ -n "$langs" ] || fail "po/LINGUAS names no language"

for lang in $langs; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    fail "$po is missing (it is in po/LINGUAS)"
    continue
  fi

  if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/msgfmt.err"; then
    fail "msgfmt --check $po:"
    cat "$tmp/msgfmt.err"
  fi
  grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"' "$po" \
    || fail "$po is not declared UTF-8"
  grep -q '^"Plural-Forms: nplurals=' "$po" || fail "$po has no Plural-Forms"

  if ! msgmerge --quiet --output-file="$tmp/$lang.po" "$po" "$tmp/newsdesk.pot"; then
    fail "msgmerge could not merge $po with the template"
    continue
  fi

  stats="$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)"
  n_fuzzy=$(printf '%s\n' "$stats" | sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p')
  n_untranslated=$(printf '%s\n' "$stats" | sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p')
  if [ "${n_untranslated:-0}" -ne 0 ]; then
    fail "$po: $n_untranslated untranslated message(s):"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | awk 'BEGIN { RS = "" } NR > 1 { print; print "" }'
  fi
  if [ "${n_fuzzy:-0}" -ne 0 ]; then
    fail "$po: $n_fuzzy fuzzy message(s):"
    msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | awk 'BEGIN { RS = "" } NR > 1 { print; print "" }'
  fi
  printf '%s: %s\n' "$po" "$stats"
done

if [ "$failed" -ne 0 ]; then
  echo "To fix: add files to po/POTFILES.in, run 'meson compile -C _build newsdesk-update-po',"
  echo "translate what is new or fuzzy in po/*.po (see po/GLOSSARY.md)."
  exit 1
fi
echo "translations are complete"
