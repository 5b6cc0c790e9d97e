#!/bin/sh
# Unpacks the LibreOffice of Debian 12's bookworm-backports (25.2 at the time
# of writing) into a directory of its own, without
# installing anything and without touching the system's LibreOffice or apt
# configuration, so that the benchmark and the end-to-end tests can be run
# against a newer office than Debian 12's 7.4:
#
#     bench/newer_office.sh [DIR]        (default build/lo-backports)
#     make bench-newer                   (runs this, then the benchmark)
#
# Writes DIR/env, to be sourced before running tests/e2e/run.py or
# bench/run_bench.py: it sets KA_SOFFICE (a wrapper around the unpacked
# soffice.bin) and UNO_TYPES (the newer office's type libraries, for
# Debian's pyuno client: without them the 7.4 client cannot decode types
# the newer office uses, e.g. XTheme, and the connection drops).  Use
# profiles of their own (KA_TEST_PROFILE, KA_BENCH_PROFILE) with it.
#
# Needs network access to deb.debian.org; the packages go to DIR/debs.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-$ROOT/build/lo-backports}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
R=$DIR/root
APT=$DIR/apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$DIR/debs"
printf 'deb http://deb.debian.org/debian bookworm main\ndeb http://deb.debian.org/debian bookworm-backports main\n' \
    > "$APT/sources.list"
A="-o Dir::Etc::SourceList=$APT/sources.list -o Dir::Etc::SourceParts=/dev/null \
-o Dir::State::Lists=$APT/lists -o Dir::Cache=$APT/cache -o Debug::NoLocking=1"
# shellcheck disable=SC2086
apt-get $A -qq update
# the backports version of LibreOffice
# shellcheck disable=SC2086
V=$(apt-cache $A madison libreoffice-core | awk -F'|' '/bookworm-backports/ {gsub(/ /, "", $2); print $2; exit}')
[ -n "$V" ] || { echo "no libreoffice-core in bookworm-backports" >&2; exit 1; }
# shellcheck disable=SC2086
OSV=$(apt-cache $A madison fonts-opensymbol | awk -F'|' '/bookworm-backports/ {gsub(/ /, "", $2); print $2; exit}')
echo "LibreOffice $V from bookworm-backports into $R"
PKGS="libreoffice-calc libreoffice-core libreoffice-common libreoffice-base-core
libreoffice-style-colibre libreoffice-uiconfig-common libreoffice-uiconfig-calc ure uno-libs-private
libuno-sal3 libuno-salhelpergcc3-3 libuno-cppu3 libuno-cppuhelpergcc3-3 libuno-purpenvhelpergcc3-3"
LIST=""
for p in $PKGS; do LIST="$LIST $p=$V"; done
[ -n "$OSV" ] && LIST="$LIST fonts-opensymbol=$OSV"
# libzxcvbn0: the one library 25.2 needs that Debian 12's LibreOffice does not
cd "$DIR/debs"
# shellcheck disable=SC2086
apt-get $A -qq download $LIST libzxcvbn0
rm -rf "$R"
mkdir -p "$R"
for f in "$DIR"/debs/*.deb; do dpkg -x "$f" "$R"; done
P=$R/usr/lib/libreoffice/program
# Debian writes the install directory into fundamentalrc
sed -i "s#^BRAND_BASE_DIR=file:///usr/lib/libreoffice\$#BRAND_BASE_DIR=file://$R/usr/lib/libreoffice#" \
    "$P/fundamentalrc"
# what libreoffice-common's postinst would do
mkdir -p "$R/etc/libreoffice/registry"
cp "$R/usr/lib/libreoffice/share/.registry/main.xcd" "$R/etc/libreoffice/registry/main.xcd"
# absolute symlinks (/etc/libreoffice, /var/lib/libreoffice, ...) point into the unpacked tree
find "$R" -type l -lname '/*' | while read -r l; do ln -sfn "$R$(readlink "$l")" "$l"; done
# the program libraries look next to themselves first ($ORIGIN): no LD_LIBRARY_PATH needed
ln -sfn ../../x86_64-linux-gnu/libzxcvbn.so.0 "$P/libzxcvbn.so.0"
cat > "$DIR/soffice" <<EOW
#!/bin/sh
# UNO_TYPES is meant for the Python client only
unset UNO_TYPES URE_MORE_TYPES
exec "$P/soffice.bin" "\$@"
EOW
chmod +x "$DIR/soffice"
cat > "$DIR/env" <<EOE
export KA_SOFFICE="$DIR/soffice"
export UNO_TYPES="file://$P/types.rdb file://$P/types/offapi.rdb file://$P/types/oovbaapi.rdb"
export KA_LO_VERSION="$V (bookworm-backports, unpacked in $R)"
EOE
echo "ready: . $DIR/env"
