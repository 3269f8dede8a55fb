#!/bin/sh
# build-gazetteer.sh: regenerates data/geo/gazetteer.tsv, the place gazetteer
# hadath ships, from GeoNames (../shared/geo) and the hand-written tables in
# data/geo (countries.in.tsv, admin1.in.tsv, names.in.tsv). POSIX sh + awk +
# sort only. The runtime reads gazetteer.tsv and rules.tsv, never ../shared.
#
#   sh scripts/build-gazetteer.sh [GEO_DIR]     (default: ../shared/geo)
#
# What it takes, and why (data/geo/SOURCE.md says the same for the reader):
#   - P rows: every row of cities15000.txt that has at least one Arabic-script
#     alternate name (any name holding a byte of U+0600-U+06FF), worldwide,
#     with the names of mideast_cities15000_arabic.tsv merged in (the same
#     GeoNames names, pulled out by hand; a row there adds nothing new unless
#     the dump changed). Names holding Latin letters or digits ("Najaf - نجف",
#     transliteration junk) are dropped; the rest are kept verbatim, diacritics
#     and all: the loader normalizes them with hd_text_normalize().
#     names.in.tsv adds Arabic names the dump lacks (واشنطن for Washington,
#     D.C., whose row has none), which also brings such rows in.
#   - C rows: the countries of countries.in.tsv. GeoNames' own country points
#     are not in the dump we have, so a country's point is derived from its
#     cities15000 places: the middle of the range its places span, in latitude
#     and in longitude, with the outer 5% on each side left out (so Hawaii,
#     the Canaries or Reunion do not drag a country into the sea), then
#     moved to the country's place nearest to it (the middle of a concave
#     country can fall abroad: Russia's falls in Kazakhstan). A country
#     without places keeps 0,0 and is reported.
#   - A rows: the regions of admin1.in.tsv. Their point is their seat: the
#     5th column of admin1.in.tsv if given (a geonameid, or a hand-entered
#     "lat,lon"), else the region's PPLA in cities15000, else its PPLC, else
#     its largest place; their population is the sum of their places.
#
# Output columns (tab-separated, one header line starting with #):
#   kind geonameid name cc lat lon fclass fcode population admin1 names adjectives
# with names and adjectives joined by |; a country row holds its ISO3 code in
# the admin1 column (the coder's actors carry ISO3 codes).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
geo=${1:-$here/../shared/geo}
out=$here/data/geo
cities=$geo/cities15000.txt
mideast=$geo/mideast_cities15000_arabic.tsv

for f in "$cities" "$mideast" "$out/countries.in.tsv" "$out/admin1.in.tsv" \
    "$out/names.in.tsv"; do
    [ -r "$f" ] || { echo "build-gazetteer: cannot read $f" >&2; exit 1; }
done

LC_ALL=C
export LC_ALL
tmp=${TMPDIR:-/tmp}/hd-gaz.$$
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

