#!/bin/sh
# Unpacks the LibreOffice of the machine's Debian backports suite
# (bookworm-backports on Debian 12: 25.2 at the time of writing) into a
# directory of its own, without installing anything and without touching the
# system's LibreOffice or apt configuration, so that the end-to-end tests and
# the benchmark can run against a newer office than Debian 12's 7.4:
#
#     bench/newer_office.sh [DIR]        (default build/lo-backports)
#     make e2e-newer, make bench-newer   (run this, then the tests / benchmark)
#
# The package sources are the machine's own: the Debian entries of its apt
# configuration (Dir::Etc::SourceList and the *.list and deb822 *.sources
# files of Dir::Etc::SourceParts) that carry the release's codename, with
# <codename>-backports added on the same mirror, keyring and options.  Proxy
# and other Acquire settings of the machine's apt.conf apply as for apt itself.
# apt's state (lists, cache) is private, under DIR/apt; the packages go to
# DIR/debs and are unpacked with dpkg -x into DIR/root.
#
# Idempotent: a second run updates the private lists (a few seconds when
# nothing changed) and leaves everything as it is when the unpacked office is
# the one the mirror offers (same packages, versions and hashes); when the
# mirror cannot be reached, an office unpacked earlier is kept.
#
# Writes DIR/env last, to be sourced before running tests/e2e/run.py or
# bench/run_bench.py: it sets KA_SOFFICE (a wrapper around the unpacked
# soffice.bin), KA_LO_VERSION and UNO_TYPES (the newer office's type
# libraries, for Debian's pyuno client: without them the 7.4 client cannot
# decode types the newer office uses, e.g. XTheme, and the connection drops).
# Use profiles of their own (KA_TEST_PROFILE, KA_BENCH_PROFILE) with it.
set -e
ME=newer_office.sh
die() {
    echo "$ME: $*" >&2
    exit 1
}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-$ROOT/build/lo-backports}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
R=$DIR/root
APT=$DIR/apt
STAMP=$R/.ka-packages # the print-uris lines of the packages unpacked in $R

# ---- the machine's Debian mirror(s), plus the backports suite ----
# shellcheck source=/dev/null
CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$CODENAME" ] || die "/etc/os-release names no VERSION_CODENAME: not a Debian release?"
BP=$CODENAME-backports
eval "$(apt-config shell SL Dir::Etc::SourceList/f SP Dir::Etc::SourceParts/d)"
mkdir -p "$APT/sources" "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/uris" "$DIR/debs"
rm -f "$APT/sources/"*
set --
for f in "$SL" "$SP"*.list "$SP"*.sources; do
    if [ -f "$f" ]; then set -- "$@" "$f"; fi
