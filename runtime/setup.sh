#!/usr/bin/env bash
# Installs what the README's two commands need and a fresh machine lacks, from Debian's packages.
#   runtime/setup.sh demo       what './loyalty demo' and './loyalty stack up' need
#   runtime/setup.sh test       what './loyalty test' needs: the demo's needs plus Jupyter for the notebooks test
#   runtime/setup.sh notebooks  what 'notebooks/run.sh' needs
# --dry-run prints what it would install and how, and changes nothing.
# As root it installs with apt-get; with password-less sudo through sudo; otherwise it stops at once with the one
# command to run. For tests, LOYALTY_SETUP_PRESENT ("pkg pkg …") replaces the probes of this machine with a list of
# installed packages, and LOYALTY_SETUP_PRIVILEGE (root|sudo|none) replaces the privilege check.
set -euo pipefail

dry_run=0
target=""
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=1 ;;
    demo|test|notebooks) target="$arg" ;;
    *) echo "usage: runtime/setup.sh [--dry-run] demo|test|notebooks" >&2; exit 2 ;;
  esac
done
[[ -n $target ]] || { echo "usage: runtime/setup.sh [--dry-run] demo|test|notebooks" >&2; exit 2; }

# present PACKAGE: is what this package provides already here? Probes look for what the project calls, not for
# the package name, so a JDK or PostgreSQL installed another way counts too.
present() {
  if [[ -n ${LOYALTY_SETUP_PRESENT+x} ]]; then
    [[ " $LOYALTY_SETUP_PRESENT " == *" $1 "* ]]
    return
  fi
  case "$1" in
    openjdk-17-jdk-headless) command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java" >/dev/null 2>&1 ;;
    maven) command -v mvn >/dev/null 2>&1 ;;
    # only the server binaries are used: the stack runs a private cluster (initdb, postgres) in its work folder
    postgresql) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ;;
    # the private cluster runs as the postgres user through runuser when the stack runs as root
    util-linux) command -v runuser >/dev/null 2>&1 ;;
    # notebooks/run.sh calls /usr/bin/jupyter itself: another python3 earlier on PATH may lack nbformat
    jupyter-notebook) [[ -x /usr/bin/jupyter-notebook ]] ;;
    jupyter-nbconvert) [[ -x /usr/bin/jupyter-nbconvert ]] ;;
    python3-ipykernel) dpkg -s python3-ipykernel >/dev/null 2>&1 ;;
    *) dpkg -s "$1" >/dev/null 2>&1 ;;
  esac
}

wanted=()
case "$target" in
  demo) wanted=(openjdk-17-jdk-headless maven postgresql util-linux) ;;
  notebooks) wanted=(jupyter-notebook jupyter-nbconvert python3-ipykernel) ;;
  test) wanted=(openjdk-17-jdk-headless maven postgresql util-linux jupyter-notebook jupyter-nbconvert python3-ipykernel) ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
  present "$pkg" || missing+=("$pkg")
done

# Trino 476 needs a JDK >= 24, which Debian 12 does not package; this machine kind ships Temurin 25.
trino_jdk=$(ls -d /usr/lib/jvm/*-25-* /usr/lib/jvm/*-24-* /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)
if [[ -z $trino_jdk && $target != notebooks ]]; then
  echo "note: no JDK >= 24 under /usr/lib/jvm, so Trino (SQL, KPIs) cannot start: install Temurin 25 there." >&2
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  [[ $dry_run -eq 1 ]] && echo "setup ($target): nothing to install"
  exit 0
fi

privilege=${LOYALTY_SETUP_PRIVILEGE:-}
if [[ -z $privilege ]]; then
  if [[ $(id -u) -eq 0 ]]; then privilege=root
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then privilege=sudo
  else privilege=none
  fi
fi
command_line="apt-get install -y ${missing[*]}"
case "$privilege" in
  root) runner="" ;;
  sudo) runner="sudo " ;;
  *)
    echo "error: this machine lacks ${missing[*]}; run 'sudo apt-get update && sudo $command_line', then again." >&2
    exit 1 ;;
esac

if [[ $dry_run -eq 1 ]]; then
  echo "setup ($target): would install ${missing[*]}"
  echo "would run: ${runner}apt-get update && ${runner}$command_line"
  exit 0
fi
echo "setup ($target): installing ${missing[*]} from Debian's packages …"
${runner}apt-get update -qq
${runner}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup ($target): installed ${missing[*]}"
