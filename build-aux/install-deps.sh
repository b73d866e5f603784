#!/usr/bin/env bash
# Installs what Scholia needs to build, run and test on Debian 12 / Ubuntu, skipping what is
# already there. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  libsqlite3-dev sqlite3 libstemmer-dev libpoppler-glib-dev libjson-glib-dev libarchive-dev libqpdf-dev zlib1g-dev libzstd-dev
  libpango1.0-dev libfribidi-dev libcairo2-dev libhyphen-dev libsoup-3.0-dev libsecret-1-dev libxml2-dev libcmark-dev libbtparse-dev
  hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-it hyphen-ru
  desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus at-spi2-core python3-pyatspi xdotool imagemagick
  apache2 apache2-utils poppler-utils qpdf fonts-dejavu-core fonts-dejavu-extra fonts-noto-core python3
  locales
)

# The locales the translation tests run the app and scholia-cli in (tests/test-window-languages.c,
# tests/test-locale-formats.c). Generated from the `locales` package (about 4 MB, then 3 MB per
# locale) rather than `locales-all` (230 MB installed).
locales=(de_DE.UTF-8 fr_FR.UTF-8 es_ES.UTF-8 it_IT.UTF-8 pt_BR.UTF-8 ru_RU.UTF-8 pl_PL.UTF-8 en_US.UTF-8)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# `locale -a` names them in lower case without the dash: de_DE.utf8.
generate=()
for name in "${locales[@]}"; do
  short="${name%%.*}.utf8"
  if ! locale -a 2>/dev/null | grep -qx "$short"; then
    generate+=("$name")
  fi
done
if [ ${#generate[@]} -gt 0 ]; then
  echo "Generating locales: ${generate[*]}"
  for name in "${generate[@]}"; do
    # Uncommented in /etc/locale.gen (or added), so that a later locale-gen keeps it.
    if grep -q "^# *$name UTF-8" /etc/locale.gen 2>/dev/null; then
      $sudo sed -i "s/^# *$name UTF-8/$name UTF-8/" /etc/locale.gen
    elif ! grep -q "^$name UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$name UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
    fi
  done
  $sudo locale-gen
fi