# 1. Places with Arabic names: geonameid TAB |-joined names, from both files.
awk -F'\t' '
function keep(s) {
    gsub(/^ +| +$/, "", s)
    if (s !~ /[\330-\333]/) return ""       # no Arabic-script letter
    if (s ~ /[A-Za-z0-9]/) return ""         # mixed with Latin or digits
    if (length(s) < 4) return ""             # one letter
    return s
}
FILENAME ~ /cities15000.txt$/ {
    n = split($4, a, ",")
    for (i = 1; i <= n; i++) { s = keep(a[i]); if (s != "") add($1, s) }
    next
}
FILENAME ~ /names.in.tsv$/ {                # hand-written extra names
    if ($0 ~ /^#/) next
    n = split($2, a, "|")
    for (i = 1; i <= n; i++) { s = keep(a[i]); if (s != "") add($1, s) }
    next
}
FNR > 1 {                                   # mideast TSV, after its header
    n = split($4, a, "|")
    for (i = 1; i <= n; i++) { s = keep(a[i]); if (s != "") add($1, s) }
}
function add(id, s,    had) {
    if ((id SUBSEP s) in seen) return
    seen[id SUBSEP s] = 1
    had = (id in names)
    names[id] = had ? names[id] "|" s : s
}
END { for (id in names) print id "\t" names[id] }
' "$cities" "$out/names.in.tsv" "$mideast" > "$tmp/names"

# 2. P rows, in geonameid order.
awk -F'\t' -v OFS='\t' '
NR == FNR { names[$1] = $2; next }
($1 in names) {
    print "P", $1, $3, $9, $5, $6, $7, $8, $15 + 0, $11, names[$1], ""
}' "$tmp/names" "$cities" | sort -t "$(printf '\t')" -k2,2n > "$tmp/places"

# 3. Country points: the middle of the 5%-95% range of each country's places.
middle() { # column -> "cc<TAB>middle"
    awk -F'\t' -v c="$1" '{ print $9 "\t" $c }' "$cities" |
        sort -t "$(printf '\t')" -k1,1 -k2,2n |
        awk -F'\t' '
        $1 != cc { flush(); cc = $1; n = 0 }
        { v[++n] = $2 }
        function flush(   cut) {
            if (!n) return
            cut = int(0.05 * (n - 1))
            printf "%s\t%.5f\n", cc, (v[1 + cut] + v[n - cut]) / 2
        }
        END { flush() }'
}
middle 5 > "$tmp/lat"
middle 6 > "$tmp/lon"

# The middle of a concave country can fall outside it (Russia's falls in
# Kazakhstan), so the point is snapped to the country's place nearest to it.
awk -F'\t' -v OFS='\t' '
FILENAME ~ /\/lat$/ { mlat[$1] = $2; next }
FILENAME ~ /\/lon$/ { mlon[$1] = $2; next }
/^#/ || NF < 6 { next }
FILENAME ~ /cities15000.txt$/ {
    c = $9
    if (!(c in mlat)) next
    dy = $5 - mlat[c]; dx = ($6 - mlon[c]) * cos(mlat[c] * 3.14159265 / 180)
    d = dx * dx + dy * dy
    if (!(c in best) || d < best[c]) { best[c] = d; lat[c] = $5; lon[c] = $6 }
    next
}
{
    if (!($1 in lat)) {
        print "build-gazetteer: no places for country " $1 > "/dev/stderr"
        lat[$1] = lon[$1] = 0
    }
    print "C", $3, $4, $1, lat[$1], lon[$1], "A", "PCLI", $5, $2, $6, $7
}' "$tmp/lat" "$tmp/lon" "$cities" "$out/countries.in.tsv" > "$tmp/countries"

# 4. Region points: the seat (given, else PPLA, else PPLC, else the largest).
awk -F'\t' -v OFS='\t' '
FILENAME ~ /cities15000.txt$/ {
    glat[$1] = $5; glon[$1] = $6
    k = $9 "." $11
    pop[k] += $15
    rank = ($8 == "PPLA") ? 3 : ($8 == "PPLC") ? 2 : 1
    if (rank > best[k] || (rank == best[k] && $15 + 0 > bestpop[k])) {
        best[k] = rank; bestpop[k] = $15 + 0; lat[k] = $5; lon[k] = $6
    }
    next
}
/^#/ || NF < 4 { next }
{
    split($1, cc, ".")
    err = "/dev/stderr"
    if ($5 ~ /,/) {
        split($5, ll, ","); lat[$1] = ll[1]; lon[$1] = ll[2]
    } else if ($5 != "" && ($5 in glat)) {
        lat[$1] = glat[$5]; lon[$1] = glon[$5]
    } else if ($5 != "") {
        print "build-gazetteer: unknown seat " $5 " for " $1 > err
    }
    if (!($1 in lat)) {
        print "build-gazetteer: no seat for region " $1 > err
        lat[$1] = lon[$1] = 0
    }
    print "A", $2, $3, cc[1], lat[$1], lon[$1], "A", "ADM1", pop[$1] + 0,
          cc[2], $4, ""
}' "$cities" "$out/admin1.in.tsv" > "$tmp/admin1"

# 5. Assemble.
{
    echo '# hadath gazetteer: made by scripts/build-gazetteer.sh; do not edit.'
    echo '# Data: GeoNames (geonames.org), CC BY 4.0; see SOURCE.md.'
    printf '#kind\tgeonameid\tname\tcc\tlat\tlon\tfclass\tfcode\t'
    printf 'population\tadmin1\tnames\tadjectives\n'
    cat "$tmp/countries" "$tmp/admin1" "$tmp/places"
} > "$out/gazetteer.tsv.new"
mv "$out/gazetteer.tsv.new" "$out/gazetteer.tsv"

awk -F'\t' '!/^#/ { k[$1]++; n += split($11, a, "|") }
END {
    printf "build-gazetteer: %d countries, %d regions, %d places, %d names\n",
           k["C"], k["A"], k["P"], n > "/dev/stderr"
}' "$out/gazetteer.tsv"
