#!/usr/bin/env bash
# Installs what Scholia needs to build, run and test on Debian 12 / Ubuntu, skipping what is
# already there. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  libsqlite3-dev sqlite3 libstemmer-dev libpoppler-glib-dev libjson-glib-dev libarchive-dev libqpdf-dev zlib1g-dev
  libpango1.0-dev libfribidi-dev libcairo2-dev libhyphen-dev libsoup-3.0-dev libsecret-1-dev libxml2-dev libcmark-dev libbtparse-dev
  hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-it hyphen-ru
  desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus at-spi2-core python3-pyatspi xdotool imagemagick
  apache2 apache2-utils poppler-utils qpdf fonts-dejavu-core fonts-dejavu-extra fonts-noto-core python3
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "Installing: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