done
[ $# -gt 0 ] || die "no apt sources: neither $SL nor $SP*.list, $SP*.sources exist"
# Every binary entry whose suites include $CODENAME is copied with the suites
# $CODENAME (for the libraries backports' LibreOffice needs from the release)
# and $BP; other entries (security, updates, third parties) are left out.
# One-line entries keep their [options]; deb822 stanzas keep every other field
# (Signed-By with an inline key, Architectures, ...) as written.
MIRRORS=$(awk -v c="$CODENAME" -v bp="$BP" -v list="$APT/sources/machine.list" \
    -v deb822="$APT/sources/machine.sources" '
function has(words, w,    n, a, i) {
    n = split(words, a, /[ \t]+/)
    for (i = 1; i <= n; i++) if (a[i] == w) return 1
    return 0
}
function stanza(    k, i) {
    if (has(tolower(f["types"]), "deb") && tolower(f["enabled"]) != "no" && has(f["suites"], c)) {
        printf "Types: deb\nURIs: %s\nSuites: %s %s\nComponents: %s\n", f["uris"], c, bp,
            f["components"] > deb822
        for (i = 1; i <= nraw; i++) if (!(rawkey[i] in skip)) printf "%s", raw[i] > deb822
        print "" > deb822
        mirrors = mirrors " " f["uris"]
    }
    split("", f); nraw = 0
}
BEGIN { split("types uris suites components enabled", s); for (k in s) skip[s[k]] = 1 }
FNR == 1 && nraw { stanza() }
FILENAME ~ /\.sources$/ {
    if ($0 ~ /^#/) next
    if ($0 ~ /^[ \t]*$/) { if (nraw) stanza(); next }
    if ($0 ~ /^[ \t]/) { raw[nraw] = raw[nraw] $0 "\n"; v = $0; sub(/^[ \t]+/, "", v); f[key] = f[key] " " v; next }
    key = tolower($0); sub(/:.*/, "", key)
    val = $0; sub(/^[^:]*:[ \t]*/, "", val); sub(/[ \t]+$/, "", val)
    f[key] = val; raw[++nraw] = $0 "\n"; rawkey[nraw] = key
    next
}
{
    sub(/#.*/, "")
    if ($1 != "deb") next
    opts = ""; i = 2
    if ($2 ~ /^\[/) {
        while (i <= NF && $i !~ /\]$/) opts = opts $(i++) " "
        opts = opts $(i++) " "
    }
    if ($(i + 1) != c) next
    comps = ""
    for (j = i + 2; j <= NF; j++) comps = comps " " $j
    for (j = 0; j < 2; j++) {
        line = "deb " opts $i " " (j ? bp : c) comps
        if (!(line in seen)) { seen[line] = 1; print line > list }
    }
    mirrors = mirrors " " $i
}
END { if (nraw) stanza(); print substr(mirrors, 2) }
' "$@")
[ -n "$MIRRORS" ] ||
    die "no Debian entry for $CODENAME in the apt sources ($*): cannot tell which mirror to take $BP from"

A="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$APT/sources \
-o Dir::State::Lists=$APT/lists -o Dir::Cache=$APT/cache -o Dir::Cache::pkgcache=pkgcache.bin \
-o Dir::Cache::srcpkgcache=srcpkgcache.bin -o Debug::NoLocking=1"
unpacked() { [ -f "$STAMP" ] && [ -f "$DIR/env" ] && [ -x "$DIR/soffice" ]; }
# shellcheck disable=SC2086
if ! apt-get $A -qq --error-on=any update; then
    unpacked || die "apt-get update failed for $BP at $MIRRORS (messages above)"
    echo "$ME: $MIRRORS unreachable; keeping the office unpacked earlier in $R" >&2
    exit 0
fi

# ---- the packages: backports' LibreOffice, and what it needs from the release ----
# version of $1 in suite $2 ("" when the suite has none)
version() {
    # shellcheck disable=SC2086
    apt-cache $A madison "$1" | awk -F'|' -v s=" $2/" 'index($3, s) {gsub(/ /, "", $2); print $2; exit}'
}
V=$(version libreoffice-core "$BP")
if [ -z "$V" ]; then
    # shellcheck disable=SC2086
    HAVE=$(apt-cache $A madison libreoffice-core |
        awk -F'|' '{gsub(/ /, "", $2); sub(/^ */, "", $3); printf "%s%s from %s", (NR > 1 ? ", " : ""), $2, $3}')
    die "$BP at $MIRRORS has no libreoffice-core (apt finds ${HAVE:-none}): no newer LibreOffice to unpack"
fi
OSV=$(version fonts-opensymbol "$BP")
PKGS="libreoffice-calc libreoffice-core libreoffice-common libreoffice-base-core
libreoffice-style-colibre libreoffice-uiconfig-common libreoffice-uiconfig-calc ure uno-libs-private
libuno-sal3 libuno-salhelpergcc3-3 libuno-cppu3 libuno-cppuhelpergcc3-3 libuno-purpenvhelpergcc3-3"
LIST=""
for p in $PKGS; do LIST="$LIST $p=$V"; done
[ -n "$OSV" ] && LIST="$LIST fonts-opensymbol=$OSV"
# libzxcvbn0: the one library 25.2 needs that Debian 12's LibreOffice does not
LIST="$LIST libzxcvbn0"
# apt-get download lists only what the current directory lacks: ask from an empty one
# shellcheck disable=SC2086
URIS=$(cd "$APT/uris" && apt-get $A -qq download --print-uris $LIST) ||
    die "$BP at $MIRRORS lacks some of the packages of LibreOffice $V (apt's message above)"
WANT=$(echo "$URIS" | sort)
if unpacked && [ "$WANT" = "$(cat "$STAMP")" ]; then
    echo "LibreOffice $V from $BP: already unpacked in $R"
    exit 0
fi

echo "LibreOffice $V from $BP ($MIRRORS) into $R"
rm -f "$DIR/env"
cd "$DIR/debs"
NAMES=$(echo "$WANT" | awk '{print $2}')
for f in *.deb; do
    if [ -f "$f" ] && ! echo "$NAMES" | grep -qxF "$f"; then rm -f "$f"; fi
done
# As root, apt downloads as user _apt, which cannot write here; it falls back
# to downloading as root with a warning: ask for that directly.
SANDBOX=""
[ "$(id -u)" = 0 ] && SANDBOX="-o APT::Sandbox::User=root"
# shellcheck disable=SC2086
apt-get $A $SANDBOX -qq download $LIST
rm -rf "$R" "$R.new"
mkdir -p "$R.new"
for f in $NAMES; do dpkg -x "$f" "$R.new"; done
P=$R/usr/lib/libreoffice/program
# Debian writes the install directory into fundamentalrc
sed -i "s#^BRAND_BASE_DIR=file:///usr/lib/libreoffice\$#BRAND_BASE_DIR=file://$R/usr/lib/libreoffice#" \
    "$R.new/usr/lib/libreoffice/program/fundamentalrc"
# what libreoffice-common's postinst would do
mkdir -p "$R.new/etc/libreoffice/registry"
cp "$R.new/usr/lib/libreoffice/share/.registry/main.xcd" "$R.new/etc/libreoffice/registry/main.xcd"
# absolute symlinks (/etc/libreoffice, /var/lib/libreoffice, ...) point into the unpacked tree
find "$R.new" -type l -lname '/*' | while read -r l; do ln -sfn "$R$(readlink "$l")" "$l"; done
# the program libraries look next to themselves first ($ORIGIN): no LD_LIBRARY_PATH needed
ln -sfn ../../x86_64-linux-gnu/libzxcvbn.so.0 "$R.new/usr/lib/libreoffice/program/libzxcvbn.so.0"
echo "$WANT" > "$R.new/.ka-packages"
mv "$R.new" "$R"
cat > "$DIR/soffice" <<EOW
#!/bin/sh
# UNO_TYPES is meant for the Python client only
unset UNO_TYPES URE_MORE_TYPES
exec "$P/soffice.bin" "\$@"
EOW
chmod +x "$DIR/soffice"
cat > "$DIR/env.new" <<EOE
export KA_SOFFICE="$DIR/soffice"
export UNO_TYPES="file://$P/types.rdb file://$P/types/offapi.rdb file://$P/types/oovbaapi.rdb"
export KA_LO_VERSION="$V ($BP, unpacked in $R)"
EOE
mv "$DIR/env.new" "$DIR/env"
echo "ready: . $DIR/env"
